from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks

from .forms import ProfileForm


def remember_language(response, language):
    """Set the language cookie as Django's language switcher does (Secure in production)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_required
def profile(request):
    """My account: the name printed on certificates and the site language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.preferred_language)
        messages.success(request, _("Your details have been saved."))
        # What other apps do once the name is known (certificates waiting for it, say).
        for after_save in hooks.get_hooks("after_profile_save"):
            after_save(request, user)
        response = redirect("account_profile")
        remember_language(response, user.preferred_language)
        return response
    return render(request, "account/profile.html", {"form": form})
