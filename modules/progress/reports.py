"""Trainer reports in the Wagtail admin: who is where, and which questions mislead.

Built on Wagtail's ReportView, so every listing exports to CSV and XLSX. Each
report costs a fixed number of queries, whatever the number of learners.
"""

import datetime
import statistics
import uuid
from collections import defaultdict

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from modules.blocks import exercise_ids
from modules.models import CoursePage
from modules.practice.models import AssessmentGrid, GridCriterion, InterpretingExercise, Rendition
from modules.progress import services
from modules.progress.models import Cohort, Enrolment, ModuleProgress
from modules.progress.rules import DONE, IN_PROGRESS, NOT_STARTED, course_progress
from quizzes import services as quiz_services
from quizzes.models import AttemptGrant, Quiz, QuizAttempt
from quizzes.rules import before_reset

STATUS_LABELS = {
    DONE: gettext_lazy("done"),
    IN_PROGRESS: gettext_lazy("in progress"),
    NOT_STARTED: gettext_lazy("not started"),
    "locked": gettext_lazy("locked"),
}
# Who may do what, through Wagtail's permission policies (the Trainers group's grants).
ENROLMENTS = ModelPermissionPolicy(Enrolment)
GRANTS = ModelPermissionPolicy(AttemptGrant)


def can_see_reports(user):
    return ENROLMENTS.user_has_permission(user, "view")


class ReportFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"), queryset=CoursePage.objects.order_by("title")
    )
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Cohort"), queryset=Cohort.objects.all()
    )

    class Meta:
        model = Enrolment
        fields = ["course", "cohort"]


def chosen_filters(view):
    """The course and cohort asked for; bad values are ignored with a message."""
    filters = view.filters
    course = cohort = None
    if filters is not None:
        valid = filters.is_valid()
        course = filters.form.cleaned_data.get("course")
        cohort = filters.form.cleaned_data.get("cohort")
        if not valid:
            messages.warning(
                view.request, _("Some filter values were not understood and are ignored.")
            )
    if course is None:
        course = CoursePage.objects.order_by("path").first()
    return course, cohort


def progress_rows(course, enrolments):
    """One dict per enrolment: the learner and, per module, status and best score.

    `enrolments` is a queryset of the course's enrolments: the progress and
    attempts are read with it as a subquery, so the cost does not grow with it.
    """
    modules = list(course.get_modules()) if course else []
    module_ids = [m.pk for m in modules]
    learners = enrolments.values("learner_id")
    started, completed = defaultdict(set), defaultdict(set)
    for learner_id, module_id, done in ModuleProgress.objects.filter(
        learner_id__in=learners, module_id__in=module_ids
    ).values_list("learner_id", "module_id", "completed_at"):
        started[learner_id].add(module_id)
        if done:
            completed[learner_id].add(module_id)
    # The best current score: attempts before the learner's last reset are history.
    reset_after = Enrolment.objects.filter(
        learner_id=OuterRef("learner_id"), course=course, reset_at__gte=OuterRef("submitted_at")
    )
    best = {
        (row["learner_id"], row["module_id"]): row["best"]
        for row in QuizAttempt.objects.filter(learner_id__in=learners, module_id__in=module_ids)
        .exclude(Exists(reset_after))
        .values("learner_id", "module_id")
        .annotate(best=Max("percent"))
    }
    labels = {status: str(label) for status, label in STATUS_LABELS.items()}
    columns = [(module.pk, f"m{module.pk}", f"s{module.pk}") for module in modules]
    rows = []
    for enrolment in enrolments.values(
        "learner_id",
        "learner__full_name",
        "learner__email",
        "learner__erased_at",
        "enrolled_at",
        "completed_at",
    ):
        learner_id = enrolment["learner_id"]
        progress = course_progress(
            module_ids,
            started_ids=started[learner_id],
            completed_ids=completed[learner_id],
            in_order=course.modules_in_order,
        )
        erased = enrolment["learner__erased_at"] is not None
        row = {
            "learner_id": learner_id,
            # An erased account's records stay, counted once each, with no name or address.
            "learner": _("Erased account #%(number)s") % {"number": learner_id}
            if erased
            else enrolment["learner__full_name"],
            "email": "" if erased else enrolment["learner__email"],
            "enrolled": enrolment["enrolled_at"],
            "completed": enrolment["completed_at"],
            "done": f"{progress.done}/{progress.total}",
        }
        statuses = progress.statuses
        for module_id, status_key, score_key in columns:
            row[status_key] = labels[statuses[module_id]]
            score = best.get((learner_id, module_id))
            row[score_key] = f"{score:.0f}%" if score is not None else ""
        rows.append(row)
    return modules, rows


