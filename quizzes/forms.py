"""The quiz form: built from the questions as shown, it carries nothing about correctness."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.tokens import form_key, nonce_of, shown_questions

REQUIRED = {"required": _("Please answer this question.")}
INVALID = {"invalid_choice": _("That answer is not one of this question's choices.")}
HUMAN_ERRORS = {"required", "incomplete"}
MAX_REFLECTION = 5000


def quiz_form(quiz, token, data=None):
    """The form of `quiz` as the attempt of `token` (a token this server made) shows it."""
    nonce = nonce_of(token)
    questions = shown_questions(
        quiz.question_data(),
        nonce=nonce,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_choices=quiz.shuffle_choices,
    )
    return QuizForm(questions, data, nonce=nonce, initial={"token": token})


def _match_owners(pairs, pair):
    """For each match text, the pair it stands for in `pair`'s row.

    A text that several pairs share stands for this pair when it is this pair's match.
    """
    owners = {}
    for other in pairs:
        owners.setdefault(other["right"], other["id"])
    owners[pair["right"]] = pair["id"]
    return owners


class QuizForm(forms.Form):
    """One field per question (ordering and matching: one per item), every one opaque.

    Field names and option values are `form_key`s of the attempt's nonce with the id of
    what they show (a question, item, pair or choice) or its text, never an id itself and
    never what is right, so nothing in the page links a field to its right option. The
    form maps posted values back (`answers`); a value it did not offer is refused like any
    choice that is not there.
    """

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, questions, *args, nonce, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.nonce = nonce
        self.names = {}  # question id: the names of its fields
        self.keys = {}  # field name: the item or pair id it stands for
        self.meanings = {}  # field name: {option value: the id, flag or position it means}
        for number, question in enumerate(questions, start=1):
            question["number"] = number
            self.names[question["id"]] = list(self._add_fields(question))

    def _name(self, *parts):
        return "q" + form_key(self.nonce, *parts)

    def _choice_field(self, name, qid, options, *, field_class=forms.ChoiceField, **kwargs):
        """A field offering `options`: (what the value is made from, what it means, label).

        A select (no widget given) starts on a blank option.
        """
        choices = [("", "—")] if "widget" not in kwargs else []
        self.meanings[name] = {}
        for seed, meaning, label in options:
            value = form_key(self.nonce, "option", qid, seed)
            self.meanings[name][value] = meaning
            choices.append((value, label))
        self.fields[name] = field_class(
            choices=choices, error_messages={**REQUIRED, **INVALID}, **kwargs
        )

    def _add_fields(self, question):
        qid, kind, value = question["id"], question["type"], question["value"]
        name = self._name("question", qid)
        if kind in ("single_choice", "multiple_choice"):
            options = [(c["id"], c["id"], c["text"]) for c in value["choices"]]
            if kind == "single_choice":
                self._choice_field(name, qid, options, widget=forms.RadioSelect)
            else:
                self._choice_field(
                    name,
                    qid,
                    options,
                    field_class=forms.MultipleChoiceField,
                    widget=forms.CheckboxSelectMultiple,
                )
            yield name
        elif kind == "true_false":
            options = [("true", True, _("True")), ("false", False, _("False"))]
            self._choice_field(name, qid, options, widget=forms.RadioSelect)
            yield name
        elif kind == "ordering":
            positions = [(str(n), n, str(n)) for n in range(1, len(value["items"]) + 1)]
            for item in value["shown_items"]:
                field_name = self._name("item", qid, item["id"])
                self._choice_field(field_name, qid, positions, label=item["text"])
                self.keys[field_name] = item["id"]
                yield field_name
        elif kind == "matching":
            for pair in value["pairs"]:
                field_name = self._name("pair", qid, pair["id"])
                owners = _match_owners(value["pairs"], pair)
                options = [(text, owners[text], text) for text in value["shown_matches"]]
                self._choice_field(field_name, qid, options, label=pair["left"])
                self.keys[field_name] = pair["id"]
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
            names = self.names[question["id"]]
            given = [cleaned.get(n) for n in names]
            if None in given or "" in given:
                continue
            positions = [self.meanings[n][value] for n, value in zip(names, given, strict=True)]
            if sorted(positions) != list(range(1, len(names) + 1)):
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
            names = self.names[qid]
            if kind == "reflection":
                answers[qid] = data[names[0]]
            elif kind in ("single_choice", "true_false"):
                answers[qid] = self.meanings[names[0]][data[names[0]]]
            elif kind == "multiple_choice":
                answers[qid] = sorted({self.meanings[names[0]][v] for v in data[names[0]]})
            elif kind == "ordering":
                positions = {self.keys[n]: self.meanings[n][data[n]] for n in names}
                answers[qid] = sorted(positions, key=positions.get)
            elif kind == "matching":
                answers[qid] = {self.keys[n]: self.meanings[n][data[n]] for n in names}
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
            fields = [self[name] for name in self.names[question["id"]]]
            messages = list(dict.fromkeys(e for field in fields for e in field.errors))
            rows.append((question, fields, messages))
        return rows
