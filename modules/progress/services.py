"""Workflows that write learners' progress: each in one transaction, safe to repeat.

Pages are passed in (a course page with `get_modules()`, a module page with
`quizzes()`); nothing here imports page models. A course completed for the first
time gets its certificate from the certificates app, in the same transaction.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from modules.certificates.services import certificate_issue
from modules.practice.models import Rendition
from modules.practice.rules import exercises_done
from modules.progress.models import Enrolment, ModuleProgress
from modules.progress.rules import (
    activity_due,
    already_recorded,
    course_progress,
    has_started,
    module_work_done,
)
from quizzes.models import QuizAttempt


class NotDoneYet(Exception):
    """The module's quizzes or exercises are not all done, so it cannot be marked as done."""


def course_enrol(*, learner, course) -> Enrolment:
    """The learner's enrolment in the course, made now if needed (one per learner and course)."""
    enrolment, _ = Enrolment.objects.get_or_create(
        learner=learner, course=course, defaults={"course_title": course.title}
    )
    return enrolment


def module_open(*, learner, module, course, enrolment=None, opened=False):
    """Record that the learner opened the module (enrolling them in the course if needed).

    A caller that has read the learner's `enrolment` and knows the module was `opened`
    before (its progress row exists) makes a repeat visit write nothing: "opened" is
    recorded once, and the last activity at most every `rules.ACTIVITY_EVERY`. Returns the
    module's progress row, or None when it was known to exist and was not read.
    """
    now = timezone.now()
    if enrolment is None:
        enrolment = course_enrol(learner=learner, course=course)
    if activity_due(enrolment.last_activity_at, now):
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
        enrolment.last_activity_at = now
    if opened:
        return None
    progress, _ = ModuleProgress.objects.get_or_create(
        learner=learner,
        module=module,
        defaults={"course": course, "module_title": module.title},
    )
    return progress


def passed_quiz_ids(*, learner, quiz_ids, since=None) -> set:
    attempts = QuizAttempt.objects.filter(learner=learner, quiz_id__in=quiz_ids, passed=True)
    if since is not None:
        attempts = attempts.filter(submitted_at__gt=since)
    return set(attempts.values_list("quiz_id", flat=True))


def exercises_done_in(*, learner, module, exercises, since=None) -> bool:
    """Every exercise of the module has a rendition of the learner that counts (submitted, or
    reviewed when the exercise asks for review), submitted after `since` (a reset)."""
    renditions = Rendition.objects.for_learner(learner).filter(
        module_id=module.pk, exercise__in=exercises, submitted_at__isnull=False
    )
    if since is not None:
        renditions = renditions.filter(submitted_at__gt=since)
    statuses = {}
    for exercise_id, status in renditions.values_list("exercise_id", "status"):
        statuses.setdefault(exercise_id, set()).add(status)
    return exercises_done(
        statuses, {exercise.pk: exercise.review_required for exercise in exercises}
    )


def module_update(*, learner, module, course, enrolment=None, progress=None, passed=()) -> bool:
    """Complete the module if its quizzes are all passed and its exercises done; return
    whether it is complete.

    A page that has read them in this request passes the learner's `enrolment` and
    `progress` in the course (`course_progress_for`), and the ids of quizzes it knows
    passed since the last reset (the attempt it has just stored): what it knows is not
    read again, and a module and course already recorded as done write nothing.
    """
    quiz_ids = [quiz.pk for quiz in module.quizzes()]
    exercises = module.exercises()
    if enrolment is None:
        enrolment = course_enrol(learner=learner, course=course)
    known = set(passed)
    to_read = [quiz_id for quiz_id in quiz_ids if quiz_id not in known]
    passed_ids = known
    if to_read:
        passed_ids |= passed_quiz_ids(learner=learner, quiz_ids=to_read, since=enrolment.reset_at)
    practised = bool(exercises) and exercises_done_in(
        learner=learner, module=module, exercises=exercises, since=enrolment.reset_at
    )
    if not module_work_done(
        quiz_ids, passed_ids, has_exercises=bool(exercises), exercises_done=practised
    ):
        return False
    status = progress.statuses.get(module.pk) if progress is not None else None
    if already_recorded(status, course_completed=enrolment.completed_at is not None):
        module_open(learner=learner, module=module, course=course, enrolment=enrolment, opened=True)
        return True
    module_complete(
        learner=learner,
        module=module,
        course=course,
        enrolment=enrolment,
        started=has_started(status),
        module_ids=progress.module_ids if progress is not None else None,
    )
    return True


