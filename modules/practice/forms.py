from django import forms
from django.utils.translation import gettext_lazy as _


class SelfAssessmentForm(forms.Form):
    """The learner scores their rendition on the grid and adds a note before submitting.

    One field per criterion, named `score_<criterion id>`; the service checks the scores
    again against the grid, so a forged form stores nothing.
    """

    note = forms.CharField(
        label=_("A note for your trainer (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            fields[self.field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=criterion.description,
                choices=[(score, str(score)) for score in criterion.scale],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Give a score for this criterion."),
                    "invalid_choice": _("Each score goes from 1 to %(max)s.")
                    % {"max": criterion.scale_max},
                },
            )
        self.fields = {**fields, **self.fields}

    @staticmethod
    def field_name(criterion):
        return f"score_{criterion.pk}"

    def scores(self):
        return {
            str(criterion.pk): self.cleaned_data[self.field_name(criterion)]
            for criterion in self.criteria
        }

    def score_fields(self):
        return [self[self.field_name(criterion)] for criterion in self.criteria]
