"""Filters the trainers' listings share."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LearnerFilter(django_filters.CharFilter):
    """Rows whose `learner` has the text, in any case, in their full name or email; blank
    (or only spaces) filters nothing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Learner (name or email)"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(learner__full_name__icontains=value) | Q(learner__email__icontains=value)
        )
