"""The learner's dashboard: every course they are in, at a glance."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from modules.certificates.models import Certificate
from modules.models import ModulePage
from modules.practice.models import Rendition
from modules.progress.models import Enrolment, ModuleProgress
from modules.progress.rules import course_progress
from quizzes.models import QuizAttempt, ReflectionReply
from quizzes.rules import before_reset


@login_required
def dashboard(request):
    """Every course the learner is in: progress, next step, last activity, results, replies.

    A fixed number of queries, whatever the number of courses and modules.
    """
    learner = request.user
    enrolments = list(
        Enrolment.objects.for_learner(learner)
        .filter(course__isnull=False)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    courses = [enrolment.course for enrolment in enrolments]
    modules_by_course = {course.pk: [] for course in courses}
    if courses:
        in_courses = reduce(or_, (Q(path__startswith=course.path) for course in courses))
        course_by_path = {course.path: course for course in courses}
        for module in (
            ModulePage.objects.live()
            .public()
            .filter(in_courses, depth=courses[0].depth + 1)
            .order_by("path")
        ):
            course = course_by_path.get(module.path[: -ModulePage.steplen])
            if course is not None:
                modules_by_course[course.pk].append(module)
    module_ids = [m.pk for modules in modules_by_course.values() for m in modules]
    rows = ModuleProgress.objects.for_learner(learner).filter(module_id__in=module_ids)
    started = set()
    completed = set()
    for module_id, completed_at in rows.values_list("module_id", "completed_at"):
        started.add(module_id)
        if completed_at:
            completed.add(module_id)
    resets = {enrolment.course.pk: enrolment.reset_at for enrolment in enrolments}
    course_of = {m.pk: course_id for course_id, ms in modules_by_course.items() for m in ms}
    attempts = (
        QuizAttempt.objects.for_learner(learner)
        .filter(module_id__in=module_ids)
        .values_list("module_id", "percent", "passed", "submitted_at")
    )
    results, history = {}, {}
    for module_id, percent, passed, submitted_at in attempts:
        if before_reset(submitted_at, resets.get(course_of.get(module_id))):
            row = history.setdefault(module_id, {"best": percent, "count": 0})
            row["count"] += 1
        else:
            row = results.setdefault(module_id, {"best": percent, "passed": False})
            row["passed"] = row["passed"] or passed
        row["best"] = max(row["best"], percent)
    replies = list(
        ReflectionReply.objects.filter(attempt__learner=learner)
        .select_related("attempt")
        .order_by("-created_at")[:20]
    )
    certificates = {
        c.course_id: c
        for c in Certificate.objects.current().filter(learner=learner, revoked_at__isnull=True)
    }
    feedback = list(
        Rendition.objects.for_learner(learner).feedback_waiting().order_by("-reviewed_at")[:20]
    )
    cards = []
    for enrolment in enrolments:
        course = enrolment.course
        modules = modules_by_course[course.pk]
        progress = course_progress(
            [m.pk for m in modules],
            started_ids=started,
            completed_ids=completed,
            in_order=course.modules_in_order,
        )
        for module in modules:
            module.status = progress.statuses[module.pk]
            module.result = results.get(module.pk)  # since the last reset, if any
            module.history = history.get(module.pk)  # before it
        cards.append(
            {
                "enrolment": enrolment,
                "course": course,
                "modules": modules,
                "progress": progress,
                "next_module": next((m for m in modules if m.pk == progress.next_module_id), None),
                "replies": [r for r in replies if r.attempt.module_id in {m.pk for m in modules}],
                "certificate": certificates.get(course.pk),
            }
        )
    return render(
        request,
        "progress/dashboard.html",
        {
            "cards": cards,
            "feedback": feedback,
            "languages": settings.LANGUAGES,
            "needs_name": not learner.full_name,
        },
    )
