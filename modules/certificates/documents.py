"""A certificate as a document: its HTML from the snapshot, the signed PDF/A, stored once.

WeasyPrint renders the standalone HTML with the fonts shipped in the project and a
fetcher that reads nothing but our own files; pyHanko signs when a key is configured.
"""

import functools

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from weasyprint.text.fonts import FontConfiguration

from modules.certificates.models import (
    DEFAULT_BODY,
    DEFAULT_TITLE,
    Certificate,
    CertificateFile,
)
from modules.certificates.pdf import (
    PDF_BASE_URL,
    fill_placeholders,
    make_url_fetcher,
    qr_svg,
    render_pdf,
)
from modules.certificates.signing import sign_if_configured


def certificate_html(certificate, language: str) -> str:
    """The certificate's standalone HTML, from its snapshot, in the given language."""
    template = certificate.template
    with translation.override(language):
        title = template["title"]
        body = template["body"]
        if title == DEFAULT_TITLE:
            title = gettext(title)
        if body == DEFAULT_BODY:
            body = gettext(DEFAULT_BODY)
        issued = timezone.localtime(certificate.issued_at).date()
        values = {
            "name": certificate.learner_name,
            "course": certificate.course_title_in(language),
            "date": date_format(issued, "j F Y"),
            "hours": number_format(certificate.course_hours.normalize()),
        }
        url = certificate.verification_url
        return render_to_string(
            "certificates/certificate.html",
            {
                **values,
                "language": language,
                "title": title,
                "body": fill_placeholders(body, values),
                "accent": template["accent"],
                "logo": template.get("logo"),
                "signatories": template.get("signatories", []),
                "code": certificate.code,
                "verify_url": url,
                "qr": qr_svg(url),
                "base": PDF_BASE_URL,
            },
        )


def _open_static(path):
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return open(found, "rb")  # noqa: SIM115 - the fetcher reads and closes it


@functools.cache
def _font_config():
    """One font setup per process: a new one per document leaks native memory (WeasyPrint)."""
    return FontConfiguration()


def certificate_render(certificate, language: str) -> bytes:
    fetcher = make_url_fetcher(_open_static, default_storage.open)
    return render_pdf(
        certificate_html(certificate, language), url_fetcher=fetcher, font_config=_font_config()
    )


def certificate_file(*, certificate, language: str) -> CertificateFile:
    """The stored PDF in this language, rendered now if needed: once, even under a race."""
    stored = CertificateFile.objects.filter(certificate=certificate, language=language).first()
    if stored is not None:
        return stored
    with transaction.atomic():
        Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
        stored = CertificateFile.objects.filter(certificate=certificate, language=language).first()
        if stored is not None:
            return stored
        pdf = certificate_render(certificate, language)
        stored = CertificateFile(certificate=certificate, language=language)
        # The private storage names it at random: its code is printed on it for all to see.
        stored.file.save("certificate.pdf", ContentFile(sign_if_configured(pdf)), save=False)
        stored.save()
    return stored
