"""Workflows of practice: consent, upload, submit, delete, review, remarks, expiry.

Each runs in one transaction and is safe to repeat. The module is passed in (a page); when
a rendition's status changes what the module needs, the module's own hook
(`practice_recorded`) says what follows, so nothing here knows of progress or pages.
"""

import datetime
import io
import json
import logging
import posixpath
import zipfile

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import File
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from capisce.links import absolute_url
from capisce.mail import send_later
from modules.practice import rules
from modules.practice.audio import NotAudio, probe_upload
from modules.practice.models import CONSENT_VERSION, RecordingConsent, Remark, Rendition, Review

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024
DEFAULT_RETENTION_DAYS = 365


class RenditionRefused(Exception):
    """Bad input for a rendition, its review or a remark: the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    return getattr(settings, "PRACTICE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def retention_days() -> int:
    return getattr(settings, "RETENTION_RENDITION_DAYS", DEFAULT_RETENTION_DAYS)


def consent_given(*, learner) -> bool:
    return RecordingConsent.objects.for_learner(learner).filter(version=CONSENT_VERSION).exists()


def consent_record(*, learner) -> RecordingConsent:
    """The learner accepts the current recording notice (once per version)."""
    consent, _created = RecordingConsent.objects.get_or_create(
        learner=learner, version=CONSENT_VERSION
    )
    return consent


def rendition_upload(*, learner, exercise, module, upload, take_id, turn_marks) -> Rendition:
    """Store a take the learner recorded as a draft rendition; the same take twice stores one.

    Refused, with nothing stored, without consent, for an empty, too big, too long file or
    one that is not audio by its content. The caller has checked that the learner may open
    the exercise in this module.
    """
    existing = Rendition.objects.for_learner(learner).filter(take_id=take_id).first()
    if existing is not None:
        return existing
    if not consent_given(learner=learner):
        raise RenditionRefused(_("Please read and accept the recording notice before you record."))
    if upload is None or not upload.size:
        raise RenditionRefused(_("The recording is empty. Please record again."))
    limit = max_upload_bytes()
    if upload.size > limit:
        raise RenditionRefused(
            _("The recording is too big (more than %(mb)s MB).")
            % {"mb": round(limit / 1024 / 1024, 1)}
        )
    try:
        probe = probe_upload(upload)
    except ImproperlyConfigured:
        logger.error("ffprobe is missing: recordings cannot be checked (install ffmpeg)")
        raise RenditionRefused(
            _(
                "Recordings cannot be received just now: the server cannot check them. "
                "Your take is kept in your browser; please try again later."
            )
        ) from None
    except NotAudio:
        raise RenditionRefused(
            _(
                "This file is not a sound recording we can play (WebM, MP4, Ogg, WAV, MP3 or "
                "FLAC audio). Nothing was saved."
            )
        ) from None
    if rules.too_long(probe.duration, exercise.max_seconds):
        raise RenditionRefused(
            _("The recording is longer than this exercise allows (%(max)s seconds).")
            % {"max": exercise.max_seconds}
        )
    try:
        marks = rules.check_turn_marks(turn_marks, probe.duration)
    except ValueError as error:
        raise RenditionRefused(str(error)) from None
    rendition = Rendition(
        learner=learner,
        exercise=exercise,
        exercise_title=exercise.title,
        module=module,
        take_id=take_id,
        content_type=probe.content_type,
        duration=round(probe.duration, 2),
        size=upload.size,
        turn_marks=marks,
    )
    # Named at random by the field (capisce.storage.RandomName), typed by what it holds.
    rendition.audio.save("take" + probe.extension, File(upload), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # The same take, sent at the same moment by another request: keep the first.
        rendition.audio.delete(save=False)
        return Rendition.objects.for_learner(learner).get(take_id=take_id)
    except Exception:
        rendition.audio.delete(save=False)
        raise
    return rendition


def criteria_of(rendition):
    """(id, scale_max) for each criterion of the rendition's grid (the exercise's or default)."""
    grid = rendition.exercise.assessment_grid() if rendition.exercise else None
    if grid is None:
        return []
    return [(criterion.pk, criterion.scale_max) for criterion in grid.criteria.all()]


def _progress_follows(rendition):
    """The module's hook decides what a submitted or reviewed rendition completes."""
    module = rendition.module.specific if rendition.module_id else None
    hook = getattr(module, "practice_recorded", None)
    if hook is not None:
        hook(rendition.learner)


