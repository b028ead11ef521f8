"""The test settings, plus the benchmarks' own templates (looked up after the site's) and URLs.

Only `wagtailcore/page.html` lives there: the template Wagtail uses for a plain
`wagtail.models.Page`, which the site itself never serves and so does not ship.
The database is a throwaway SQLite file: `benchmarks.common.setup` sets
SQLITE_PATH before Django reads these settings. `benchmarks/urls.py` is the site's
URLconf plus the views that benchmarks compare the site against.
"""

from pathlib import Path

from capisce.settings.test import *  # noqa: F403
from capisce.settings.test import TEMPLATES

TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]}
]

# The site's URLs plus the benchmarks' own baseline views (before Wagtail's catch-all).
ROOT_URLCONF = "benchmarks.urls"
