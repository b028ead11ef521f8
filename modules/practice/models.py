"""Interpreting practice: an exercise wraps an excerpt; a learner records a rendition of it;
a trainer reviews the rendition with remarks pinned to moments of the recording.

Renditions are learners' records: plain rows pointing at the exercise and the module with
SET_NULL and keeping the exercise's title, their audio in the private storage.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from capisce.querysets import LearnerQuerySet
from capisce.storage import RandomName, private_storage

# The version of the recording notice a learner accepts; a new text needs a new version.
CONSENT_VERSION = "2026-12"
BRIEFING_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AssessmentGrid(ClusterableModel):
    """The criteria a rendition is assessed on, by its learner and by a trainer.

    One grid is the site's default: exercises without a grid of their own use it.
    """

    name = models.CharField(_("name"), max_length=150)
    is_default = models.BooleanField(
        _("the site's default grid"),
        default=False,
        help_text=_("Exercises that name no grid use this one. Only one grid can be the default."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        InlinePanel("criteria", heading=_("Criteria"), label=_("Criterion"), min_num=1),
    ]

    class Meta:
        verbose_name = _("assessment grid")
        verbose_name_plural = _("assessment grids")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_assessment_grid",
                violation_error_message=_(
                    "Another grid is already the site's default: untick it there first."
                ),
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def site_default(cls):
        return cls.objects.filter(is_default=True).first()


class GridCriterion(Orderable):
    """One criterion of a grid, scored in whole numbers from 1 to its scale's maximum."""

    grid = ParentalKey(AssessmentGrid, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(_("criterion"), max_length=150)
    description = models.TextField(_("what it means"), blank=True)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"),
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("Scores go from 1 to this number (2 to 10)."),
    )

    panels = [FieldPanel("label"), FieldPanel("description"), FieldPanel("scale_max")]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.label

    @property
    def scale(self):
        return range(1, self.scale_max + 1)


