"""Learners' side of practice: consent, upload, their renditions, the recordings' audio.

A learner sees only their own renditions; anyone else gets a 404, whatever exists. The
module page decides whether a learner may open an exercise in it (its hook
`exercise_open_to`), so this app knows no page model.
"""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from capisce.media import serve_private_file
from capisce.translation import source_of
from modules.practice import services
from modules.practice.forms import SelfAssessmentForm
from modules.practice.models import InterpretingExercise, Rendition

RENDITIONS = ModelPermissionPolicy(Rendition)


def _safe_next(request, fallback="/"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def consent(request):
    """The learner accepts the recording notice; back to where they were."""
    if not request.user.is_authenticated:
        return redirect_to_login(_safe_next(request))
    services.consent_record(learner=request.user)
    messages.success(request, _("Thank you. You can now record your renditions."))
    return redirect(_safe_next(request))


def _open_exercise(request, exercise_id, module_id):
    """(exercise, module page) if the learner may open the exercise there; else 404."""
    exercise = InterpretingExercise.objects.filter(pk=exercise_id).first()
    page = Page.objects.filter(pk=module_id).first()
    page = page.specific if page is not None else None
    hook = getattr(page, "exercise_open_to", None)
    if exercise is None or hook is None or not hook(request.user, exercise):
        raise Http404("No such exercise here")
    return exercise, page


def _rendition_json(rendition, *, created):
    return {
        "id": rendition.pk,
        "created": created,
        "duration": float(rendition.duration),
        "status": rendition.status,
        "url": reverse("practice:rendition", args=[rendition.pk]),
        "audio_url": reverse("practice:rendition_audio", args=[rendition.pk]),
    }


@require_POST
def upload(request, exercise_id, module_id):
    """A take from the recorder (or the plain form): 201 with the rendition, or 400 and why.

    The same take sent again (same take_id) answers 201 with the rendition stored the first
    time. The plain form (`no_js`) is sent back to the page with a message instead of JSON.
    """
    if not request.user.is_authenticated:
        raise Http404("Sign in first")
    exercise, page = _open_exercise(request, exercise_id, module_id)
    plain_form = bool(request.POST.get("no_js"))

    def refuse(message):
        if plain_form:
            messages.error(request, message)
            return redirect(f"{page.url}#exercise-{exercise.pk}")
        return JsonResponse({"error": message}, status=400)

    try:
        take_id = uuid.UUID(request.POST.get("take_id", ""))
    except ValueError:
        return refuse(_("This take has no valid identifier. Please record again."))
    try:
        turn_marks = json.loads(request.POST.get("turn_marks") or "[]")
    except ValueError:
        return refuse(_("The turn marks could not be read. Please record again."))
    before = Rendition.objects.for_learner(request.user).filter(take_id=take_id).exists()
    try:
        rendition = services.rendition_upload(
            learner=request.user,
            # Recorded on the sources: the take counts whatever language the page is in.
            exercise=source_of(exercise),
            module=source_of(page),
            upload=request.FILES.get("audio"),
            take_id=take_id,
            turn_marks=turn_marks,
        )
    except services.RenditionRefused as refusal:
        return refuse(refusal.message)
    if plain_form:
        messages.success(request, _("Your recording is saved. Listen to it, then submit it."))
        return redirect("practice:rendition", rendition.pk)
    return JsonResponse(_rendition_json(rendition, created=not before), status=201)


def _own_rendition(request, pk):
    rendition = (
        Rendition.objects.for_learner(request.user)
        .select_related("exercise__excerpt__media", "exercise__grid", "exercise__model_media")
        .filter(pk=pk)
        .first()
    )
    if rendition is None:
        raise Http404("No such rendition")
    return rendition


def _grid_rows(criteria, self_scores, trainer_scores):
    return [
        {
            "criterion": criterion,
            "self": self_scores.get(str(criterion.pk)),
            "trainer": trainer_scores.get(str(criterion.pk)),
        }
        for criterion in criteria
    ]


def _sensitive_source_open(request, rendition, excerpt) -> bool:
    """A sensitive source is heard and read only where its module lets this learner open it
    (its hook `excerpt_open_to`: enrolled in the course, the module not locked); each opening
    is logged (its hook `excerpts_opened`). Any other source is always open to its learner."""
    if not excerpt.sensitive:
        return True
    page = rendition.module.specific if rendition.module is not None else None
    open_to = getattr(page, "excerpt_open_to", None)
    if open_to is None or not open_to(request.user, excerpt):
        return False
    page.excerpts_opened(request.user, [excerpt])
    return True


@login_required
def rendition(request, pk):
    """One rendition for its learner: listen, self-assess and submit; then the model
    rendition; after review, the remarks and the grid, self beside trainer."""
    rendition = _own_rendition(request, pk)
    exercise = rendition.exercise
    grid = exercise.assessment_grid() if exercise else None
    criteria = list(grid.criteria.all()) if grid else []
    form = SelfAssessmentForm(criteria=criteria)
    status = 200
    if request.method == "POST":
        if not rendition.is_draft:
            return redirect("practice:rendition", rendition.pk)
        form = SelfAssessmentForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                services.rendition_submit(
                    rendition=rendition,
                    self_scores=form.scores(),
                    note=form.cleaned_data["note"],
                )
            except services.RenditionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request, _("Your rendition is submitted. Compare it with the model now.")
                )
                return redirect("practice:rendition", rendition.pk)
        status = 400
    review = getattr(rendition, "review", None) if rendition.is_reviewed else None
    services.feedback_seen(rendition=rendition)
    remarks = list(rendition.remarks.all()) if rendition.is_reviewed else []
    excerpt = exercise.excerpt if exercise else None
    withheld = excerpt is not None and not _sensitive_source_open(request, rendition, excerpt)
    if withheld:
        excerpt = None
    if excerpt is not None:
        prefetch_related_objects([excerpt], "segments")
    context = {
        "rendition": rendition,
        "exercise": exercise,
        "excerpt": excerpt,
        "source_withheld": withheld,
        "segments": list(excerpt.segments.all()) if excerpt else [],
        "form": form,
        "grid_rows": _grid_rows(criteria, rendition.self_scores, review.scores if review else {}),
        "review": review,
        "remarks": remarks,
        "audio_url": reverse("practice:rendition_audio", args=[rendition.pk]),
        "source_url": reverse("modules:excerpt_media", args=[excerpt.pk])
        if excerpt and excerpt.media_id
        else "",
        "model_url": reverse("practice:model_audio", args=[rendition.pk])
        if exercise and exercise.model_media_id and not rendition.is_draft
        else "",
        "module": rendition.module,
    }
    return TemplateResponse(request, "practice/rendition.html", context, status=status)


