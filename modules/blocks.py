"""The blocks a trainer builds a module from.

Rich text is narrow on purpose: headings are their own block (so the outline
stays valid), and there are no images or embeds inside paragraphs.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from quizzes.blocks import QuizBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        form_classname = "title"
        description = _("A section heading within the module.")
        preview_value = "Before the interview"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(default=_("Key points"), max_length=80)
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_points.html"
        description = _("A short list of what the learner should remember.")
        preview_value = {
            "title": "Key points",
            "points": ["Keep open questions open.", "Render everything the child says."],
        }


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(help_text=_("A question the learner thinks about."))

    class Meta:
        icon = "help"
        template = "blocks/reflection.html"
        description = _("A question for the learner to reflect on.")
        preview_value = {"prompt": "What would you say to the officer before the hearing?"}


class ExcerptStructValue(blocks.StructValue):
    """The excerpt with the chosen range of its transcript applied."""

    @cached_property
    def segments(self):
        excerpt = self.get("excerpt")
        if excerpt is None:
            return []
        segments = list(excerpt.segments.all())
        first = self.get("first_segment") or 1
        last = self.get("last_segment") or len(segments)
        return segments[first - 1 : last]

    @cached_property
    def first_index(self):
        """How many turns of the transcript come before the ones shown."""
        return (self.get("first_segment") or 1) - 1


class InterviewExcerptBlock(blocks.StructBlock):
    excerpt = SnippetChooserBlock("modules.InterviewExcerpt")
    caption = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=_("What the learner should listen for."),
    )
    first_segment = blocks.IntegerBlock(
        required=False,
        min_value=1,
        help_text=_("Show the transcript from this segment (1 = first)."),
    )
    last_segment = blocks.IntegerBlock(
        required=False, min_value=1, help_text=_("Show the transcript up to this segment.")
    )

    def clean(self, value):
        value = super().clean(value)
        first, last = value.get("first_segment"), value.get("last_segment")
        if first and last and first > last:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "last_segment": ValidationError(
                        _("The last segment must come after the first.")
                    )
                }
            )
        return value

    class Meta:
        icon = "media"
        template = "blocks/interview_excerpt.html"
        value_class = ExcerptStructValue
        description = _("An interview excerpt: its audio or video and the transcript.")


class ContentNoteBlock(blocks.StructBlock):
    """A trauma-informed warning: it says what follows, and the learner chooses to open it."""

    note = blocks.TextBlock(
        help_text=_("Say plainly what the hidden content describes, without detail.")
    )
    content = blocks.StreamBlock(
        [
            ("heading", HeadingBlock()),
            (
                "paragraph",
                blocks.RichTextBlock(features=PARAGRAPH_FEATURES, template="blocks/paragraph.html"),
            ),
            ("key_points", KeyPointsBlock()),
            ("interview_excerpt", InterviewExcerptBlock()),
        ],
        min_num=1,
    )

    class Meta:
        icon = "warning"
        template = "blocks/content_note.html"
        description = _("Content the learner opens after reading a warning.")


class InterpretingExerciseBlock(blocks.StructBlock):
    """Places an interpreting exercise in a module's body: the learner records a rendition."""

    exercise = SnippetChooserBlock("practice.InterpretingExercise")

    class Meta:
        icon = "media"
        template = "practice/blocks/exercise.html"
        description = _(
            "An interpreting exercise: the learner reads the briefing, interprets the excerpt "
            "and records their rendition for review."
        )


class ModuleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="blocks/paragraph.html", icon="pilcrow"
    )
    key_points = KeyPointsBlock()
    content_note = ContentNoteBlock()
    interview_excerpt = InterviewExcerptBlock()
    reflection = ReflectionBlock()
    quiz = QuizBlock()
    interpreting_exercise = InterpretingExerciseBlock()


def values_of(stream, block_type):
    """Every value of one block type in a module body, in order. Only blocks of that type are
    loaded: walking the whole stream would load every excerpt of the body too."""
    return [
        stream[index].value
        for index, child in enumerate(stream.raw_data)
        if child["type"] == block_type
    ]


def quiz_values(stream):
    """Every quiz block value in a module body, in order."""
    return values_of(stream, "quiz")


def exercise_values(stream):
    """Every interpreting-exercise block value in a module body, in order."""
    return values_of(stream, "interpreting_exercise")


def quiz_ids(stream):
    """The ids of the quizzes a module body places, read from its stored data (none loaded)."""
    for child in stream.raw_data:
        if child["type"] == "quiz":
            yield child["value"].get("quiz")


def exercise_ids(stream):
    """The ids of the exercises a module body places, read from its stored data."""
    for child in stream.raw_data:
        if child["type"] == "interpreting_exercise":
            yield child["value"].get("exercise")


def excerpt_blocks(stream):
    """Every interview-excerpt value in a module body, content notes included."""
    for child in stream:
        if child.block_type == "interview_excerpt":
            yield child.value
        elif child.block_type == "content_note":
            for inner in child.value["content"]:
                if inner.block_type == "interview_excerpt":
                    yield inner.value


def excerpt_ids(stream):
    """The ids of the excerpts a module body shows, content notes included, read from its
    stored data as excerpt_blocks walks it, without loading a single excerpt."""
    for child in stream.raw_data:
        if child["type"] == "interview_excerpt":
            yield child["value"].get("excerpt")
        elif child["type"] == "content_note":
            for inner in child["value"].get("content") or []:
                if inner["type"] == "interview_excerpt":
                    yield inner["value"].get("excerpt")
