from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial="en"
    )

    field_order = ["full_name", "email", "password1", "password2", "preferred_language"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter your full name."))
        return name

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["full_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    """What a learner may change about themselves."""

    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter your full name."))
        return name
