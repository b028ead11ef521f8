"""Trainers' certificate views: one certificate with its history, revoke, re-issue."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import InspectView

from modules import services
from modules.models import Certificate

MANAGE = "modules.change_certificate"


def history(certificate):
    """The chain of certificates for this learner and course, oldest first."""
    return list(
        Certificate.objects.filter(learner=certificate.learner, course=certificate.course)
        .select_related("replaced_by")
        .order_by("issued_at")
    )


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificate"] = self.object
        context["history"] = history(self.object)
        context["can_manage"] = self.request.user.has_perm(MANAGE)
        context["revoke_form"] = RevokeForm()
        return context


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is this certificate revoked?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Kept with the certificate and shown on its public page."),
    )


def _manageable(request, pk):
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return get_object_or_404(Certificate, pk=pk)


def revoke_view(request, pk):
    certificate = _manageable(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.certificate_revoke(certificate=certificate, reason=form.cleaned_data["reason"])
        messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.code})
        return redirect("certificates:inspect", certificate.pk)
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "header_title": _("Revoke a certificate")},
    )


def reissue_view(request, pk):
    certificate = _manageable(request, pk)
    if request.method == "POST":
        try:
            new = services.certificate_reissue(certificate=certificate)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("certificates:inspect", certificate.pk)
        messages.success(
            request,
            _("Re-issued as %(code)s; the old code now says it was replaced.") % {"code": new.code},
        )
        return redirect("certificates:inspect", new.pk)
    return TemplateResponse(
        request,
        "certificates/admin/reissue.html",
        {"certificate": certificate, "header_title": _("Re-issue a certificate")},
    )
