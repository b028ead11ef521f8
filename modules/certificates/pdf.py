"""Certificates as plain rules: codes, placeholders, a fetcher that reads only our files, PDFs.

Nothing here touches the database. The certificate template is rendered to HTML
by the caller; `render_pdf` turns it into a PDF with WeasyPrint, fetching only
the project's own static and media files.
"""

import mimetypes
import re
import secrets
from collections.abc import Callable

import segno
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Crockford-like: no 0/O, no 1/I/L, so a code read aloud or typed cannot be mistaken.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 20  # 20 symbols of 31: about 99 bits of randomness
CODE_PREFIX = "CAP"
PLACEHOLDERS = ("name", "course", "date", "hours")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
# Every URL in the certificate's HTML starts here; the fetcher maps it to our files.
PDF_BASE_URL = "https://certificate.capisce.invalid/"


def new_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(body)


def format_code(body: str) -> str:
    groups = [body[i : i + 4] for i in range(0, len(body), 4)]
    return "-".join([CODE_PREFIX, *groups])


def normalize_code(typed: str) -> str | None:
    """A code as people type it (any case, spaces, dashes) in its printed form, or None."""
    letters = re.sub(r"[^0-9A-Za-z]", "", typed or "").upper()
    if letters.startswith(CODE_PREFIX):
        letters = letters[len(CODE_PREFIX) :]
    if len(letters) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in letters):
        return None
    return format_code(letters)


def unknown_placeholders(text: str) -> list[str]:
    """The {words} in a template body that are not placeholders we fill."""
    return sorted({m for m in PLACEHOLDER_RE.findall(text or "") if m not in PLACEHOLDERS})


def fill_placeholders(text: str, values: dict) -> str:
    """Replace each {placeholder} once; the values are never scanned again.

    A learner named "{course}" stays "{course}" on the certificate.
    """
    return PLACEHOLDER_RE.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text or ""
    )


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (black on white, no external file)."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


class RefusedURL(ValueError):
    pass


def make_url_fetcher(open_static: Callable, open_media: Callable):
    """A WeasyPrint URL fetcher that serves our static and media files and nothing else.

    `open_static(path)` and `open_media(path)` return a binary file object or
    raise; anything outside PDF_BASE_URL/static/ and PDF_BASE_URL/media/ is refused.
    """

    class ProjectFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(PDF_BASE_URL):
                raise RefusedURL(f"refused: {url}")
            path = url[len(PDF_BASE_URL) :].split("?", 1)[0]
            if ".." in path.split("/"):
                raise RefusedURL(f"refused: {url}")
            if path.startswith("static/"):
                handle = open_static(path[len("static/") :])
            elif path.startswith("media/"):
                handle = open_media(path[len("media/") :])
            else:
                raise RefusedURL(f"refused: {url}")
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=handle.read(), headers={"Content-Type": mime_type})

    return ProjectFilesFetcher()


def render_pdf(html: str, *, url_fetcher, font_config=None) -> bytes:
    """A4 landscape PDF/A-3b with tags for screen readers, from standalone HTML."""
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=url_fetcher)
    return document.write_pdf(pdf_variant="pdf/a-3b", pdf_tags=True, font_config=font_config)
