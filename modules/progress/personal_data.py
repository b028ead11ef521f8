"""What progress keeps about a learner, and how it is exported and erased.

Enrolments, module progress and cohort places are what trainers' reports count: an erased
learner's are kept, pointing at the anonymous placeholder of their account, so that every
report still counts them once each and names no one.
"""

from capisce.accounts.personal_data import Part, register, repoint, rows
from modules.progress.models import Cohort, Enrolment, ModuleProgress

register(
    "progress.Enrolment",
    fields=("learner",),
    section="enrolments",
    export=lambda user: Part(
        rows(
            Enrolment.objects.for_learner(user).order_by("enrolled_at"),
            "course_title",
            "enrolled_at",
            "last_activity_at",
            "reset_at",
            "completed_at",
        )
    ),
    erase=repoint(Enrolment, "learner"),
    note="Kept without identity: the reports count it.",
)
register(
    "progress.ModuleProgress",
    fields=("learner",),
    section="module_progress",
    export=lambda user: Part(
        rows(
            ModuleProgress.objects.for_learner(user).order_by("started_at"),
            "module_title",
            "started_at",
            "completed_at",
        )
    ),
    erase=repoint(ModuleProgress, "learner"),
    note="Kept without identity: the reports count it.",
)


def _erase_cohort_places(erasure):
    """The placeholder takes the learner's place in each cohort, so cohorts keep their size."""
    for cohort in Cohort.objects.filter(learners=erasure.user):
        cohort.learners.remove(erasure.user)
        cohort.learners.add(erasure.placeholder)


register(
    "progress.Cohort",
    fields=("learners",),
    section="cohorts",
    export=lambda user: Part(rows(Cohort.objects.filter(learners=user).order_by("name"), "name")),
    erase=_erase_cohort_places,
)
