"""Who opened a sensitive interview excerpt, and when: the log trainers read in the admin.

One row per learner, excerpt, kind of opening and window of time (a unique constraint), so a
player's many range requests while the learner listens make one row, not hundreds. The rows
are personal data: they follow the retention setting (RETENTION_EXCERPT_OPENING_DAYS) and the
account's export and erasure (modules.services).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from capisce.querysets import LearnerQuerySet

# Openings within the same window of this length make one row (windows start on the epoch).
OPENING_WINDOW = datetime.timedelta(minutes=30)


def opening_window(moment: datetime.datetime) -> datetime.datetime:
    """The start of the window `moment` falls in."""
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    windows = (moment - epoch) // OPENING_WINDOW
    return epoch + windows * OPENING_WINDOW


class ExcerptOpeningQuerySet(LearnerQuerySet):
    def older_than(self, moment):
        return self.filter(opened_at__lt=moment)


class ExcerptOpening(models.Model):
    """A learner opened a sensitive excerpt: the page that shows its transcript, or its media."""

    class What(models.TextChoices):
        PAGE = "page", _("Page with its transcript")
        MEDIA = "media", _("Audio or video")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="excerpt_openings",
    )
    excerpt = models.ForeignKey(
        "modules.InterviewExcerpt",
        verbose_name=_("excerpt"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="openings",
    )
    excerpt_title = models.CharField(_("excerpt"), max_length=200)
    what = models.CharField(_("opened"), max_length=8, choices=What.choices)
    opened_at = models.DateTimeField(_("opened at"))
    window = models.DateTimeField(
        _("window"), help_text=_("The start of the half hour the opening falls in.")
    )

    objects = ExcerptOpeningQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("sensitive excerpt opening")
        verbose_name_plural = _("sensitive excerpt openings")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "excerpt", "what", "window"],
                name="one_excerpt_opening_per_window",
            )
        ]
        indexes = [models.Index(fields=["opened_at"], name="excerpt_opening_opened_at")]

    def __str__(self):
        return f"{self.learner} — {self.excerpt_title} ({self.opened_at:%Y-%m-%d %H:%M})"
