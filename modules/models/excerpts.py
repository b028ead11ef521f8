from django import forms
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField
from wagtailmedia.models import AbstractMedia

from capisce.storage import RandomName, private_storage
from modules.captions import validate_webvtt_file


class ExcerptMedia(AbstractMedia):
    """wagtailmedia's audio or video, its file kept in the private storage (WAGTAILMEDIA's model).

    Learners hear it through the excerpt that uses it (modules.views.excerpt_media); this
    model's `url`, which wagtailmedia's admin links to, is a view for trainers only.
    """

    file = models.FileField(
        _("file"), upload_to=RandomName("excerpt-media"), storage=private_storage
    )

    @property
    def url(self):
        return reverse("excerpt_media_file", args=[self.pk])


class PrivateFileInput(forms.ClearableFileInput):
    """A file input that shows the stored file's name, never a link: private files have none."""

    template_name = "modules/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))


# What a transcript turn may be spoken in: the site's languages and those the demo course's
# children speak (a trainer adds more here).
SEGMENT_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("sq", _("Albanian")),
    ("vi", _("Vietnamese")),
]


def filled_translation(text: str, translation: str) -> str:
    """A turn's translation, or the words spoken when it has none (a turn spoken in the
    excerpt's own language): translators then have the turn to translate."""
    return translation.strip() or text


class ExcerptForm(WagtailAdminModelForm):
    """The excerpt's admin form: a turn spoken in the excerpt's language, left without a
    translation, gets its words as one, so translators find every turn to translate."""

    def save(self, commit=True):
        for form in self.formsets["segments"].forms:
            turn = form.instance
            turn.translation = filled_translation(turn.text or "", turn.translation or "")
        return super().save(commit=commit)


class InterviewExcerpt(TranslatableMixin, index.Indexed, ClusterableModel):
    """A short, fictional interview that learners hear and read: reusable across modules.

    The audio or video is optional; the transcript is always there, so the excerpt
    can be read without media and without JavaScript.
    """

    class Setting(models.TextChoices):
        POLICE_INTERVIEW = "police_interview", _("Police interview")
        TAM_HEARING = "tam_hearing", _("Video-recorded hearing of a minor")
        JUDICIAL_HEARING = "judicial_hearing", _("Hearing before a judge")
        THERAPEUTIC_SESSION = "therapeutic_session", _("Therapeutic interview")
        GUARDIAN_MEETING = "guardian_meeting", _("Meeting with a guardian")
        BARNAHUS_INTERVIEW = "barnahus_interview", _("Barnahus interview")
        BRIEFING = "briefing", _("Briefing or debriefing")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=120, help_text=_("e.g. Officer B"))
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    setting = models.CharField(
        _("setting"), max_length=32, choices=Setting.choices, default=Setting.POLICE_INTERVIEW
    )
    media = models.ForeignKey(
        ExcerptMedia,
        verbose_name=_("audio or video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=RandomName("captions"),
        storage=private_storage,
        blank=True,
        validators=[validate_webvtt_file],
        help_text=_("A .vtt file with the captions for the audio or video."),
    )
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "For a child's disclosure or anything that must not leave the course. Its audio or "
            "video, captions and transcript are then shown only to learners enrolled in a course "
            "that uses it (and to trainers); the player offers no download, and every opening "
            "is logged for trainers (Reports › Sensitive excerpt openings)."
        ),
    )

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("speaker"), FieldPanel("role"), FieldPanel("organisation")],
            heading=_("Who is speaking"),
        ),
        FieldPanel("setting"),
        MultiFieldPanel(
            [FieldPanel("media"), FieldPanel("captions", widget=PrivateFileInput)],
            heading=_("Media"),
        ),
        FieldPanel("sensitive"),
        InlinePanel("segments", heading=_("Transcript"), label=_("Segment"), min_num=1),
    ]
    base_form_class = ExcerptForm
    # A translation keeps the recording but may carry captions of its own language.
    override_translatable_fields = [SynchronizedField("captions", overridable=True)]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("speaker"),
        index.FilterField("setting"),
        index.FilterField("sensitive"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("interview excerpt")
        verbose_name_plural = _("interview excerpts")
        ordering = [Lower("title")]

    def __str__(self):
        return self.title

    @property
    def is_bilingual(self) -> bool:
        """Are some turns spoken in another language than the excerpt's? Then the transcript
        shows the words spoken beside their translation."""
        language = self.locale.language_code
        return any(turn.language != language for turn in self.segments.all())

    @property
    def is_video(self):
        return self.media is not None and self.media.type == "video"


def excerpt_editor(user) -> bool:
    """Trainers who edit excerpts hear and read every one, sensitive or not, anywhere."""
    return ModelPermissionPolicy(InterviewExcerpt).user_has_permission(user, "change")


class ExcerptSegment(TranslatableMixin, Orderable):
    """One turn of the transcript: who speaks, from when, what they say and what it means.

    The words spoken (`text`, in `language`) are those of the recording and stay the same in
    every translation of the excerpt; `translation` says them in the excerpt's own language,
    and is what translators translate. A turn spoken in the excerpt's language may leave it
    empty: it is then the words spoken themselves.
    """

    excerpt = ParentalKey(InterviewExcerpt, on_delete=models.CASCADE, related_name="segments")
    start = models.DecimalField(
        _("start (seconds)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        help_text=_("Where this turn starts in the audio or video."),
    )
    speaker_label = models.CharField(
        _("speaker"), max_length=60, help_text=_("Interviewer, Child, Interpreter, …")
    )
    language = models.CharField(
        _("language spoken"),
        max_length=16,
        choices=SEGMENT_LANGUAGES,
        default="en",
        help_text=_("The language of the words spoken in the recording."),
    )
    text = models.TextField(_("words spoken"))
    translation = models.TextField(
        _("translation"),
        blank=True,
        help_text=_(
            "What the turn says, in the excerpt's language. Left empty for a turn spoken in "
            "that language, it is filled with the words spoken."
        ),
    )

    panels = [
        FieldPanel("start"),
        FieldPanel("speaker_label"),
        FieldPanel("language"),
        FieldPanel("text"),
        FieldPanel("translation"),
    ]
    # The recording is the same in every language: only its translation is translated.
    override_translatable_fields = [
        SynchronizedField("text"),
        SynchronizedField("language"),
        SynchronizedField("start"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("transcript segment")

    def __str__(self):
        return f"{self.speaker_label}: {self.text[:40]}"

    @property
    def timestamp(self):
        seconds = int(self.start)
        return f"{seconds // 60}:{seconds % 60:02d}"
