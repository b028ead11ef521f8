"""A user deleted in the admin is erased, never deleted by a bare cascade.

Wagtail's delete view (one user) and bulk delete (several) run these hooks before they
delete; on the confirming POST the hooks erase the accounts through the same service as
"Delete my account" and answer in Wagtail's place, so its own deletion never runs.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from capisce.accounts import services


def _back(request):
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return redirect(next_url)
    return redirect("wagtailusers_users:index")


@hooks.register("before_delete_user")
def erase_user(request, user):
    if request.method != "POST":
        return None  # the confirm page: it says what the deletion does
    services.account_erase(user=user, by=request.user)
    messages.success(
        request,
        _("The account was erased. Its learning records stay in the reports, anonymous."),
    )
    return _back(request)


@hooks.register("before_bulk_action")
def erase_users(request, action_type, objects, action_class_instance):
    if action_type != "delete" or getattr(action_class_instance, "model", None) is not (
        get_user_model()
    ):
        return None
    erased = sum(1 for user in objects if services.account_erase(user=user, by=request.user))
    messages.success(
        request,
        ngettext(
            "%(count)s account was erased. Its learning records stay in the reports, anonymous.",
            "%(count)s accounts were erased. Their learning records stay in the reports, "
            "anonymous.",
            erased,
        )
        % {"count": erased},
    )
    return _back(request)


class EraseFormatter(LogFormatter):
    label = gettext_lazy("Erase an account")

    def format_message(self, log_entry):
        if log_entry.data.get("by_holder"):
            return _("Account erased at its holder's request")
        if log_entry.data.get("inactivity"):
            return _("Account erased after its holder was warned of its inactivity")
        return _("Account erased")


@hooks.register("register_log_actions")
def register_erase_action(actions):
    actions.register_action(services.ERASE_ACTION)(EraseFormatter)
