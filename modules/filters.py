"""Admin filters that need to know about courses, for listings of apps that do not."""

import django_filters
from django.utils.translation import gettext_lazy as _

from modules.models import CoursePage
from modules.practice.filters import RenditionFilterSet
from modules.progress.models import Cohort
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


class CourseRenditionFilterSet(RenditionFilterSet):
    """The trainers' queue of renditions, filtered by course (the module's) and by cohort."""

    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        method="filter_course",
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"), queryset=Cohort.objects.all(), method="filter_cohort"
    )

    class Meta(RenditionFilterSet.Meta):
        fields = ["course", "cohort", *RenditionFilterSet.Meta.fields]

    def filter_course(self, queryset, name, course):
        return queryset.filter(module__path__startswith=course.path) if course else queryset

    def filter_cohort(self, queryset, name, cohort):
        return queryset.filter(learner__cohorts=cohort).distinct() if cohort else queryset
