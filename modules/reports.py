"""The log of sensitive excerpts' openings, for trainers in the admin (Reports menu).

Built on Wagtail's ReportView: read-only, filtered by excerpt, learner, kind and date,
exported to CSV and XLSX. Two queries a page of results, whatever its length.
"""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from capisce.accounts.filters import LearnerFilter
from modules.models import ExcerptOpening, InterviewExcerpt
from modules.progress.reports import local_iso, local_naive, spreadsheet_safe

OPENINGS = ModelPermissionPolicy(ExcerptOpening)


def can_see_openings(user):
    return OPENINGS.user_has_permission(user, "view")


def logged_excerpts(request=None):
    """The excerpts a trainer may filter by: sensitive ones, and any with openings logged."""
    return (
        InterviewExcerpt.objects.filter(Q(sensitive=True) | Q(openings__isnull=False))
        .distinct()
        .order_by("title")
    )


class ExcerptOpeningFilterSet(WagtailFilterSet):
    excerpt = django_filters.ModelChoiceFilter(label=_("Excerpt"), queryset=logged_excerpts)
    learner = LearnerFilter()
    what = django_filters.ChoiceFilter(label=_("Opened"), choices=ExcerptOpening.What.choices)
    opened_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = ExcerptOpening
        fields = ["excerpt", "learner", "what", "opened_at"]


def local_time(opening):
    return date_format(timezone.localtime(opening.opened_at), "DATETIME_FORMAT")


class ExcerptOpeningReport(ReportView):
    """Who opened which sensitive excerpt, and when: newest first."""

    page_title = _("Sensitive excerpt openings")
    header_icon = "view"
    index_url_name = "modules_reports:excerpt_openings"
    index_results_url_name = "modules_reports:excerpt_openings_results"
    filterset_class = ExcerptOpeningFilterSet
    paginate_by = 50
    any_permission_required = ["view"]
    permission_policy = OPENINGS
    export_filename = "sensitive-excerpt-openings"
    columns = [
        Column("opened_at", label=_("Opened at"), accessor=local_time),
        Column("learner", label=_("Learner"), accessor="learner.full_name"),
        Column("email", label=_("Email"), accessor="learner.email"),
        Column("excerpt_title", label=_("Excerpt")),
        Column("what", label=_("Opened"), accessor="get_what_display"),
    ]
    list_export = [
        "opened_at",
        "learner.full_name",
        "learner.email",
        "excerpt_title",
        "get_what_display",
    ]
    export_headings = {
        "opened_at": _("Opened at"),
        "learner.full_name": _("Learner"),
        "learner.email": _("Email"),
        "excerpt_title": _("Excerpt"),
        "get_what_display": _("Opened"),
    }
    custom_field_preprocess = {
        "learner.full_name": {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe},
        "learner.email": {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe},
        "excerpt_title": {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe},
    }
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.datetime: {"csv": local_iso, "xlsx": local_naive},
    }

    def get_queryset(self):
        return ExcerptOpening.objects.select_related("learner").order_by("-opened_at", "-pk")

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"
