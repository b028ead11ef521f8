"""Workflows that write learners' progress: each in one transaction, safe to repeat."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from modules.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from modules.progress import module_quizzes_passed
from quizzes.models import QuizAttempt


class NotDoneYet(Exception):
    """The module's quizzes are not all passed, so it cannot be marked as done."""


def _get_or_create(model, defaults=None, **lookup):
    """get_or_create backed by the unique constraint: two requests at once make one row."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**lookup, defaults=defaults or {})
    except IntegrityError:
        return model.objects.get(**lookup), False


def course_enrol(*, learner, course: CoursePage) -> Enrolment:
    enrolment, _ = _get_or_create(
        Enrolment, learner=learner, course=course, defaults={"course_title": course.title}
    )
    return enrolment


def module_open(*, learner, module: ModulePage, course: CoursePage) -> ModuleProgress:
    """Record that the learner opened the module (enrolling them in the course if needed)."""
    enrolment = course_enrol(learner=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=timezone.now())
    progress, _ = _get_or_create(
        ModuleProgress,
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


def module_update(*, learner, module: ModulePage, course: CoursePage) -> bool:
    """Complete the module if its quizzes are all passed; return whether it is complete."""
    quiz_ids = [quiz.pk for quiz in module.quizzes()]
    enrolment = course_enrol(learner=learner, course=course)
    passed = passed_quiz_ids(learner=learner, quiz_ids=quiz_ids, since=enrolment.reset_at)
    if not module_quizzes_passed(quiz_ids, passed):
        return False
    module_complete(learner=learner, module=module, course=course)
    return True


def module_mark_done(*, learner, module: ModulePage, course: CoursePage):
    """The learner says a module without a quiz is done; refused when it has quizzes."""
    if module.quizzes():
        if not module_update(learner=learner, module=module, course=course):
            raise NotDoneYet()
        return
    module_complete(learner=learner, module=module, course=course)


def module_complete(*, learner, module: ModulePage, course: CoursePage):
    with transaction.atomic():
        progress = module_open(learner=learner, module=module, course=course)
        ModuleProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        course_complete_if_done(learner=learner, course=course)


def course_complete_if_done(*, learner, course: CoursePage) -> bool:
    """Record the course's completion once, when every live module is done.

    Returns True only for the call that recorded it (the place where a
    certificate is issued).
    """
    live = set(course.get_modules().values_list("pk", flat=True))
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


def progress_reset(*, learner, course: CoursePage):
    """A trainer starts a learner's course again; quiz attempts stay as history."""
    with transaction.atomic():
        ModuleProgress.objects.filter(
            Q(course=course) | Q(module__in=course.get_children()), learner=learner
        ).delete()
        Enrolment.objects.filter(learner=learner, course=course).update(
            completed_at=None, reset_at=timezone.now()
        )


def course_progress_for(*, learner, course: CoursePage, modules):
    """The learner's progress in one course, from their progress rows (two queries)."""
    from modules.progress import course_progress

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
