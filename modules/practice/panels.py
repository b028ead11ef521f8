"""What an exercise block shows one learner, for every exercise of a page in a few queries."""

import json
import uuid

from django.db.models import prefetch_related_objects
from django.urls import reverse

from capisce.translation import source_of, sources_of
from modules.practice.models import CONSENT_VERSION, RecordingConsent, Rendition
from modules.practice.services import retention_days


def exercise_panels(*, user, module, exercises) -> dict:
    """{exercise id: panel} for the exercises a module places, as `user` sees them.

    A panel holds the exercise, whether the learner has accepted the recording notice, their
    renditions of it in this module (newest first), and the URLs and numbers the recorder
    needs. A few queries, whatever the number of exercises. Renditions belong to the
    exercise's and the module's sources, so a take recorded in one language is found in all.
    """
    exercises = [exercise for exercise in exercises if exercise is not None]
    if not exercises:
        return {}
    prefetch_related_objects(exercises, "turns", "excerpt__media")
    signed_in = user.is_authenticated
    consent = (
        signed_in
        and RecordingConsent.objects.for_learner(user).filter(version=CONSENT_VERSION).exists()
    )
    sources = sources_of(exercises)
    module_source = source_of(module)
    mine = {}
    if signed_in:
        for rendition in (
            Rendition.objects.for_learner(user)
            .filter(module_id=module_source.pk, exercise__in=list(sources.values()))
            .order_by("-created_at", "-pk")
        ):
            mine.setdefault(rendition.exercise_id, []).append(rendition)
    panels = {}
    days = retention_days()
    for exercise in exercises:
        excerpt = exercise.excerpt
        turn_ends = [float(turn.end) for turn in exercise.turns.all()]
        panels[exercise.pk] = {
            "exercise": exercise,
            "signed_in": signed_in,
            "consent_given": consent,
            "consent_url": reverse("practice:consent"),
            "next_url": f"{module.url}#exercise-{exercise.pk}",
            "renditions": mine.get(sources[exercise.pk].pk, []),
            "upload_url": reverse("practice:upload", args=[exercise.pk, module.pk]),
            "source_url": reverse("modules:excerpt_media", args=[excerpt.pk])
            if excerpt.media_id
            else "",
            "source_is_video": excerpt.is_video,
            "turn_ends": turn_ends,
            "turn_ends_json": json.dumps(turn_ends),
            "max_seconds": exercise.max_seconds,
            "take_storage_key": (
                f"capisce-takes-{user.pk}-{module_source.pk}-{sources[exercise.pk].pk}"
            )
            if signed_in
            else "",
            "fresh_take_id": str(uuid.uuid4()),
            "retention_days": days,
        }
    return panels
