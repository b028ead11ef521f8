"""What practice keeps about a person, and how it is exported and erased.

Recordings are the most personal data the site holds: an erased learner's renditions go with
their recordings, reviews and remarks. A trainer's reviews and remarks stay with the
learner's rendition, without the trainer.
"""

from capisce.accounts.personal_data import Part, register, register_retention, rows, set_null
from modules.practice import services
from modules.practice.models import RecordingConsent, Remark, Review


def _export_renditions(user):
    records, files = services.renditions_records(learner=user)
    return Part(records, files)


register(
    "practice.Rendition",
    fields=("learner",),
    section="renditions",
    export=_export_renditions,
    erase=lambda erasure: services.renditions_erase(learner=erasure.user),
    note="Recordings with their turn marks, self-assessment, review, remarks and grid scores.",
)
register(
    "practice.RecordingConsent",
    fields=("learner",),
    section="recording_consents",
    export=lambda user: Part(
        rows(
            RecordingConsent.objects.for_learner(user).order_by("accepted_at"),
            "version",
            "accepted_at",
        )
    ),
    erase=lambda erasure: RecordingConsent.objects.for_learner(erasure.user).delete(),
)
register(
    "practice.Review",
    fields=("trainer",),
    section="reviews_written",
    export=lambda user: Part(
        rows(
            Review.objects.filter(trainer=user).order_by("created_at"),
            "rendition__exercise_title",
            "scores",
            "summary",
            "created_at",
        )
    ),
    erase=set_null(Review, "trainer"),
    note="A trainer's reviews stay with the learner's rendition, without the trainer.",
)
register(
    "practice.Remark",
    fields=("trainer",),
    section="remarks_written",
    export=lambda user: Part(
        rows(
            Remark.objects.filter(trainer=user).order_by("created_at"),
            "rendition__exercise_title",
            "at",
            "category",
            "comment",
            "created_at",
        )
    ),
    erase=set_null(Remark, "trainer"),
)
register_retention("renditions", lambda now: services.renditions_expire(now=now))
