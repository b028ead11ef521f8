"""Background work of certificates (a worker runs it in production)."""

from django_tasks import task

from modules.certificates.documents import certificate_file
from modules.certificates.models import Certificate


@task()
def render_certificate(certificate_id: int, language: str):
    """Render and store a certificate's PDF."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        certificate_file(certificate=certificate, language=language)
