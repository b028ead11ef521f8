from django import forms
from django.utils.translation import gettext_lazy as _


class GlossarySearchForm(forms.Form):
    """The glossary page's search: words, and the languages to show (none ticked: all)."""

    q = forms.CharField(
        label=_("Search the glossary"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    lang = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = list(languages)