def rendition_submit(*, rendition, self_scores, note="") -> Rendition:
    """The learner submits a draft with their self-assessment: it goes to the trainers."""
    if not rendition.is_draft:
        return rendition
    try:
        scores = rules.check_scores(criteria_of(rendition), self_scores)
    except ValueError as error:
        raise RenditionRefused(str(error)) from None
    with transaction.atomic():
        updated = Rendition.objects.filter(pk=rendition.pk, status=Rendition.Status.DRAFT).update(
            status=Rendition.Status.SUBMITTED,
            self_scores=scores,
            note=note.strip(),
            submitted_at=timezone.now(),
        )
        rendition.refresh_from_db()
        if updated:
            _progress_follows(rendition)
    return rendition


def rendition_delete(*, rendition):
    """The learner deletes a rendition and its recording; not while it waits for review."""
    if rendition.status == Rendition.Status.SUBMITTED:
        raise RenditionRefused(
            _("This rendition is waiting for a trainer's review: you can delete it afterwards.")
        )
    _delete_with_files([rendition])


def review_save(*, rendition, trainer, scores, summary, publish: bool) -> Review:
    """A trainer's scores and summary; published, the learner is told and progress follows."""
    if rendition.status == Rendition.Status.DRAFT:
        raise RenditionRefused(_("This rendition has not been submitted."))
    try:
        scores = rules.check_scores(criteria_of(rendition), scores) if scores or publish else {}
    except ValueError as error:
        raise RenditionRefused(str(error)) from None
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            rendition=rendition,
            defaults={"trainer": trainer, "scores": scores, "summary": summary.strip()},
        )
        if publish:
            newly = Rendition.objects.filter(
                pk=rendition.pk, status=Rendition.Status.SUBMITTED
            ).update(status=Rendition.Status.REVIEWED, reviewed_at=timezone.now())
            rendition.refresh_from_db()
            if newly:
                _progress_follows(rendition)
                transaction.on_commit(lambda: send_later(review_mail(rendition)), robust=True)
    return review


def review_mail(rendition) -> EmailMessage:
    """The mail that tells the learner their feedback is waiting, in their language."""
    learner = rendition.learner
    with translation.override(getattr(learner, "preferred_language", None) or None):
        return EmailMessage(
            gettext("Feedback on your rendition"),
            gettext(
                "Hello %(name)s,\n\n"
                "A trainer has reviewed your rendition of “%(exercise)s”. Read the feedback "
                "and listen to the remarks here: %(url)s\n"
            )
            % {
                "name": learner.full_name or learner.email,
                "exercise": rendition.exercise_title,
                "url": absolute_url(reverse("practice:rendition", args=[rendition.pk])),
            },
            to=[learner.email],
        )


def feedback_seen(*, rendition) -> None:
    """The learner opened their reviewed rendition: its feedback no longer waits."""
    if rendition.is_reviewed and rendition.feedback_seen_at is None:
        now = timezone.now()
        Rendition.objects.filter(pk=rendition.pk, feedback_seen_at__isnull=True).update(
            feedback_seen_at=now
        )
        rendition.feedback_seen_at = now


