"""Trainers' certificate views inside the certificate viewset: inspect with history, revoke,
re-issue. Revoking and re-issuing need the "revoke" permission (the viewset's policy) and are
written to Wagtail's audit log: who, when, why."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from django.views.generic.edit import FormMixin
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from modules.certificates.models import Certificate
from modules.certificates.services import certificate_reissue, certificate_revoke

REVOKE = "revoke"
REVOKE_ACTION = "certificates.revoke"
REISSUE_ACTION = "certificates.reissue"


def history(certificate):
    """The chain of certificates for this learner and course, oldest first."""
    return list(
        Certificate.objects.filter(learner=certificate.learner, course=certificate.course)
        .select_related("replaced_by")
        .order_by("issued_at")
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is this certificate revoked?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Kept with the certificate and shown on its public page."),
    )


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificate"] = self.object
        context["history"] = history(self.object)
        context["can_manage"] = self.permission_policy.user_has_permission(
            self.request.user, REVOKE
        )
        return context


class CertificateHistoryView(HistoryView):
    """The audit log of one certificate (who revoked or re-issued it, when, why): for its readers,
    since nobody may add, change or delete a certificate."""

    any_permission_required = ["view"]


class CertificateOperationView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, FormMixin, View
):
    """A confirm page (GET) and an operation (POST) on one certificate, for those who may revoke."""

    model = Certificate
    permission_required = REVOKE
    inspect_url_name = None
    form_class = None

    def get_form_class(self):
        return self.form_class or forms.Form

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        return self.form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificate"] = self.object
        context["cancel_url"] = reverse(self.inspect_url_name, args=(self.object.pk,))
        return context

    def inspect(self, certificate):
        return redirect(self.inspect_url_name, certificate.pk)


class RevokeView(CertificateOperationView):
    template_name = "certificates/admin/revoke.html"
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke a certificate")
    header_icon = "warning"

    def form_valid(self, form):
        reason = form.cleaned_data["reason"]
        certificate_revoke(certificate=self.object, reason=reason)
        log(self.object, REVOKE_ACTION, user=self.request.user, data={"reason": reason})
        messages.success(
            self.request, _("Certificate %(code)s revoked.") % {"code": self.object.code}
        )
        return self.inspect(self.object)


class ReissueView(CertificateOperationView):
    template_name = "certificates/admin/reissue.html"
    page_title = gettext_lazy("Re-issue a certificate")
    header_icon = "doc-full-inverse"

    def form_valid(self, form):
        try:
            new = certificate_reissue(certificate=self.object)
        except ValueError as error:
            messages.error(self.request, str(error))
            return self.inspect(self.object)
        log(self.object, REISSUE_ACTION, user=self.request.user, data={"replaced_by": new.code})
        messages.success(
            self.request,
            _("Re-issued as %(code)s; the old code now says it was replaced.") % {"code": new.code},
        )
        return self.inspect(new)
