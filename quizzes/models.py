import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from capisce.querysets import LearnerQuerySet
from quizzes.blocks import QuestionStreamBlock


class Quiz(TranslatableMixin, index.Indexed, models.Model):
    """A set of questions that a trainer places in one or more modules with a quiz block."""

    class ReviewPolicy(models.TextChoices):
        SCORE = "score", _("The score only")
        CORRECTNESS = "correctness", _("The score and which answers were right")
        FULL = "full", _("The score, the right answers and the feedback")

    title = models.CharField(_("title"), max_length=200)
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means as many as the learner wants.")
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle the choices"), default=True)
    review_policy = models.CharField(
        _("after submitting, the learner sees"),
        max_length=16,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.FULL,
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"))

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempts_allowed"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("review_policy"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("questions"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = [Lower("title")]

    def __str__(self):
        return self.title

    def question_data(self):
        """The questions as plain data with stable ids: what scoring and snapshots use."""
        return [_plain_question(child) for child in self.questions.get_prep_value()]


def _items(child_id, items):
    """List items as (id, value); items stored without ids get positional ones."""
    for position, item in enumerate(items):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item.get("id") or f"{child_id}-{position}", item["value"]
        else:
            yield f"{child_id}-{position}", item


def _plain_question(child):
    value = dict(child["value"])
    qid = child["id"]
    if "choices" in value:
        value["choices"] = [{"id": i, **v} for i, v in _items(qid, value["choices"])]
    if "items" in value:
        value["items"] = [{"id": i, "text": v} for i, v in _items(qid, value["items"])]
    if "pairs" in value:
        value["pairs"] = [{"id": i, **v} for i, v in _items(qid, value["pairs"])]
    return {"id": qid, "type": child["type"], "value": value}


def question_stream(questions):
    """Plain questions (no ids) as StreamField data with an id on every question and item."""

    def items(values):
        return [{"type": "item", "value": v, "id": str(uuid.uuid4())} for v in values]

    stream = []
    for question in questions:
        value = dict(question["value"])
        for key in ("choices", "items", "pairs"):
            if key in value:
                value[key] = items(value[key])
        stream.append({"type": question["type"], "value": value, "id": str(uuid.uuid4())})
    return stream


class QuizAttemptQuerySet(LearnerQuerySet):
    def since(self, moment):
        """The attempts that still count: those after `moment` (a reset), or all of them."""
        return self if moment is None else self.filter(submitted_at__gt=moment)


class QuizAttempt(models.Model):
    """One submitted attempt, kept as it was: the questions shown, the answers, the result.

    Editing or deleting the quiz or the module never changes it: everything the
    review needs is stored here.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.SET_NULL, null=True, blank=True, related_name="attempts"
    )
    module = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.UUIDField(_("attempt token"), editable=False)
    quiz_title = models.CharField(_("quiz"), max_length=200)
    review_policy = models.CharField(max_length=16, choices=Quiz.ReviewPolicy.choices)
    pass_mark = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(_("started"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2)
    max_score = models.DecimalField(_("out of"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed"))
    questions = models.JSONField(_("questions as shown"))
    answers = models.JSONField(_("answers"))
    results = models.JSONField(_("result per question"))
    has_reflections = models.BooleanField(default=False, editable=False)

    objects = QuizAttemptQuerySet.as_manager()
    wagtail_reference_index_ignore = True  # history, not content that links to pages

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["token"], name="quiz_attempt_token_unique"),
        ]
        indexes = [models.Index(fields=["learner", "quiz"])]

    def __str__(self):
        return f"{self.quiz_title} — {self.learner} — {self.submitted_at:%Y-%m-%d %H:%M}"


class ReflectionReply(models.Model):
    """A trainer's answer to a learner's reflection in an attempt."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="replies")
    question_id = models.CharField(max_length=64)
    text = models.TextField(_("reply"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reply to a reflection")
        verbose_name_plural = _("replies to reflections")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="one_reply_per_reflection"
            )
        ]

    def __str__(self):
        return self.text[:60]


class AttemptGrantQuerySet(LearnerQuerySet):
    def since(self, moment):
        """The grants that still count: those after `moment` (a reset), or all of them."""
        return self if moment is None else self.filter(granted_at__gt=moment)

    def extra_by_quiz(self) -> dict:
        """{quiz id: the extra attempts granted}, in one query."""
        totals = self.order_by().values("quiz_id").annotate(total=models.Sum("extra_attempts"))
        return dict(totals.values_list("quiz_id", "total"))


class AttemptGrant(models.Model):
    """A trainer gives one learner more attempts at a quiz than the quiz allows: who, when, why.

    Grants add to the quiz's limit; like attempts, only those since the learner's
    last reset count (a reset gives every attempt back, so older grants are spent).
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attempt_grants",
        verbose_name=_("learner"),
    )
    quiz = models.ForeignKey(
        Quiz,
        on_delete=models.SET_NULL,
        null=True,
        related_name="attempt_grants",
        verbose_name=_("quiz"),
    )
    quiz_title = models.CharField(_("quiz"), max_length=200)
    extra_attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reason = models.TextField(_("reason"), max_length=1000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    token = models.UUIDField(editable=False)

    objects = AttemptGrantQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("extra attempts granted")
        verbose_name_plural = _("extra attempts granted")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(fields=["token"], name="attempt_grant_token_unique"),
        ]
        indexes = [models.Index(fields=["learner", "quiz"])]

    def __str__(self):
        return f"+{self.extra_attempts} {self.quiz_title} — {self.learner}"
