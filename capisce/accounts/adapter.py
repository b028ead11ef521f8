"""allauth's adapter, where the site differs from allauth's defaults: mail and client address."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import httpkit
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.urls import translate_url

from capisce.mail import send_later

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's mails from a task, reads the client's address safely, and opens the
    site in the learner's language once they sign in."""

    def get_login_redirect_url(self, request):
        """Where a sign-in without a `next` lands: the site in the account's language (the
        address decides the language, so the French catalogue is at /fr/)."""
        return translate_url(
            super().get_login_redirect_url(request), request.user.preferred_language
        )

    def get_email_verification_redirect_url(self, email_address):
        """After confirming the address, the site in the account's language too."""
        return translate_url(
            super().get_email_verification_redirect_url(email_address),
            email_address.user.preferred_language,
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """As allauth's, rendered in the request, but sent by a task: SMTP down breaks nothing."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        send_later(self.render_mail(template_prefix, email, ctx))

    def get_client_ip(self, request):
        """The address every rate limit counts by: allauth's, and ours through allauth's limiter.

        allauth reads it from what the trusted proxies wrote (`ALLAUTH_TRUSTED_CLIENT_IP_HEADER`,
        or the `ALLAUTH_TRUSTED_PROXY_COUNT`-th X-Forwarded-For entry from the right), checked
        to be an address. Where that is missing, not an address, or X-Forwarded-For has fewer
        entries than there are trusted proxies (allauth raises then), the request did not come
        through those proxies: the connection's own address counts, never a 500.
        """
        try:
            ip = httpkit.get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer entries than ALLAUTH_TRUSTED_PROXY_COUNT; "
                "counting the request under the connection's address"
            )
            ip = None
        ip = ip or httpkit.clean_client_ip(request.META.get("REMOTE_ADDR") or "")
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
