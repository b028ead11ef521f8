"""Allauth's mails (password reset, address confirmation...) leave from a background task."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from capisce.mail import send_later


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """As allauth's, rendered in the request, but sent by a task: SMTP down breaks nothing."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        send_later(self.render_mail(template_prefix, email, ctx))
