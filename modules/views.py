"""Interview excerpts' media and captions: only for those who may open a module showing them."""

import posixpath

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from wagtail.permissions import policy_registry

from capisce.media import serve_private_file
from modules import services
from modules.blocks import excerpt_ids, exercise_ids
from modules.models import ExcerptMedia, ExcerptOpening, InterviewExcerpt, ModulePage
from modules.models.excerpts import excerpt_editor
from modules.practice.models import InterpretingExercise, Rendition


def excerpt_open_to(*, user, excerpt) -> bool:
    """May this person hear and read the excerpt (its media and captions)?

    Trainers who edit excerpts always; a signed-in learner when a live module of a live course
    shows it (or an interpreting exercise on it) and that module is open to them (not locked),
    as the module page itself decides (`ModulePage.excerpt_open_to`), or when they have
    recorded a rendition of it. A sensitive excerpt needs more: the learner is enrolled in the
    course of such a module, and a rendition alone does not open it.
    """
    if not user.is_authenticated:
        return False
    if excerpt_editor(user):
        return True
    exercises = set(
        InterpretingExercise.objects.filter(
            excerpt__translation_key=excerpt.translation_key
        ).values_list("pk", flat=True)
    )
    # A learner who has interpreted the excerpt plays their session back with its source.
    if (
        not excerpt.sensitive
        and Rendition.objects.for_learner(user).filter(exercise_id__in=exercises).exists()
    ):
        return True
    for module in (
        ModulePage.objects.live()
        .public()
        .only("id", "path", "depth", "body", "translation_key", "locale_id", "live")
    ):
        shown = excerpt.pk in excerpt_ids(module.body)
        if not shown and not exercises.intersection(exercise_ids(module.body)):
            continue
        if module.excerpt_open_to(user, excerpt, exercises=exercises):
            return True
    return False


def _open_excerpt(request, pk):
    """The excerpt, if this person may hear it; a 404 for anyone else, whatever exists."""
    excerpt = InterviewExcerpt.objects.select_related("media").filter(pk=pk).first()
    if excerpt is None or not excerpt_open_to(user=request.user, excerpt=excerpt):
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
    if excerpt.sensitive and not excerpt_editor(request.user):
        # Once per learner and half hour, however many range requests the player makes.
        services.excerpt_openings_record(
            learner=request.user, excerpts=[excerpt], what=ExcerptOpening.What.MEDIA
        )
    # Inline, never as an attachment: the player streams it (a sensitive excerpt's player
    # offers no download either; that discourages saving it, it cannot prevent it).
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
