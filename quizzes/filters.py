"""Filters of the trainers' listings."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet

from quizzes.models import Quiz, QuizAttempt


class AttemptFilterSet(WagtailFilterSet):
    """Filters of the attempts list; a site adds its own (a course, say) by naming a subclass in
    QUIZZES_ATTEMPT_FILTERSET."""

    quiz = django_filters.ModelChoiceFilter(queryset=Quiz.objects.all())
    learner = django_filters.CharFilter(
        label=gettext_lazy("Learner (name or email)"), method="filter_learner"
    )
    passed = django_filters.BooleanFilter()

    class Meta:
        model = QuizAttempt
        fields = ["quiz", "learner", "passed"]

    def filter_learner(self, queryset, name, value):
        return queryset.filter(
            Q(learner__full_name__icontains=value) | Q(learner__email__icontains=value)
        )
