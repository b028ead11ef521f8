from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from capisce.permissions import ReadOnlyPolicy
from modules import certificate_admin, reports, services, views
from modules.models import Certificate, CertificateTemplate, Cohort, InterviewExcerpt


class InterviewExcerptViewSet(SnippetViewSet):
    model = InterviewExcerpt
    icon = "media"
    menu_label = _("Interview excerpts")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "speaker", "setting"]
    list_filter = ["setting"]
    search_fields = ["title", "speaker"]


register_snippet(InterviewExcerptViewSet)


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
    return [
        path(
            "reports/course-progress/",
            reports.CourseProgressReport.as_view(),
            name="course_progress_report",
        ),
        path(
            "reports/course-progress/results/",
            reports.CourseProgressReport.as_view(results_only=True),
            name="course_progress_report_results",
        ),
        path(
            "reports/course-summary/",
            reports.course_summary_view,
            name="course_summary_first",
        ),
        path(
            "reports/course-summary/<int:course_id>/",
            reports.course_summary_view,
            name="course_summary_report",
        ),
        path(
            "reports/learners/<int:learner_id>/",
            reports.learner_detail_view,
            name="learner_report",
        ),
        path(
            "reports/learners/<int:learner_id>/reset/<int:course_id>/",
            reports.progress_reset_view,
            name="progress_reset",
        ),
        path(
            "reports/learners/<int:learner_id>/grant-attempts/",
            reports.attempt_grant_view,
            name="attempt_grant",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def course_progress_menu_item():
    return ReportMenuItem(
        _("Course progress"), reverse("course_progress_report"), icon_name="tasks", order=50
    )


@hooks.register("register_reports_menu_item")
def course_summary_menu_item():
    return ReportMenuItem(
        _("Course summary"), reverse("course_summary_first"), icon_name="table", order=51
    )


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "title"]


register_snippet(CertificateTemplateViewSet)


class CertificateViewSet(ModelViewSet):
    """Certificates issued: read, revoke with a reason, re-issue. Never added or edited by hand."""

    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["code", "learner_name", "course_title", "issued_at", "status"]
    list_filter = ["course_title", "is_current"]
    search_fields = ["code", "learner_name", "learner__email", "course_title"]
    inspect_view_enabled = True
    inspect_view_class = certificate_admin.CertificateInspectView
    form_fields = []


register_permission_policy(
    Certificate, ReadOnlyPolicy(Certificate, forbidden=("add", "change", "delete"))
)


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificateViewSet("certificates")


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    return [
        path(
            "certificates/<int:pk>/revoke/",
            certificate_admin.revoke_view,
            name="certificate_revoke",
        ),
        path(
            "certificates/<int:pk>/reissue/",
            certificate_admin.reissue_view,
            name="certificate_reissue",
        ),
        path("excerpt-media/<int:pk>/file/", views.excerpt_media_file, name="excerpt_media_file"),
    ]
