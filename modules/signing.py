"""PDF signatures with pyHanko, when a key and certificate are configured.

CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT name PEM files (the key
unencrypted, or with CERTIFICATE_SIGNING_PASSPHRASE). Without them, PDFs are
stored unsigned.
"""

from io import BytesIO

from django.conf import settings


def signing_configured() -> bool:
    return bool(
        getattr(settings, "CERTIFICATE_SIGNING_KEY", "")
        and getattr(settings, "CERTIFICATE_SIGNING_CERT", "")
    )


def sign_if_configured(pdf: bytes) -> bytes:
    if not signing_configured():
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    passphrase = getattr(settings, "CERTIFICATE_SIGNING_PASSPHRASE", "") or None
    signer = signers.SimpleSigner.load(
        settings.CERTIFICATE_SIGNING_KEY,
        settings.CERTIFICATE_SIGNING_CERT,
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    output = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name="CapisceSignature", reason="CAPISCE Academy certificate"
        ),
        signer=signer,
    )
    return output.getvalue()
