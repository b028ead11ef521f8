import posixpath
from functools import reduce
from operator import or_

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from wagtail.permissions import policy_registry

from capisce.media import serve_private_file
from modules import services
from modules.models import (
    Certificate,
    Enrolment,
    ExcerptMedia,
    InterviewExcerpt,
    ModulePage,
    ModuleProgress,
)
from modules.pdf import normalize_code
from modules.progress import course_progress
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
        "modules/dashboard.html",
        {"cards": cards, "languages": settings.LANGUAGES, "needs_name": not learner.full_name},
    )


def _certificate_or_none(code):
    normalized = normalize_code(code)
    if normalized is None:
        return None
    return Certificate.objects.filter(code=normalized).select_related("replaced_by").first()


def certificate_lookup(request):
    """The verification form: a typed code (case, spaces and dashes forgiven)."""
    typed = request.GET.get("code", "")
    if typed:
        normalized = normalize_code(typed)
        if normalized:
            return redirect("certificate_verify", code=normalized)
        return render(
            request,
            "certificates/verify.html",
            {"status": "not_found", "typed": typed},
            status=404,
        )
    return render(request, "certificates/verify.html", {"status": None})


def certificate_verify(request, code):
    """Public: is this certificate genuine? Name, course, date and hours, nothing more."""
    # allauth's limiter (shared cache, client IP as allauth sees it), applied to GET too.
    if not ratelimit.consume(
        request,
        app="allauth.account",
        action="verify_certificate",
        config=settings.CERTIFICATE_VERIFY_RATE,
        limit_get=True,
    ):
        return render(request, "certificates/verify.html", {"status": "too_many"}, status=429)
    certificate = _certificate_or_none(code)
    if certificate is None:
        return render(
            request, "certificates/verify.html", {"status": "not_found", "typed": code}, status=404
        )
    return render(
        request,
        "certificates/verify.html",
        {"status": certificate.status, "certificate": certificate},
    )


def certificate_pdf(request, code):
    """The stored PDF, for its learner and trainers only; anyone else gets a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = _certificate_or_none(code)
    allowed = certificate is not None and (
        certificate.learner_id == request.user.pk
        or request.user.has_perm("modules.view_certificate")
    )
    if not allowed or certificate.status != "valid":
        raise Http404("No certificate to download")
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("lang") or certificate.language
    if language not in languages:
        language = certificate.language
    stored = services.certificate_file(certificate=certificate, language=language)
    return serve_private_file(
        request,
        stored.file,
        as_attachment=True,
        filename=f"capisce-certificate-{certificate.course_slug}.pdf",
        content_type="application/pdf",
    )


def _open_excerpt(request, pk):
    """The excerpt, if this person may hear it; a 404 for anyone else, whatever exists."""
    excerpt = InterviewExcerpt.objects.select_related("media").filter(pk=pk).first()
    if excerpt is None or not services.excerpt_open_to(user=request.user, excerpt=excerpt):
        raise Http404("No such excerpt")
    return excerpt


def _download_name(title, stored_name):
    return (slugify(title) or "excerpt") + posixpath.splitext(stored_name)[1]


@require_safe
def excerpt_media(request, pk):
    """An excerpt's audio or video, with range requests, for those who may open a module with it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    excerpt = _open_excerpt(request, pk)
    if excerpt.media is None:
        raise Http404("No media")
    return serve_private_file(
        request, excerpt.media.file, filename=_download_name(excerpt.title, excerpt.media.file.name)
    )


@require_safe
def excerpt_captions(request, pk):
    """An excerpt's WebVTT captions, for the same people as its media."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    excerpt = _open_excerpt(request, pk)
    return serve_private_file(
        request,
        excerpt.captions,
        filename=_download_name(excerpt.title, excerpt.captions.name),
        content_type="text/vtt",
    )


@require_safe
def excerpt_media_file(request, pk):
    """Admin: a media item's file, for trainers who may choose or edit media (ExcerptMedia.url)."""
    media = get_object_or_404(ExcerptMedia, pk=pk)
    policy = policy_registry.get_by_type(ExcerptMedia)
    if not policy.user_has_any_permission_for_instance(request.user, ["change", "choose"], media):
        raise Http404("No such media")
    return serve_private_file(
        request, media.file, filename=_download_name(media.title, media.file.name)
    )