class InterpretingExercise(TranslatableMixin, index.Indexed, ClusterableModel):
    """An excerpt with media that a learner interprets and records, placed in a module body.

    The briefing comes before the source plays, as a real interview begins; the model
    rendition opens once the learner has submitted theirs.
    """

    class Mode(models.TextChoices):
        CONSECUTIVE = "consecutive", _("Consecutive, turn by turn")
        SIMULTANEOUS = "simultaneous", _("Simultaneous")

    title = models.CharField(_("title"), max_length=200)
    excerpt = models.ForeignKey(
        "modules.InterviewExcerpt",
        verbose_name=_("interview excerpt"),
        on_delete=models.PROTECT,
        related_name="exercises",
        help_text=_("The source the learner interprets: an excerpt with audio or video."),
    )
    briefing = RichTextField(
        _("briefing"),
        features=BRIEFING_FEATURES,
        help_text=_(
            "Who is in the room, the setting, the child's age and language variety, the "
            "signal for a break, the terms to prepare."
        ),
    )
    mode = models.CharField(
        _("mode"), max_length=16, choices=Mode.choices, default=Mode.CONSECUTIVE
    )
    source_language = models.CharField(_("source language"), max_length=40)
    target_language = models.CharField(_("target language"), max_length=40)
    model_media = models.ForeignKey(
        "modules.ExcerptMedia",
        verbose_name=_("model rendition (audio)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown to the learner after they submit their rendition."),
    )
    model_transcript = models.TextField(_("model rendition (transcript)"), blank=True)
    grid = models.ForeignKey(
        AssessmentGrid,
        verbose_name=_("assessment grid"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exercises",
        help_text=_("Left empty, the site's default grid."),
    )
    max_seconds = models.PositiveIntegerField(
        _("longest recording (seconds)"),
        default=600,
        validators=[MinValueValidator(1)],
    )
    review_required = models.BooleanField(
        _("a trainer's review completes the module"),
        default=True,
        help_text=_("Unticked, a submitted rendition is enough for the module to be done."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("excerpt"),
        FieldPanel("briefing"),
        MultiFieldPanel(
            [FieldPanel("mode"), FieldPanel("source_language"), FieldPanel("target_language")],
            heading=_("Mode and languages"),
        ),
        InlinePanel(
            "turns",
            heading=_("Turns (consecutive)"),
            label=_("Turn"),
            help_text=_("Where each source turn ends: the source pauses there."),
        ),
        MultiFieldPanel(
            [FieldPanel("model_media"), FieldPanel("model_transcript")],
            heading=_("Model rendition"),
        ),
        MultiFieldPanel(
            [FieldPanel("grid"), FieldPanel("max_seconds"), FieldPanel("review_required")],
            heading=_("Assessment"),
        ),
        InlinePanel(
            "hard_moments",
            heading=_("Hard moments"),
            label=_("Hard moment"),
            help_text=_("Moments of the source to compare every learner's rendition of."),
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    # The model rendition is a recording in the target language: the same in every language.
    override_translatable_fields = [SynchronizedField("model_transcript")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("interpreting exercise")
        verbose_name_plural = _("interpreting exercises")
        ordering = [Lower("title")]

    def __str__(self):
        return self.title

    @property
    def is_consecutive(self):
        return self.mode == self.Mode.CONSECUTIVE

    def assessment_grid(self):
        """The exercise's grid, or the site's default."""
        return self.grid or AssessmentGrid.site_default()

    def turn_ends(self):
        return [float(turn.end) for turn in self.turns.all()]


class ExerciseTurn(Orderable):
    """Where one turn of the source ends: in consecutive mode the source pauses there."""

    exercise = ParentalKey(InterpretingExercise, on_delete=models.CASCADE, related_name="turns")
    end = models.DecimalField(
        _("turn ends at (seconds)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    panels = [FieldPanel("end")]

    class Meta(Orderable.Meta):
        verbose_name = _("turn")
        verbose_name_plural = _("turns")

    def __str__(self):
        return str(self.end)


class HardMoment(Orderable):
    """A moment of the source that trainers compare across learners' renditions."""

    exercise = ParentalKey(
        InterpretingExercise, on_delete=models.CASCADE, related_name="hard_moments"
    )
    at = models.DecimalField(
        _("at (seconds of the source)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    label = models.CharField(_("what happens there"), max_length=200)

    panels = [FieldPanel("at"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("hard moment")
        verbose_name_plural = _("hard moments")

    def __str__(self):
        return self.label


class RecordingConsent(models.Model):
    """A learner accepted the recording notice (who hears, how long it is kept, how to delete)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recording_consents"
    )
    version = models.CharField(_("notice version"), max_length=20, default=CONSENT_VERSION)
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    objects = LearnerQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("recording consent")
        verbose_name_plural = _("recording consents")
        constraints = [
            models.UniqueConstraint(fields=["learner", "version"], name="one_consent_per_version")
        ]

    def __str__(self):
        return f"{self.learner} — {self.version}"


class RenditionQuerySet(LearnerQuerySet):
    def waiting(self):
        """Submitted renditions that no trainer has reviewed yet."""
        return self.filter(status=Rendition.Status.SUBMITTED)

    def feedback_waiting(self):
        """Reviewed renditions whose learner has not opened the feedback yet."""
        return self.filter(status=Rendition.Status.REVIEWED, feedback_seen_at__isnull=True)


class Rendition(models.Model):
    """One recorded take of a learner interpreting an exercise: draft, submitted, reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REVIEWED = "reviewed", _("Reviewed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="renditions"
    )
    exercise = models.ForeignKey(
        InterpretingExercise,
        on_delete=models.SET_NULL,
        null=True,
        related_name="renditions",
    )
    exercise_title = models.CharField(_("exercise"), max_length=200)
    module = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    take_id = models.UUIDField(_("take"), help_text=_("Made by the browser for each take."))
    audio = models.FileField(
        _("recording"), upload_to=RandomName("renditions"), storage=private_storage
    )
    content_type = models.CharField(_("type"), max_length=60)
    duration = models.DecimalField(_("length (seconds)"), max_digits=8, decimal_places=2)
    size = models.PositiveIntegerField(_("size (bytes)"))
    turn_marks = models.JSONField(_("turn marks"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    self_scores = models.JSONField(_("self-assessment"), default=dict, blank=True)
    note = models.TextField(_("learner's note"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    feedback_seen_at = models.DateTimeField(_("feedback read"), null=True, blank=True)

    objects = RenditionQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "take_id"], name="one_rendition_per_take")
        ]

    def __str__(self):
        return f"{self.learner} — {self.exercise_title}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_reviewed(self):
        return self.status == self.Status.REVIEWED


class Review(models.Model):
    """A trainer's assessment of one rendition: grid scores and a summary."""

    rendition = models.OneToOneField(Rendition, on_delete=models.CASCADE, related_name="review")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return str(self.rendition)


class Remark(models.Model):
    """A trainer's remark at one moment of a rendition's recording."""

    class Category(models.TextChoices):
        QUESTION_TYPE = "question_type", _("Question type changed")
        ADDITION = "addition", _("Addition")
        OMISSION = "omission", _("Omission")
        DISTORTION = "distortion", _("Distortion")
        TIDYING_UP = "tidying_up", _("Tidying up")
        REGISTER_TONE = "register_tone", _("Register or tone")
        HESITATION_EMOTION = "hesitation_emotion", _("Hesitation, pause, emotion")
        PERSON = "person", _("Person")
        SIDE_CONVERSATION = "side_conversation", _("Side conversation")
        ROLE_TRANSPARENCY = "role_transparency", _("Role and transparency")
        TERMINOLOGY = "terminology", _("Terminology")
        GOOD_SOLUTION = "good_solution", _("Good solution")

    rendition = models.ForeignKey(Rendition, on_delete=models.CASCADE, related_name="remarks")
    at = models.DecimalField(_("at (seconds of the recording)"), max_digits=8, decimal_places=2)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    comment = models.TextField(_("comment"), blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at}: {self.get_category_display()}"
