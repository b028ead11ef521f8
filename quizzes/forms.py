"""The quiz form: built from the questions as shown, it carries nothing about correctness."""

from django import forms
from django.utils.translation import gettext_lazy as _

REQUIRED = {"required": _("Please answer this question.")}
INVALID = {"invalid_choice": _("That answer is not one of this question's choices.")}
HUMAN_ERRORS = {"required", "incomplete"}
MAX_REFLECTION = 5000


class QuizForm(forms.Form):
    """One field per question (ordering and matching: one per item), named by stable ids."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            question["number"] = number
            question["fields"] = list(self._add_fields(question))

    def _add_fields(self, question):
        qid, kind, value = question["id"], question["type"], question["value"]
        name = f"q_{qid}"
        messages = {**REQUIRED, **INVALID}
        if kind == "single_choice":
            self.fields[name] = forms.ChoiceField(
                choices=[(c["id"], c["text"]) for c in value["choices"]],
                widget=forms.RadioSelect,
                error_messages=messages,
            )
            yield name
        elif kind == "multiple_choice":
            self.fields[name] = forms.MultipleChoiceField(
                choices=[(c["id"], c["text"]) for c in value["choices"]],
                widget=forms.CheckboxSelectMultiple,
                error_messages={**messages, "invalid_choice": INVALID["invalid_choice"]},
            )
            yield name
        elif kind == "true_false":
            self.fields[name] = forms.ChoiceField(
                choices=[("true", _("True")), ("false", _("False"))],
                widget=forms.RadioSelect,
                error_messages=messages,
            )
            yield name
        elif kind == "ordering":
            positions = [("", "—")] + [(str(n), str(n)) for n in range(1, len(value["items"]) + 1)]
            for item in value["shown_items"]:
                field_name = f"{name}__{item['id']}"
                self.fields[field_name] = forms.ChoiceField(
                    label=item["text"], choices=positions, error_messages=messages
                )
                yield field_name
        elif kind == "matching":
            options = [("", "—")] + [(p["id"], p["right"]) for p in value["shown_matches"]]
            for pair in value["pairs"]:
                field_name = f"{name}__{pair['id']}"
                self.fields[field_name] = forms.ChoiceField(
                    label=pair["left"], choices=options, error_messages=messages
                )
                yield field_name
        elif kind == "reflection":
            self.fields[name] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=MAX_REFLECTION,
                error_messages=REQUIRED,
            )
            yield name

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question["type"] != "ordering":
                continue
            names = question["fields"]
            given = [cleaned.get(n) for n in names]
            if None in given or "" in given:
                continue
            if sorted(int(p) for p in given) != list(range(1, len(names) + 1)):
                self.add_error(
                    names[0],
                    forms.ValidationError(
                        _("Give each item a different position, from 1 to %(count)s."),
                        code="not_a_permutation",
                        params={"count": len(names)},
                    ),
                )
        return cleaned

    def answers(self):
        """The cleaned answers in the shape scoring expects, keyed by question id."""
        data = self.cleaned_data
        answers = {}
        for question in self.questions:
            qid, kind = question["id"], question["type"]
            name = f"q_{qid}"
            if kind in ("single_choice", "reflection"):
                answers[qid] = data[name]
            elif kind == "multiple_choice":
                answers[qid] = sorted(set(data[name]))
            elif kind == "true_false":
                answers[qid] = data[name] == "true"
            elif kind == "ordering":
                positions = {n.split("__", 1)[1]: int(data[n]) for n in question["fields"]}
                answers[qid] = sorted(positions, key=positions.get)
            elif kind == "matching":
                answers[qid] = {n.split("__", 1)[1]: data[n] for n in question["fields"]}
        return answers

    def is_tampered(self):
        """True when an error is not one a person makes (a value no control can send)."""
        return any(
            error.code not in HUMAN_ERRORS
            for errors in self.errors.as_data().values()
            for error in errors
        )

    def bound_questions(self):
        """(question, bound fields, its error messages once each) for the template."""
        rows = []
        for question in self.questions:
            fields = [self[name] for name in question["fields"]]
            messages = list(dict.fromkeys(e for field in fields for e in field.errors))
            rows.append((question, fields, messages))
        return rows
