from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    """Interpreting practice: exercises on excerpts, learners' recorded renditions, reviews."""

    name = "modules.practice"
    label = "practice"
    verbose_name = _("Interpreting practice")
    default_auto_field = "django.db.models.BigAutoField"