@require_POST
@login_required
def delete(request, pk):
    """The learner deletes one of their renditions (not while it waits for review)."""
    rendition = _own_rendition(request, pk)
    module = rendition.module
    try:
        services.rendition_delete(rendition=rendition)
    except services.RenditionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("practice:rendition", rendition.pk)
    messages.success(request, _("Your rendition and its recording are deleted."))
    return redirect(module.url if module is not None and module.url else "progress:dashboard")


def _download_name(rendition):
    extension = rendition.audio.name.rsplit(".", 1)[-1] if "." in rendition.audio.name else ""
    name = slugify(rendition.exercise_title) or "rendition"
    return f"{name}-{rendition.created_at:%Y%m%d-%H%M}" + (f".{extension}" if extension else "")


@require_safe
def rendition_audio(request, pk):
    """A rendition's recording, with ranges: for its learner and trainers who may view
    renditions; a 404 for anyone else, signed out too (a recording is never a sign-in page)."""
    if not request.user.is_authenticated:
        raise Http404("No such rendition")
    queryset = Rendition.objects.all()
    if not RENDITIONS.user_has_permission(request.user, "view"):
        queryset = queryset.for_learner(request.user)
    rendition = get_object_or_404(queryset, pk=pk)
    return serve_private_file(
        request,
        rendition.audio,
        filename=_download_name(rendition),
        content_type=rendition.content_type,
    )


@require_safe
def model_audio(request, pk):
    """The exercise's model rendition, for a learner once they have submitted theirs; a 404
    for anyone else, signed out too."""
    if not request.user.is_authenticated:
        raise Http404("No such rendition")
    rendition = _own_rendition(request, pk)
    media = rendition.exercise.model_media if rendition.exercise else None
    if rendition.is_draft or media is None:
        raise Http404("No model rendition to hear yet")
    extension = media.file.name.rsplit(".", 1)[-1] if "." in media.file.name else "audio"
    return serve_private_file(
        request, media.file, filename=f"{slugify(media.title) or 'model'}.{extension}"
    )


@require_safe
@login_required
def export(request):
    """The learner's own recordings and remarks, as a zip they keep."""
    archive = services.renditions_export(learner=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, "capisce-my-renditions.zip")
    response["Cache-Control"] = "private, no-store"
    return response
