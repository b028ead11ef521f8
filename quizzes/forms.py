"""The quiz form: built from the questions as shown, it carries nothing about correctness."""

from django import forms

from quizzes.kinds import kind_for
from quizzes.tokens import form_keys, nonce_of, shown_questions

HUMAN_ERRORS = {"required", "incomplete"}


def quiz_form(quiz, token, data=None, *, nonce=None):
    """The form of `quiz` as the attempt of `token` (a token this server made) shows it.

    A caller that has read the token already passes its `nonce`.
    """
    if nonce is None:
        nonce = nonce_of(token)
    questions = shown_questions(
        quiz.question_data(),
        nonce=nonce,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_choices=quiz.shuffle_choices,
    )
    return QuizForm(questions, data, nonce=nonce, initial={"token": token})


class QuizForm(forms.Form):
    """One field per question (ordering and matching: one per item), every one opaque.

    Each question's kind (`quizzes.kinds`) adds its fields, checks them together and reads
    its answer back.

    Field names and option values are keys (`form_keys`) of the attempt's nonce with the id of
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
        self.key = form_keys(nonce)  # the field names' and option values' maker
        self.kinds = {}  # question id: its kind (see `quizzes.kinds`)
        self.names = {}  # question id: the names of its fields
        self.keys = {}  # field name: the item or pair id it stands for
        self.meanings = {}  # field name: {option value: the id, flag or position it means}
        for number, question in enumerate(questions, start=1):
            question["number"] = number
            kind = self.kinds[question["id"]] = kind_for(question["type"])
            self.names[question["id"]] = list(kind.add_fields(self, question))

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            qid = question["id"]
            self.kinds[qid].check(self, self.names[qid], cleaned)
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Django points an input with errors at "<its id>_error"; the form's template lists a
        # question's errors once, under the question's own id: point there instead.
        for qid, names in self.names.items():
            for name in names:
                if name in self._errors:
                    self.fields[name].widget.attrs["aria-describedby"] = question_errors_id(qid)

    def answers(self):
        """The cleaned answers in the shape scoring expects, keyed by question id."""
        return {
            q["id"]: self.kinds[q["id"]].answer(self, self.names[q["id"]], self.cleaned_data)
            for q in self.questions
        }

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


def question_errors_id(question_id) -> str:
    """The id of the list of a question's errors in the form's template."""
    return f"question-{question_id}-errors"


def widget_context(field):
    """What Django's template for a bound field's widget is given (its name, value,
    attributes and, for a select, its options), built as `BoundField.as_widget` builds it:
    `required`, `aria-invalid` and the rest stay Django's decisions, and the quiz form's own
    template writes the element, instead of one template rendered per widget and option.

    (Radio buttons and check boxes are written from `BoundField.subwidgets`, one per option.)
    """
    widget = field.field.widget
    attrs = field.build_widget_attrs({})
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget.get_context(field.html_name, field.value(), attrs)["widget"]
