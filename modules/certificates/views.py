"""Certificates in public: the check anyone may make, and the PDF for its learner and trainers."""

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from wagtail.permission_policies import ModelPermissionPolicy

from capisce.media import serve_private_file
from modules.certificates.documents import certificate_file
from modules.certificates.models import Certificate
from modules.certificates.pdf import normalize_code

CERTIFICATES = ModelPermissionPolicy(Certificate)


def _certificate_or_none(code):
    normalized = normalize_code(code)
    if normalized is None:
        return None
    return (
        Certificate.objects.filter(code=normalized).select_related("replaced_by", "learner").first()
    )


def certificate_lookup(request):
    """The verification form: a typed code (case, spaces and dashes forgiven)."""
    typed = request.GET.get("code", "")
    if typed:
        normalized = normalize_code(typed)
        if normalized:
            return redirect("certificates:verify", code=normalized)
        return render(
            request,
            "certificates/verify.html",
            {"status": "not_found", "typed": typed},
            status=404,
        )
    return render(request, "certificates/verify.html", {"status": None})


def certificate_verify(request, code):
    """Public: is this certificate genuine? Name, course, date and hours, nothing more; once
    its holder erased their account, name, course, date and status only, or that it was
    withdrawn at their request."""
    # allauth's limiter (shared cache, client IP as allauth sees it), applied to GET too.
    if not ratelimit.consume(
        request,
        app="allauth.account",
        action="verify_certificate",
        config=settings.CERTIFICATE_VERIFY_RATE,
        limit_get=True,
    ):
        return render(request, "certificates/verify.html", {"status": "too_many"}, status=429)
    certificate = _certificate_or_none(code)
    if certificate is None:
        return render(
            request, "certificates/verify.html", {"status": "not_found", "typed": code}, status=404
        )
    return render(
        request,
        "certificates/verify.html",
        {
            "status": certificate.status,
            "certificate": certificate,
            "course_title": certificate.course_title_in(get_language()),
        },
    )


def certificate_pdf(request, code):
    """The stored PDF, for its learner and trainers only; anyone else gets a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = _certificate_or_none(code)
    allowed = certificate is not None and (
        certificate.learner_id == request.user.pk
        or CERTIFICATES.user_has_permission(request.user, "view")
    )
    if not allowed or certificate.status != "valid":
        raise Http404("No certificate to download")
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("lang") or certificate.language
    if language not in languages:
        language = certificate.language
    stored = certificate_file(certificate=certificate, language=language)
    return serve_private_file(
        request,
        stored.file,
        as_attachment=True,
        filename=f"capisce-certificate-{certificate.course_slug}.pdf",
        content_type="application/pdf",
    )
