from django_tasks import task


@task()
def render_certificate(certificate_id: int, language: str):
    """Render and store a certificate's PDF (a worker runs this in production)."""
    from modules.models import Certificate
    from modules.services import certificate_file

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        certificate_file(certificate=certificate, language=language)