def spreadsheet_safe(value):
    """Text a learner typed, made inert for spreadsheets: no cell starts a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def local_iso(moment):
    """An instant in the site's time zone, in ISO 8601 with its offset (for CSV)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def local_naive(moment):
    """An instant as the site's wall-clock time: XLSX cells have no time zone, so a
    real date cell (one that sorts and computes) in local time, not text."""
    return timezone.make_naive(moment)


class CourseProgressReport(ReportView):
    """Per course: learners × modules, with each module's status and best quiz score."""

    page_title = gettext_lazy("Course progress")
    header_icon = "tasks"
    index_url_name = "progress_reports:course_progress"
    index_results_url_name = "progress_reports:course_progress_results"
    filterset_class = ReportFilterSet
    paginate_by = 50
    any_permission_required = ["view"]
    permission_policy = ENROLMENTS
    export_filename = "course-progress"
    custom_field_preprocess = {
        "learner": {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe},
        "email": {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe},
    }
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.datetime: {"csv": local_iso, "xlsx": local_naive},
    }

    def get_queryset(self):
        self.course, self.cohort = chosen_filters(self)
        enrolments = Enrolment.objects.filter(course=self.course)
        if self.cohort is not None:
            enrolments = enrolments.filter(learner__cohorts=self.cohort)
        modules, rows = progress_rows(self.course, enrolments.order_by("learner__full_name"))
        self.list_export = ["learner", "email", "enrolled", "completed", "done"]
        self.export_headings = {
            "learner": _("Learner"),
            "email": _("Email"),
            "enrolled": _("Enrolled"),
            "completed": _("Completed"),
            "done": _("Modules done"),
        }
        self.columns = [
            TitleColumn(
                "learner",
                label=_("Learner"),
                get_url=lambda row: reverse("progress_reports:learner", args=(row["learner_id"],)),
            ),
            Column("done", label=_("Modules done")),
        ]
        for number, module in enumerate(modules, start=1):
            self.list_export += [f"m{module.pk}", f"s{module.pk}"]
            self.export_headings[f"m{module.pk}"] = f"{number}. {module.title}"
            self.export_headings[f"s{module.pk}"] = _("%(number)s. best score") % {"number": number}
            self.columns.append(Column(f"m{module.pk}", label=f"{number}. {module.title}"))
        return rows

    def filter_queryset(self, queryset):
        return queryset  # get_queryset applies the filters while it builds the rows

    def get_filename(self):
        slug = self.course.slug if self.course else "none"
        return f"{self.export_filename}-{slug}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["page_subtitle"] = self.course.title if self.course else ""
        return context


def course_summary(course):
    """Enrolled, in progress, completed, median time to complete, pass rates, hard questions."""
    enrolments = list(Enrolment.objects.filter(course=course))
    modules = list(course.get_modules())
    module_ids = [m.pk for m in modules]
    active = set(
        ModuleProgress.objects.filter(module_id__in=module_ids).values_list("learner_id", flat=True)
    )
    completed = [e for e in enrolments if e.completed_at]
    durations = [(e.completed_at - e.enrolled_at).total_seconds() / 86400 for e in completed]
    quizzes = {}
    questions = {}
    attempts = QuizAttempt.objects.filter(module_id__in=module_ids).values_list(
        "quiz_id", "quiz_title", "learner_id", "passed", "questions", "results"
    )
    for quiz_id, title, learner_id, passed, shown, results in attempts.iterator():
        quiz = quizzes.setdefault(quiz_id, {"title": title, "tried": set(), "passed": set()})
        quiz["tried"].add(learner_id)
        if passed:
            quiz["passed"].add(learner_id)
        prompts = {q["id"]: strip_tags(q["value"].get("prompt", "")) for q in shown}
        for result in results:
            if result["correct"] is None:
                continue
            stats = questions.setdefault(
                result["question_id"],
                {
                    "quiz": title,
                    "prompt": prompts.get(result["question_id"], ""),
                    "n": 0,
                    "right": 0,
                },
            )
            stats["n"] += 1
            stats["right"] += 1 if result["correct"] else 0
    for stats in questions.values():
        stats["share"] = round(100 * stats["right"] / stats["n"])
    return {
        "course": course,
        "enrolled": len(enrolments),
        "completed": len(completed),
        "in_progress": len({e.learner_id for e in enrolments if not e.completed_at} & active),
        "median_days": round(statistics.median(durations), 1) if durations else None,
        "quizzes": [
            {
                "title": q["title"],
                "tried": len(q["tried"]),
                "passed": len(q["passed"]),
                "rate": round(100 * len(q["passed"]) / len(q["tried"])),
            }
            for q in quizzes.values()
        ],
        "questions": sorted(questions.values(), key=lambda s: s["share"]),
    }


