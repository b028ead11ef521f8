"""The learner's dashboard: every course they are in, at a glance."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from modules.certificates.models import Certificate
from modules.practice.models import Rendition
from modules.progress.models import Enrolment, ModuleProgress
from modules.progress.outlines import course_outlines
from modules.progress.rules import DONE, IN_PROGRESS, LOCKED, NOT_STARTED, course_progress
from quizzes.models import QuizAttempt, ReflectionReply
from quizzes.rules import before_reset

# What a module's status reads as. Translated once per request, not once per module row.
STATUS_LABELS = {
    DONE: _("Done"),
    IN_PROGRESS: _("In progress"),
    LOCKED: _("Locked"),
    NOT_STARTED: _("Not started"),
}


@login_required
def dashboard(request):
    """Every course the learner is in: progress, next step, last activity, results, replies.

    A fixed number of queries, whatever the number of courses and modules: the courses and
    their modules come from outlines kept until content changes (modules.progress.outlines),
    so a request reads only the learner's own rows.
    """
    learner = request.user
    # Each read takes only the columns the page shows: building the SQL for every column and
    # decoding the rows' snapshots would cost more than the rest of the query.
    enrolments = list(
        Enrolment.objects.for_learner(learner)
        .filter(course__isnull=False)
        .order_by("-last_activity_at")
        .only("course_id", "last_activity_at", "reset_at", "completed_at")
    )
    outlines = course_outlines(request, [enrolment.course_id for enrolment in enrolments])
    enrolments = [enrolment for enrolment in enrolments if enrolment.course_id in outlines]
    # The learner's rows, all of them: those of a module not listed are never looked up, and
    # a list of every module's id in the SQL costs more to build than the few rows it spares.
    rows = ModuleProgress.objects.for_learner(learner).values_list("module_id", "completed_at")
    started = set()
    completed = set()
    for module_id, completed_at in rows:
        started.add(module_id)
        if completed_at:
            completed.add(module_id)
    resets = {enrolment.course_id: enrolment.reset_at for enrolment in enrolments}
    course_of = {m.pk: course_id for course_id, o in outlines.items() for m in o.modules}
    attempts = QuizAttempt.objects.for_learner(learner).values_list(
        "module_id", "percent", "passed", "submitted_at"
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
        .only("text", "created_at", "attempt__quiz_title", "attempt__module_id")
        .order_by("-created_at")[:20]
    )
    certificates = {
        c.course_id: c
        for c in Certificate.objects.current()
        .filter(learner=learner, revoked_at__isnull=True)
        .only("course_id", "code")
    }
    feedback = list(
        Rendition.objects.for_learner(learner)
        .feedback_waiting()
        .order_by("-reviewed_at")
        .only("exercise_title", "reviewed_at")[:20]
    )
    labels = {status: str(label) for status, label in STATUS_LABELS.items()}
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
                "status_label": labels[progress.statuses[module.pk]],
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