def module_mark_done(*, learner, module, course):
    """The learner says a module without a quiz or exercise is done; refused when it has
    some that are not done."""
    if module.quizzes() or module.exercises():
        if not module_update(learner=learner, module=module, course=course):
            raise NotDoneYet()
        return
    module_complete(learner=learner, module=module, course=course)


def module_complete(*, learner, module, course, enrolment=None, started=False, module_ids=None):
    """Record the module as done and, when it was the course's last, the course and its
    certificate.

    A caller that has read them passes the learner's `enrolment`, whether the module was
    `started` (its progress row exists) and the ids of the course's live modules: then the
    module costs one UPDATE, and the course one query to see whether it is now complete.
    """
    with transaction.atomic():
        module_open(
            learner=learner, module=module, course=course, enrolment=enrolment, opened=started
        )
        ModuleProgress.objects.filter(
            learner=learner, module=module, completed_at__isnull=True
        ).update(completed_at=timezone.now())
        if course_complete_if_done(
            learner=learner, course=course, enrolment=enrolment, module_ids=module_ids
        ):
            certificate_issue(learner=learner, course=course)


def course_complete_if_done(*, learner, course, enrolment=None, module_ids=None) -> bool:
    """Record the course's completion once, when every live module is done.

    Returns True only for the call that recorded it (the place where a
    certificate is issued). A caller that has read the learner's `enrolment` and the
    course's live `module_ids` passes them; an enrolment already completed needs no look.
    The modules done are counted in one query, whatever their number.
    """
    if enrolment is not None and enrolment.completed_at is not None:
        return False
    if module_ids is None:
        module_ids = course.get_modules().values_list("pk", flat=True)
    live = set(module_ids)
    done = set(
        ModuleProgress.objects.filter(
            learner=learner, module_id__in=live, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    if not live or live - done:
        return False
    newly = Enrolment.objects.filter(
        learner=learner, course=course, completed_at__isnull=True
    ).update(completed_at=timezone.now())
    return bool(newly)


def progress_reset(*, learner, course):
    """Start a learner's course again (a trainer, or the learner where the course allows it).

    Modules go back to "not started". Quiz attempts stay as history, but only those
    after `Enrolment.reset_at` count for progress and for the attempt limits, so the
    learner has every attempt back. A certificate already issued stays valid.
    """
    with transaction.atomic():
        ModuleProgress.objects.filter(
            Q(course=course) | Q(module__in=course.get_children()), learner=learner
        ).delete()
        Enrolment.objects.filter(learner=learner, course=course).update(
            completed_at=None, reset_at=timezone.now()
        )


def course_progress_for(*, learner, course, modules):
    """The learner's progress in one course, from their progress rows (two queries)."""
    module_ids = [module.pk for module in modules]
    rows = ModuleProgress.objects.filter(learner=learner, module_id__in=module_ids).values_list(
        "module_id", "completed_at"
    )
    started = {module_id for module_id, _ in rows}
    completed = {module_id for module_id, done in rows if done}
    enrolment = Enrolment.objects.filter(learner=learner, course=course).first()
    progress = course_progress(
        module_ids,
        started_ids=started,
        completed_ids=completed,
        in_order=course.modules_in_order,
    )
    return enrolment, progress


def cohort_enrol(*, cohort) -> int:
    """Enrol every learner of the cohort in each of its courses; return how many are new."""
    courses = list(cohort.courses.all())
    learner_ids = list(cohort.learners.values_list("pk", flat=True))
    existing = set(
        Enrolment.objects.filter(course__in=courses, learner_id__in=learner_ids).values_list(
            "learner_id", "course_id"
        )
    )
    new = [
        Enrolment(learner_id=learner_id, course=course, course_title=course.title)
        for course in courses
        for learner_id in learner_ids
        if (learner_id, course.pk) not in existing
    ]
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def certificates_issue_pending(*, learner) -> list:
    """Issue the certificates of courses completed while the learner had no full name."""
    issued = []
    for enrolment in Enrolment.objects.filter(
        learner=learner, completed_at__isnull=False, course__isnull=False
    ).select_related("course"):
        certificate = certificate_issue(learner=learner, course=enrolment.course)
        if certificate is not None:
            issued.append(certificate)
    return issued
