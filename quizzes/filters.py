"""Filters of the trainers' listings."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from capisce.accounts.filters import LearnerFilter
from quizzes.models import Quiz, QuizAttempt


class AttemptFilterSet(WagtailFilterSet):
    """Filters of the attempts list; a site adds its own (a course, say) by naming a subclass in
    QUIZZES_ATTEMPT_FILTERSET."""

    quiz = django_filters.ModelChoiceFilter(queryset=Quiz.objects.all())
    learner = LearnerFilter()
    passed = django_filters.BooleanFilter()

    class Meta:
        model = QuizAttempt
        fields = ["quiz", "learner", "passed"]
