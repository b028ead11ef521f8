"""Admin filters that need to know about courses, for listings of apps that do not."""

import django_filters
from django.utils.translation import gettext_lazy as _

from modules.models import CoursePage
from quizzes.filters import AttemptFilterSet


class CourseAttemptFilterSet(AttemptFilterSet):
    """The quiz attempts list, filtered by the course whose module an attempt was made on."""

    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        method="filter_course",
    )

    class Meta(AttemptFilterSet.Meta):
        fields = ["course", *AttemptFilterSet.Meta.fields]

    def filter_course(self, queryset, name, course):
        return queryset.filter(module__path__startswith=course.path) if course else queryset
