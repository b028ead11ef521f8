"""The Content-Security-Policy: django-csp's, with the Wagtail admin's looser directives."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


def uses_admin_policy(request) -> bool:
    """The admin's own pages, and the pages Wagtail renders inside it.

    A preview (and a moderator's view of a draft) is rendered through the middleware on a
    dummy request for the page's public URL, and shown in a frame of the admin: it needs the
    admin's policy (framed by the admin), not the public one (framed by nobody).
    """
    return getattr(request, "is_dummy", False) or request.path_info.startswith(
        reverse("wagtailadmin_home")
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """CONTENT_SECURITY_POLICY everywhere; CONTENT_SECURITY_POLICY_ADMIN's directives replace
    its own where the admin's policy applies. A view's csp_replace decorator still wins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and uses_admin_policy(request):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        return parts
