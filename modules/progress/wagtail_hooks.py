"""Admin registration of progress: cohorts, the trainers' reports and their menu."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from modules.progress import admin_urls, reports, services
from modules.progress.models import Cohort


class CohortEnrolMixin:
    """After a cohort is saved, its learners are enrolled in its courses."""

    def save_instance(self):
        cohort = super().save_instance()
        enrolled = services.cohort_enrol(cohort=cohort)
        if enrolled:
            messages.info(
                self.request,
                _("%(count)s new enrolment(s) for the cohort's learners.") % {"count": enrolled},
            )
        return cohort


class CohortCreateView(CohortEnrolMixin, generic.CreateView):
    pass


class CohortEditView(CohortEnrolMixin, generic.EditView):
    pass


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 250
    add_to_admin_menu = True
    form_fields = ["name", "learners", "courses"]
    list_display = ["name"]
    search_fields = ["name"]
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView


@hooks.register("register_admin_viewset")
def register_cohorts():
    return CohortViewSet("cohorts")


@hooks.register("register_admin_urls")
def report_urls():
    return [path("reports/", include(admin_urls))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def course_progress_menu_item():
    return ReportMenuItem(
        _("Course progress"),
        reverse("progress_reports:course_progress"),
        icon_name="tasks",
        order=50,
    )


@hooks.register("register_reports_menu_item")
def course_summary_menu_item():
    return ReportMenuItem(
        _("Course summary"),
        reverse("progress_reports:course_summary_first"),
        icon_name="table",
        order=51,
    )


@hooks.register("after_profile_save")
def issue_pending_certificates(request, user):
    """A learner who finished a course before giving their full name gets its certificate now."""
    if services.certificates_issue_pending(learner=user):
        messages.success(request, gettext("Your certificate is ready on your dashboard."))
