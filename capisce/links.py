"""Links that leave the site (in PDFs and mails): always on its one public address."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """A path on the site's one public address (SITE_URL), for PDFs and mails."""
    return settings.SITE_URL.rstrip("/") + path
