"""Admin registration of certificates: templates as snippets, the certificates issued as a
read-only viewset whose revoke and re-issue views write to the audit log."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from capisce.permissions import ReadOnlyPolicy
from modules.certificates import admin_views
from modules.certificates.models import Certificate, CertificateTemplate


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
    url_prefix = "certificates"
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["code", "learner_name", "course_title", "issued_at", "status"]
    list_filter = ["course_title", "is_current"]
    search_fields = ["code", "learner_name", "learner__email", "course_title"]
    inspect_view_enabled = True
    inspect_view_class = admin_views.CertificateInspectView
    history_view_class = admin_views.CertificateHistoryView
    revoke_view_class = admin_views.RevokeView
    reissue_view_class = admin_views.ReissueView
    form_fields = []

    def operation_view(self, view_class):
        return self.construct_view(view_class, inspect_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/revoke/", self.operation_view(self.revoke_view_class), name="revoke"),
            path("<int:pk>/reissue/", self.operation_view(self.reissue_view_class), name="reissue"),
        ]


register_permission_policy(
    Certificate, ReadOnlyPolicy(Certificate, forbidden=("add", "change", "delete"))
)


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificateViewSet("certificate_admin")


class RevokeFormatter(LogFormatter):
    label = _("Revoke")

    def format_message(self, log_entry):
        return _("Revoked: %(reason)s") % {"reason": log_entry.data.get("reason", "")}


class ReissueFormatter(LogFormatter):
    label = _("Re-issue")

    def format_message(self, log_entry):
        return _("Re-issued as %(code)s") % {"code": log_entry.data.get("replaced_by", "")}


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    actions.register_action(admin_views.REVOKE_ACTION)(RevokeFormatter)
    actions.register_action(admin_views.REISSUE_ACTION)(ReissueFormatter)
