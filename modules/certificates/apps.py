from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates: issued on completion, rendered as signed PDF/A, verified by anyone."""

    name = "modules.certificates"
    label = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"
