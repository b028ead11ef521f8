"""Filters of the trainers' queue of renditions."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from capisce.accounts.filters import LearnerFilter
from modules.practice.models import InterpretingExercise, Rendition


class RenditionFilterSet(WagtailFilterSet):
    """Filters of the renditions queue; a site adds its own (a course, a cohort) by naming a
    subclass in PRACTICE_RENDITION_FILTERSET, as it does for the quiz attempts."""

    status = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=[
            (Rendition.Status.SUBMITTED, _("Waiting for review")),
            (Rendition.Status.REVIEWED, _("Reviewed")),
        ],
        empty_label=_("Waiting or reviewed"),
    )
    exercise = django_filters.ModelChoiceFilter(
        label=_("Exercise"), queryset=InterpretingExercise.objects.all()
    )
    learner = LearnerFilter()

    class Meta:
        model = Rendition
        fields = ["status", "exercise", "learner"]
