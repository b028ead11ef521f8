"""PDF signatures with pyHanko, when a key and certificate are configured.

CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT name PEM files (the key
unencrypted, or with CERTIFICATE_SIGNING_PASSPHRASE). Without them, PDFs are
stored unsigned.
"""

from io import BytesIO

from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.sign import signers


def signing_configured() -> bool:
    return bool(
        getattr(settings, "CERTIFICATE_SIGNING_KEY", "")
        and getattr(settings, "CERTIFICATE_SIGNING_CERT", "")
    )


def sign_if_configured(pdf: bytes) -> bytes:
    if not signing_configured():
        return pdf
    passphrase = getattr(settings, "CERTIFICATE_SIGNING_PASSPHRASE", "") or None
    signer = signers.SimpleSigner.load(
        settings.CERTIFICATE_SIGNING_KEY,
        settings.CERTIFICATE_SIGNING_CERT,
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    keep_metadata_in_step(writer)
    output = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name="CapisceSignature", reason="CAPISCE Academy certificate"
        ),
        signer=signer,
    )
    return output.getvalue()


def keep_metadata_in_step(writer: IncrementalPdfFileWriter):
    """Let the signed file's Info dictionary and XMP say the same, as PDF/A requires.

    pyHanko writes its own name as the XMP's pdf:Producer but appends it to the
    Info's /Producer, and dates the change in the XMP only. So the Info gets
    pyHanko's producer too, and one modification time is written in both.
    """
    now = timezone.localtime().replace(microsecond=0)
    writer.document_meta.last_modified = now
    info = generic.DictionaryObject(writer.trailer["/Info"].get_object())
    info["/Producer"] = generic.TextStringObject(VENDOR)
    info["/ModDate"] = generic.pdf_date(now)
    writer.set_info(info)
