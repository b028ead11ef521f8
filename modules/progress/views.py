"""The learner's dashboard: every course they are in, at a glance."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from modules.certificates.models import Certificate
from modules.practice.models import Rendition
from modules.progress.models import Enrolment, ModuleProgress
from modules.progress.outlines import course_outlines
from modules.progress.rules import course_progress
from quizzes.models import QuizAttempt, ReflectionReply
from quizzes.rules import before_reset


@login_required
def dashboard(request):
    """Every course the learner is in: progress, next step, last activity, results, replies.

    A fixed number of queries, whatever the number of courses and modules: the courses and
    their modules come from outlines kept until content changes (modules.progress.outlines),
    so a request reads only the learner's own rows.
    """
    learner = request.user
    enrolments = list(
        Enrolment.objects.for_learner(learner)
        .filter(course__isnull=False)
        .order_by("-last_activity_at")
    )
    outlines = course_outlines(request, [enrolment.course_id for enrolment in enrolments])
    enrolments = [enrolment for enrolment in enrolments if enrolment.course_id in outlines]
    module_ids = [m.pk for outline in outlines.values() for m in outline.modules]
    rows = ModuleProgress.objects.for_learner(learner).filter(module_id__in=module_ids)
    started = set()
    completed = set()
    for module_id, completed_at in rows.values_list("module_id", "completed_at"):
        started.add(module_id)
        if completed_at:
            completed.add(module_id)
    resets = {enrolment.course_id: enrolment.reset_at for enrolment in enrolments}
    course_of = {m.pk: course_id for course_id, o in outlines.items() for m in o.modules}
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
        course = outlines[enrolment.course_id]
        progress = course_progress(
            [m.pk for m in course.modules],
            started_ids=started,
            completed_ids=completed,
            in_order=course.modules_in_order,
        )
        modules = [
            {
                "title": module.title,
                "url": module.url,
                "status": progress.statuses[module.pk],
                "result": results.get(module.pk),  # since the last reset, if any
                "history": history.get(module.pk),  # before it
            }
            for module in course.modules
        ]
        in_course = {m.pk for m in course.modules}
        cards.append(
            {
                "enrolment": enrolment,
                "course": course,
                "modules": modules,
                "progress": progress,
                "next_module": next(
                    (m for m in course.modules if m.pk == progress.next_module_id), None
                ),
                "replies": [r for r in replies if r.attempt.module_id in in_course],
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
