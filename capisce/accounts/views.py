from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import hooks

from capisce.accounts import services
from capisce.accounts.exports import export_expiry_days
from capisce.accounts.models import DataExport
from capisce.media import serve_private_file

from .forms import AccountDeleteForm, ProfileForm

# Wrong passwords on "Delete my account", per account, as allauth counts failed sign-ins.
DELETE_FAILED_RATE = {"account_delete_failed": "5/5m/user"}
# Set in the session that follows an erasure: the next page knows the account is gone.
ERASED = "account_erased"


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


@login_required
def data_export(request):
    """Download my data: ask for a zip of everything, then find its link here (and by mail)."""
    if request.method == "POST":
        export, new = services.data_export_request(user=request.user)
        export.refresh_from_db()  # built already where tasks run at once
        if not new:
            messages.info(request, _("Your data is already being prepared."))
        elif export.status == "ready":
            messages.success(request, _("Your data is ready: download it below."))
        else:
            messages.success(
                request, _("Your data is being prepared. We will mail you when it is ready.")
            )
        return redirect("account_export")
    export = DataExport.objects.for_user(request.user).first()
    return render(
        request,
        "account/data_export.html",
        {"export": export, "expiry_days": export_expiry_days()},
    )


@require_safe
@login_required
def data_export_download(request, token):
    """The zip, for its person only, until it expires; a 404 for anyone else and after."""
    export = DataExport.objects.for_user(request.user).ready().filter(token=token).first()
    if export is None:
        raise Http404("No such export")
    day = timezone.localdate(export.ready_at).isoformat()
    return serve_private_file(
        request,
        export.file,
        as_attachment=True,
        filename=f"capisce-academy-my-data-{day}.zip",
        content_type="application/zip",
    )


def account_delete(request):
    """Delete my account, confirmed with the password; the person answers the registered
    choices (their certificates). A second click finds the account gone and says so."""
    if not request.user.is_authenticated:
        if request.method == "POST" or request.session.get(ERASED):
            # A click that raced the one that erased the account (its session went with it).
            return redirect("account_deleted")
        return redirect_to_login(request.get_full_path())
    user = request.user
    if user.is_superuser:
        messages.error(
            request,
            _(
                "An administrator's account is deleted by another administrator, in the admin "
                "(Settings, Users). Nothing was deleted."
            ),
        )
        return redirect("account_profile")
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST":
        limited = not ratelimit.consume(
            request,
            app="allauth.account",
            action="account_delete_failed",
            config=DELETE_FAILED_RATE,
            dry_run=True,
        )
        if limited:
            messages.error(
                request,
                _(
                    "Too many wrong passwords. Wait a few minutes, then try again. "
                    "Nothing was deleted."
                ),
            )
            return render(request, "account/delete.html", {"form": form}, status=429)
        if form.is_valid():
            erased = services.account_erase(user=user, answers=form.answers(), by=user)
            logout(request)
            request.session[ERASED] = True
            if not erased:
                messages.info(request, _("Your account had already been deleted."))
            return redirect("account_deleted")
        if form.has_error("password", "wrong_password"):
            ratelimit.consume(
                request,
                app="allauth.account",
                action="account_delete_failed",
                config=DELETE_FAILED_RATE,
            )
        return render(request, "account/delete.html", {"form": form}, status=400)
    return render(request, "account/delete.html", {"form": form})


def account_deleted(request):
    """After the erasure: what went and what stays. Signed in, there is nothing to show."""
    if request.user.is_authenticated:
        return redirect("account_profile")
    return render(request, "account/deleted.html", {"erased": request.session.get(ERASED, False)})
