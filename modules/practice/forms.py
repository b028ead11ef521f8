from django import forms
from django.utils.translation import gettext_lazy as _


class GridScoresForm(forms.Form):
    """Scores on an assessment grid: one field per criterion, named `score_<criterion id>`.

    The service checks the scores again against the grid, so a forged form stores nothing.
    """

    scores_required = True

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
                empty_value=None,
                required=self.scores_required,
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
        """{criterion id: score} for the criteria scored."""
        return {
            str(criterion.pk): self.cleaned_data[self.field_name(criterion)]
            for criterion in self.criteria
            if self.cleaned_data.get(self.field_name(criterion)) is not None
        }

    def score_fields(self):
        return [self[self.field_name(criterion)] for criterion in self.criteria]


class SelfAssessmentForm(GridScoresForm):
    """The learner scores their rendition on the grid and adds a note before submitting."""

    note = forms.CharField(
        label=_("A note for your trainer (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReviewForm(GridScoresForm):
    """The trainer's scores and summary. A draft may leave scores out."""

    scores_required = False
    summary = forms.CharField(
        label=_("Summary for the learner"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