def exercise_criteria(exercises):
    """{exercise id: its grid's criteria} (the exercise's grid or the site's default), in two
    queries whatever the number of exercises."""
    default = AssessmentGrid.site_default()
    default_id = default.pk if default else None
    grid_ids = {exercise.grid_id or default_id for exercise in exercises} - {None}
    criteria = defaultdict(list)
    for criterion in GridCriterion.objects.filter(grid_id__in=grid_ids).order_by("sort_order"):
        criteria[criterion.grid_id].append(criterion)
    return {exercise.pk: criteria[exercise.grid_id or default_id] for exercise in exercises}


def scored(criteria, scores):
    """[(criterion, score)] for the criteria a review scored, in the grid's order."""
    scores = scores or {}
    return [(c, scores[str(c.pk)]) for c in criteria if scores.get(str(c.pk)) is not None]


def exercise_summary(modules):
    """Per exercise the modules place: renditions submitted, reviewed, and the median of the
    trainers' scores per criterion (published reviews only)."""
    module_ids = [module.pk for module in modules]
    ids = list(dict.fromkeys(pk for module in modules for pk in exercise_ids(module.body) if pk))
    exercises = InterpretingExercise.objects.in_bulk(ids)
    criteria = exercise_criteria(exercises.values())
    counts = {pk: {"submitted": 0, "reviewed": 0, "scores": defaultdict(list)} for pk in exercises}
    renditions = (
        Rendition.objects.filter(module_id__in=module_ids, exercise_id__in=exercises)
        .exclude(status=Rendition.Status.DRAFT)
        .values_list("exercise_id", "status", "review__scores")
    )
    for exercise_id, status, scores in renditions.iterator():
        row = counts[exercise_id]
        row["submitted"] += 1
        if status == Rendition.Status.REVIEWED:
            row["reviewed"] += 1
            for key, score in (scores or {}).items():
                row["scores"][key].append(score)
    return [
        {
            "exercise": exercises[pk],
            "submitted": counts[pk]["submitted"],
            "reviewed": counts[pk]["reviewed"],
            "medians": [
                {
                    "criterion": criterion,
                    "median": statistics.median(counts[pk]["scores"][str(criterion.pk)])
                    if counts[pk]["scores"][str(criterion.pk)]
                    else None,
                }
                for criterion in criteria[pk]
            ],
        }
        for pk in ids
        if pk in exercises
    ]


def course_summary_view(request, course_id=None):
    if not can_see_reports(request.user):
        raise PermissionDenied
    if course_id is None:
        course = CoursePage.objects.order_by("path").first()
        if course is None:
            raise Http404("No course yet")
    else:
        course = get_object_or_404(CoursePage, pk=course_id)
    context = course_summary(course)
    context["exercises"] = exercise_summary(list(course.get_modules()))
    context["header_title"] = _("Summary: %(course)s") % {"course": course.title}
    context["courses"] = CoursePage.objects.order_by("title")
    return TemplateResponse(request, "progress/admin/course_summary.html", context)


def reset_before(attempt, enrolments):
    """The reset an attempt came before (its course's `reset_at`), or None if it still counts."""
    module = attempt.module
    for enrolment in enrolments:
        course = enrolment.course
        if (
            module is not None
            and course is not None
            and module.path.startswith(course.path)
            and before_reset(attempt.submitted_at, enrolment.reset_at)
        ):
            return enrolment.reset_at
    return None


