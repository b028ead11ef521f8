"""The test settings, plus the benchmarks' own templates (looked up after the site's).

Only `wagtailcore/page.html` lives there: the template Wagtail uses for a plain
`wagtail.models.Page`, which the site itself never serves and so does not ship.
The database is a throwaway SQLite file: `benchmarks.common.setup` sets
SQLITE_PATH before Django reads these settings.
"""

from pathlib import Path

from capisce.settings.test import *  # noqa: F403
from capisce.settings.test import TEMPLATES

TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]}
]
