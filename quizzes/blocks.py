"""Question blocks: one block per kind of question, in a quiz's StreamField.

The block values have the plain-data shape that scoring, the question-bank
formats (GIFT, Moodle XML) and the attempt snapshots share. StreamField gives
every question, choice, item and pair a stable id.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from quizzes import get_excerpt_model_string

PROMPT_FEATURES = ["bold", "italic", "link"]


def _error(block_errors):
    return blocks.StructBlockValidationError(
        block_errors={name: ValidationError(message) for name, message in block_errors.items()}
    )


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Right answer"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False, help_text=_("Shown to a learner who picks it.")
    )

    class Meta:
        icon = "radio-full"


class PairBlock(blocks.StructBlock):
    left = blocks.CharBlock(label=_("Item"), max_length=300)
    right = blocks.CharBlock(label=_("Matches"), max_length=300)

    class Meta:
        icon = "link"


class QuestionBlock(blocks.StructBlock):
    """What every question has: a prompt, points, general feedback, a link to listen again.

    "Listen again" points at a snippet of the model the QUIZZES_EXCERPT_MODEL setting
    names (`get_excerpt_model_string`); without the setting it is left out.
    """

    title = blocks.CharBlock(
        label=_("Short title"), required=False, max_length=120, help_text=_("For reports.")
    )
    prompt = blocks.RichTextBlock(label=_("Question"), features=PROMPT_FEATURES)
    points = blocks.IntegerBlock(label=_("Points"), default=1, min_value=0, max_value=100)
    feedback = blocks.TextBlock(
        label=_("General feedback"),
        required=False,
        help_text=_("Shown after the attempt, whatever the answer."),
    )
    if get_excerpt_model_string():
        excerpt = SnippetChooserBlock(
            get_excerpt_model_string(),
            label=_("Listen again: excerpt"),
            required=False,
            help_text=_("An interview excerpt the learner can go back to."),
        )
        segment = blocks.IntegerBlock(
            label=_("Listen again: turn"),
            required=False,
            min_value=1,
            help_text=_("The transcript turn to start from (1 = first)."),
        )

    class Meta:
        icon = "help"


def _check_choices(choices, exactly_one):
    errors = {}
    right = sum(1 for choice in choices if choice["correct"])
    if len(choices) < 2:
        errors["choices"] = _("A question needs at least two choices.")
    elif exactly_one and right != 1:
        errors["choices"] = (
            _("Mark one choice as the right answer.")
            if right == 0
            else _("Only one choice may be right in a single-choice question.")
        )
    elif not exactly_one and right == 0:
        errors["choices"] = _("Mark at least one choice as a right answer.")
    if errors:
        raise _error(errors)


class SingleChoiceBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)

    def clean(self, value):
        value = super().clean(value)
        _check_choices(value["choices"], exactly_one=True)
        return value

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)
    scoring = blocks.ChoiceBlock(
        label=_("Scoring"),
        choices=[
            ("all_or_nothing", _("All or nothing")),
            ("proportional", _("A share per right pick, minus a share per wrong pick")),
        ],
        default="all_or_nothing",
    )

    def clean(self, value):
        value = super().clean(value)
        _check_choices(value["choices"], exactly_one=False)
        return value

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


class TrueFalseBlock(QuestionBlock):
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.TextBlock(label=_("Feedback for “true”"), required=False)
    feedback_false = blocks.TextBlock(label=_("Feedback for “false”"), required=False)

    class Meta:
        icon = "tick"
        label = _("True or false")


class OrderingBlock(QuestionBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        label=_("Items, in the right order"),
        min_num=2,
        help_text=_("Learners see them shuffled."),
    )
    scoring = blocks.ChoiceBlock(
        label=_("Scoring"),
        choices=[
            ("all_or_nothing", _("All or nothing")),
            ("per_item", _("The points for each item in its right place")),
        ],
        default="all_or_nothing",
    )

    def clean(self, value):
        value = super().clean(value)
        if len(value["items"]) < 2:
            raise _error({"items": _("An ordering question needs at least two items.")})
        return value

    class Meta:
        icon = "order"
        label = _("Ordering")


class MatchingBlock(QuestionBlock):
    pairs = blocks.ListBlock(
        PairBlock(),
        label=_("Pairs"),
        min_num=2,
        help_text=_("Each right pair earns the question's points."),
    )

    def clean(self, value):
        value = super().clean(value)
        if len(value["pairs"]) < 2:
            raise _error({"pairs": _("A matching question needs at least two pairs.")})
        return value

    class Meta:
        icon = "link"
        label = _("Matching")


class ReflectionQuestionBlock(QuestionBlock):
    points = blocks.IntegerBlock(label=_("Points"), default=0, min_value=0, max_value=0)

    class Meta:
        icon = "edit"
        label = _("Reflection (free text, a trainer answers)")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    ordering = OrderingBlock()
    matching = MatchingBlock()
    reflection = ReflectionQuestionBlock()

    class Meta:
        min_num = 1


class QuizBlock(blocks.StructBlock):
    """Places a quiz in a module's body."""

    quiz = SnippetChooserBlock("quizzes.Quiz")

    class Meta:
        icon = "form"
        template = "quizzes/quiz_block.html"
        description = _("A quiz: the learner answers and gets feedback.")
