from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from capisce.accounts import personal_data

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


class AccountDeleteForm(forms.Form):
    """Delete my account: the password, and the person's answer to each registered choice
    that applies to them (whether their certificates stay verifiable, say)."""

    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To be sure it is you."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.choices = [choice for choice in personal_data.choices() if choice.applies(user)]
        for choice in self.choices:
            self.fields[self.field_of(choice)] = forms.ChoiceField(
                label=choice.label,
                choices=[(value, label) for value, label, _help in choice.options],
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose one.")},
            )
        self.order_fields([*(self.field_of(choice) for choice in self.choices), "password"])

    @staticmethod
    def field_of(choice):
        return f"choice_{choice.name}"

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your password. Nothing was deleted."), code="wrong_password"
            )
        return password

    def answers(self) -> dict:
        return {choice.name: self.cleaned_data[self.field_of(choice)] for choice in self.choices}

    def choice_fieldsets(self) -> list:
        """Each choice as a group of radio buttons, every option with its explanation."""
        fieldsets = []
        for choice in self.choices:
            field = self[self.field_of(choice)]
            current = field.value()
            fieldsets.append(
                {
                    "legend": choice.label,
                    "name": field.html_name,
                    "errors": field.errors,
                    "options": [
                        {
                            "id": f"{field.auto_id}_{value}",
                            "value": value,
                            "label": label,
                            "help": help_text,
                            "checked": current == value,
                        }
                        for value, label, help_text in choice.options
                    ],
                }
            )
        return fieldsets