def remark_add(*, rendition, trainer, at, category, comment="") -> Remark:
    """A trainer's remark at a moment of the recording, in one of the fixed categories."""
    try:
        moment = rules.check_remark_time(at, rendition.duration)
    except ValueError as error:
        raise RenditionRefused(str(error)) from None
    if category not in Remark.Category.values:
        raise RenditionRefused(_("Choose one of the remark categories."))
    if rendition.status == Rendition.Status.DRAFT:
        raise RenditionRefused(_("This rendition has not been submitted."))
    return Remark.objects.create(
        rendition=rendition, trainer=trainer, at=moment, category=category, comment=comment.strip()
    )


def remark_delete(*, remark):
    Remark.objects.filter(pk=remark.pk).delete()


def _delete_with_files(renditions):
    """Delete these renditions; their recordings go once the deletion is committed."""
    renditions = list(renditions)
    with transaction.atomic():
        Rendition.objects.filter(pk__in=[r.pk for r in renditions]).delete()
        for rendition in renditions:
            audio = rendition.audio
            transaction.on_commit(lambda audio=audio: audio.delete(save=False), robust=True)
    return len(renditions)


def renditions_erase(*, learner) -> int:
    """Every rendition of a learner whose account is erased, with its recording, remarks and
    review. Returns how many were erased."""
    return _delete_with_files(Rendition.objects.for_learner(learner).only("pk", "audio"))


def renditions_records(*, learner) -> tuple[list, list]:
    """A learner's renditions as readable records, and their recordings as (name, file).

    Each record says the exercise, status, turn marks, self-assessment and note, the
    trainer's scores, summary and remarks, and names its recording's file. Only the
    learner's own, and only what they may see (a draft review stays the trainer's)."""
    renditions = (
        Rendition.objects.for_learner(learner)
        .select_related("review")
        .prefetch_related("remarks")
        .order_by("created_at", "pk")
    )
    records, files = [], []
    for number, rendition in enumerate(renditions, start=1):
        extension = posixpath.splitext(rendition.audio.name)[1]
        name = f"recordings/{number:03d}-{slugify(rendition.exercise_title) or 'rendition'}"
        name += extension
        files.append((name, rendition.audio))
        published = rendition.status == Rendition.Status.REVIEWED
        review = getattr(rendition, "review", None) if published else None
        records.append(
            {
                "recording": name,
                "exercise": rendition.exercise_title,
                "status": rendition.status,
                "recorded_at": rendition.created_at.isoformat(),
                "submitted_at": _iso(rendition.submitted_at),
                "duration_seconds": float(rendition.duration),
                "turn_marks": rendition.turn_marks,
                "self_assessment": rendition.self_scores,
                "note": rendition.note,
                "review": {
                    "scores": review.scores,
                    "summary": review.summary,
                    "reviewed_at": _iso(rendition.reviewed_at),
                }
                if review
                else None,
                "remarks": [
                    {
                        "at_seconds": float(remark.at),
                        "category": remark.get_category_display(),
                        "comment": remark.comment,
                    }
                    for remark in rendition.remarks.all()
                ]
                if published
                else [],
            }
        )
    return records, files


def renditions_export(*, learner) -> bytes:
    """A zip of the learner's own recordings and `renditions.json`, what goes with them."""
    records, files = renditions_records(learner=learner)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, audio in files:
            with audio.open("rb") as handle:
                archive.writestr(name, handle.read())
        archive.writestr(
            "renditions.json",
            json.dumps(
                {"learner": learner.email, "renditions": records}, indent=2, ensure_ascii=False
            ),
        )
    return buffer.getvalue()


def _iso(moment):
    return moment.isoformat() if moment else None


def renditions_expire(*, now=None) -> int:
    """Delete, files too, the renditions kept longer than the retention: reviewed ones counted
    from their review, drafts never submitted from their recording. Submitted renditions wait
    for their review. Returns how many were deleted.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    expired = Rendition.objects.filter(
        Q(status=Rendition.Status.REVIEWED, reviewed_at__lt=cutoff)
        | Q(status=Rendition.Status.DRAFT, created_at__lt=cutoff)
    )
    return _delete_with_files(expired.only("pk", "audio"))
