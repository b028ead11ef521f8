from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from .forms import ProfileForm


@login_required
def profile(request):
    """My account: the name printed on certificates and the site language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.preferred_language)
        messages.success(request, _("Your details have been saved."))
        from modules.services import certificates_issue_pending

        if certificates_issue_pending(learner=user):
            messages.success(request, _("Your certificate is ready on your dashboard."))
        response = redirect("account_profile")
        response.set_cookie("django_language", user.preferred_language, samesite="Lax")
        return response
    return render(request, "account/profile.html", {"form": form})