def learner_detail_view(request, learner_id):
    if not can_see_reports(request.user):
        raise PermissionDenied
    learner = get_object_or_404(get_user_model(), pk=learner_id)
    cards = []
    enrolments = list(Enrolment.objects.filter(learner=learner).select_related("course"))
    for enrolment in enrolments:
        course = enrolment.course
        one = Enrolment.objects.filter(pk=enrolment.pk)
        modules, rows = progress_rows(course, one) if course else ([], [{}])
        row = rows[0]
        lines = [(m.title, row[f"m{m.pk}"], row[f"s{m.pk}"]) for m in modules]
        cards.append({"enrolment": enrolment, "lines": lines, "done": row.get("done", "")})
    attempts = list(
        QuizAttempt.objects.filter(learner=learner)
        .select_related("module", "quiz")
        .order_by("-submitted_at")[:100]
    )
    for attempt in attempts:
        attempt.reset_before = reset_before(attempt, enrolments)
    grants = AttemptGrant.objects.filter(learner=learner).select_related("granted_by")
    renditions = list(
        Rendition.objects.filter(learner=learner)
        .exclude(status=Rendition.Status.DRAFT)
        .select_related("module", "exercise", "review__trainer")
        .annotate(remark_count=Count("remarks"))
        .order_by("-submitted_at", "-pk")[:100]
    )
    criteria = exercise_criteria({r.exercise for r in renditions if r.exercise})
    for rendition in renditions:
        review = getattr(rendition, "review", None) if rendition.is_reviewed else None
        rendition.published = review
        rendition.scored = scored(criteria.get(rendition.exercise_id, []), review and review.scores)
    return TemplateResponse(
        request,
        "progress/admin/learner_detail.html",
        {
            "learner": learner,
            "cards": cards,
            "attempts": attempts,
            "grants": grants,
            "renditions": renditions,
            "can_grant": GRANTS.user_has_permission(request.user, "add"),
            "header_title": learner.get_full_name(),
        },
    )


class AttemptGrantForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=gettext_lazy("Quiz"),
        queryset=Quiz.objects.filter(attempts_allowed__gt=0),
        help_text=gettext_lazy("Only quizzes that limit the attempts are listed."),
    )
    extra_attempts = forms.IntegerField(
        label=gettext_lazy("Extra attempts"), min_value=1, max_value=10, initial=1
    )
    reason = forms.CharField(
        label=gettext_lazy("Why?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Kept with the grant and shown in the learner's report."),
        error_messages={"required": gettext_lazy("Say why you grant more attempts.")},
    )
    token = forms.UUIDField(widget=forms.HiddenInput)


def attempt_grant_view(request, learner_id):
    """A trainer gives one learner more attempts at a quiz, with a reason."""
    if not can_see_reports(request.user) or not GRANTS.user_has_permission(request.user, "add"):
        raise PermissionDenied
    learner = get_object_or_404(get_user_model(), pk=learner_id)
    quiz_id = request.GET.get("quiz", "")
    initial = {"token": uuid.uuid4(), "quiz": int(quiz_id) if quiz_id.isdigit() else None}
    form = AttemptGrantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        quiz_services.attempt_grant(
            learner=learner,
            quiz=data["quiz"],
            extra_attempts=data["extra_attempts"],
            granted_by=request.user,
            reason=data["reason"],
            token=data["token"],
        )
        messages.success(
            request,
            _("%(name)s has %(count)s more attempt(s) at “%(quiz)s”.")
            % {
                "name": learner.full_name or learner.email,
                "count": data["extra_attempts"],
                "quiz": data["quiz"].title,
            },
        )
        return redirect("progress_reports:learner", learner_id=learner.pk)
    return TemplateResponse(
        request,
        "progress/admin/attempt_grant.html",
        {
            "learner": learner,
            "form": form,
            "header_title": _("More attempts for %(name)s")
            % {"name": learner.full_name or learner.email},
        },
    )


def progress_reset_view(request, learner_id, course_id):
    """Confirm, then start a learner's course again: attempts kept as history, given back."""
    if not ENROLMENTS.user_has_permission(request.user, "change"):
        raise PermissionDenied
    learner = get_object_or_404(get_user_model(), pk=learner_id)
    course = get_object_or_404(CoursePage, pk=course_id)
    enrolment = get_object_or_404(Enrolment, learner=learner, course=course)
    if request.method == "POST":
        services.progress_reset(learner=learner, course=course)
        messages.success(
            request,
            _("The progress of %(name)s in “%(course)s” was reset.")
            % {"name": learner.full_name, "course": course.title},
        )
        return redirect("progress_reports:learner", learner_id=learner.pk)
    return TemplateResponse(
        request,
        "progress/admin/progress_reset_confirm.html",
        {
            "learner": learner,
            "course": course,
            "enrolment": enrolment,
            "header_title": _("Reset progress"),
        },
    )
