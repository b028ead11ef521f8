"""Trainers' side of practice in the admin: the queue of submitted renditions, the review page
(the session played back, remarks dropped at moments of the recording, the grid and a
summary) and the hard moments of an exercise heard across learners.

Who may do what comes from Wagtail's permission policies on Rendition, Remark and Review (the
Trainers group's grants). A draft is the learner's own: no trainer page shows one.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from capisce.permissions import ReadOnlyPolicy
from modules.practice import rules, services
from modules.practice.filters import RenditionFilterSet
from modules.practice.forms import ReviewForm
from modules.practice.models import InterpretingExercise, Remark, Rendition, Review

# Renditions are the learners' recordings: trainers hear and review them, never edit them.
RENDITIONS = ReadOnlyPolicy(Rendition, forbidden=("add", "change", "delete"))
REMARKS = ModelPermissionPolicy(Remark)
REVIEWS = ModelPermissionPolicy(Review)
# The longest comment a remark keeps: a remark is a note at a moment, the summary says more.
REMARK_COMMENT_MAX = 2000


def rendition_filterset_class():
    """The queue's filters: PRACTICE_RENDITION_FILTERSET names them, ours by default."""
    name = getattr(settings, "PRACTICE_RENDITION_FILTERSET", "")
    return import_string(name) if name else RenditionFilterSet


def reviewable():
    """Renditions a trainer may open: submitted or reviewed, never a learner's draft."""
    return Rendition.objects.exclude(status=Rendition.Status.DRAFT)


def learner_name(rendition):
    return rendition.learner.full_name or rendition.learner.email


def review_url(rendition):
    return reverse("practice_renditions:review", args=(rendition.pk,))


def moment_url(exercise_id, number):
    return reverse("practice_hard_moment", args=(exercise_id, number))


class RenditionIndexView(IndexView):
    """The queue: submitted renditions first, oldest first, then those reviewed."""

    default_ordering = ("-status", "submitted_at", "pk")
    page_title = gettext_lazy("Renditions to review")

    def get_base_queryset(self):
        return reviewable().select_related("learner", "module")

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "learner",
                label=_("Learner"),
                accessor=learner_name,
                get_url=review_url,
                sort_key="learner__full_name",
            ),
            Column("exercise_title", label=_("Exercise"), sort_key="exercise_title"),
            Column("module", label=_("Module"), accessor="module.title"),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda rendition: rendition.status == Rendition.Status.SUBMITTED,
                sort_key="status",
            ),
        ]

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Review"),
                url=review_url(instance),
                icon_name="comment",
                attrs={"aria-label": _("Review %(name)s") % {"name": instance}},
                priority=10,
            )
        ]


def session_turns(turn_marks):
    """The consecutive session as it happened: for each turn, where the source turn starts
    and ends and where the learner's rendition of it starts and ends."""
    turns = []
    source_start = 0.0
    for mark in turn_marks or []:
        turns.append({**mark, "source_start": source_start})
        source_start = mark["source_end"]
    return turns


class ReviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One rendition for a trainer: play the session, drop remarks, score the grid, publish."""

    model = Rendition
    permission_policy = RENDITIONS
    permission_required = "view"
    template_name = "practice/admin/review.html"
    header_icon = "comment"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.rendition = get_object_or_404(
            reviewable().select_related(
                "learner", "module", "review", "exercise__excerpt__media", "exercise__grid"
            ),
            pk=kwargs["pk"],
        )
        self.exercise = self.rendition.exercise
        grid = self.exercise.assessment_grid() if self.exercise else None
        self.criteria = list(grid.criteria.all()) if grid else []
        self.review = getattr(self.rendition, "review", None)

    def get_page_title(self):
        return _("Review: %(exercise)s") % {"exercise": self.rendition.exercise_title}

    def get_page_subtitle(self):
        return learner_name(self.rendition)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Renditions to review")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def may_review(self):
        return REVIEWS.user_has_any_permission(self.request.user, ["add", "change"])

    def get_form(self, data=None):
        initial = {}
        if self.review is not None:
            initial["summary"] = self.review.summary
            for criterion in self.criteria:
                initial[ReviewForm.field_name(criterion)] = self.review.scores.get(
                    str(criterion.pk)
                )
        return ReviewForm(data, criteria=self.criteria, initial=initial)

    def post(self, request, *args, **kwargs):
        if not self.may_review():
            raise PermissionDenied
        form = self.get_form(request.POST)
        publish = request.POST.get("action") == "publish" or self.rendition.is_reviewed
        if form.is_valid():
            try:
                services.review_save(
                    rendition=self.rendition,
                    trainer=request.user,
                    scores=form.scores(),
                    summary=form.cleaned_data["summary"],
                    publish=publish,
                )
            except services.RenditionRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                if self.rendition.is_reviewed:
                    message = _("The review is published: %(name)s has been told.")
                else:
                    message = _("The review is saved as a draft: the learner does not see it yet.")
                messages.success(request, message % {"name": learner_name(self.rendition)})
                return redirect(review_url(self.rendition))
        messages.error(request, _("The review was not saved. Please check the scores."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rendition, exercise = self.rendition, self.exercise
        excerpt = exercise.excerpt if exercise else None
        moments = []
        segments = []
        if exercise is not None:
            prefetch_related_objects([exercise], "hard_moments")
            moments = [
                {"moment": moment, "url": moment_url(exercise.pk, number)}
                for number, moment in enumerate(exercise.hard_moments.all(), start=1)
            ]
            segments = list(excerpt.segments.all())
        form = kwargs.get("form") or self.get_form()
        self_scores = rendition.self_scores or {}
        context.update(
            {
                "rendition": rendition,
                "exercise": exercise,
                "excerpt": excerpt,
                "segments": segments,
                "learner_name": learner_name(rendition),
                "audio_url": reverse("practice:rendition_audio", args=(rendition.pk,)),
                "source_url": reverse("modules:excerpt_media", args=(excerpt.pk,))
                if excerpt is not None and excerpt.media_id
                else "",
                "consecutive": bool(exercise and exercise.is_consecutive),
                "turns": session_turns(rendition.turn_marks),
                "remarks": list(rendition.remarks.all()),
                "categories": Remark.Category.choices,
                "remarks_url": reverse("practice_renditions:remarks", args=(rendition.pk,)),
                "can_remark": REMARKS.user_has_permission(self.request.user, "add"),
                "can_delete_remarks": REMARKS.user_has_permission(self.request.user, "delete"),
                "can_review": self.may_review(),
                "form": form,
                "score_rows": [
                    (field, self_scores.get(str(criterion.pk)))
                    for criterion, field in zip(self.criteria, form.score_fields(), strict=True)
                ],
                "review": self.review,
                "moments": moments,
                "queue_url": reverse(self.index_url_name),
            }
        )
        return context


def _wants_json(request):
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def _remark_json(remark):
    return {
        "id": remark.pk,
        "at": float(remark.at),
        "category": remark.category,
        "category_label": str(remark.get_category_display()),
        "comment": remark.comment,
        "delete_url": reverse(
            "practice_renditions:remark_delete", args=(remark.rendition_id, remark.pk)
        ),
    }


class RemarkAddView(PermissionCheckedMixin, View):
    """POST a remark (JSON or a form): 201 with the remark, or 400 and why, nothing stored.

    The review page's script sends JSON; without a script the form posts here and comes back
    to the review page with a message.
    """

    model = Remark
    permission_policy = REMARKS
    permission_required = "add"
    http_method_names = ["post"]

    def post(self, request, pk):
        if not RENDITIONS.user_has_permission(request.user, "view"):
            raise PermissionDenied
        rendition = get_object_or_404(reviewable(), pk=pk)
        as_json = _wants_json(request)

        def refuse(message):
            if as_json:
                return JsonResponse({"error": message}, status=400)
            messages.error(request, message)
            return redirect(review_url(rendition))

        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"{}")
            except ValueError:
                data = None
            if not isinstance(data, dict):
                return refuse(_("The remark could not be read. Please try again."))
        else:
            data = request.POST
        comment = str(data.get("comment") or "")
        if len(comment) > REMARK_COMMENT_MAX:
            return refuse(
                _("A comment may be at most %(max)s characters.") % {"max": REMARK_COMMENT_MAX}
            )
        try:
            remark = services.remark_add(
                rendition=rendition,
                trainer=request.user,
                at=data.get("at"),
                category=str(data.get("category") or ""),
                comment=comment,
            )
        except services.RenditionRefused as refusal:
            return refuse(refusal.message)
        if as_json:
            return JsonResponse(_remark_json(remark), status=201)
        messages.success(
            request,
            _("Remark added at %(at)s s: %(category)s.")
            % {"at": remark.at, "category": remark.get_category_display()},
        )
        return redirect(f"{review_url(rendition)}#remarks")


class RemarkDeleteView(PermissionCheckedMixin, View):
    """POST: delete one remark of a rendition (JSON answer for the script, else back)."""

    model = Remark
    permission_policy = REMARKS
    permission_required = "delete"
    http_method_names = ["post"]

    def post(self, request, pk, remark_id):
        remark = get_object_or_404(
            Remark.objects.exclude(rendition__status=Rendition.Status.DRAFT),
            pk=remark_id,
            rendition_id=pk,
        )
        services.remark_delete(remark=remark)
        if _wants_json(request):
            return JsonResponse({"deleted": remark_id})
        messages.success(request, _("The remark is deleted."))
        return redirect(f"{reverse('practice_renditions:review', args=(pk,))}#remarks")


class HardMomentView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One hard moment of an exercise, as every learner who submitted a rendition rendered it,
    one after another: in consecutive mode their rendition of the turn that holds the moment,
    in simultaneous mode a few seconds from just before it."""

    model = Rendition
    permission_policy = RENDITIONS
    permission_required = "view"
    template_name = "practice/admin/hard_moment.html"
    header_icon = "media"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.exercise = get_object_or_404(
            InterpretingExercise.objects.select_related("excerpt__media"),
            pk=kwargs["exercise_id"],
        )
        prefetch_related_objects([self.exercise], "hard_moments", "turns")
        self.moments = list(self.exercise.hard_moments.all())
        self.number = kwargs["number"]
        if not 1 <= self.number <= len(self.moments):
            raise Http404("No such hard moment")
        self.moment = self.moments[self.number - 1]

    def get_page_title(self):
        return _("Hard moment: %(label)s") % {"label": self.moment.label}

    def get_page_subtitle(self):
        return self.exercise.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("practice_renditions:index"),
                "label": _("Renditions to review"),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exercise, moment = self.exercise, self.moment
        consecutive = exercise.is_consecutive
        at = float(moment.at)
        if consecutive:
            source_span = rules.source_turn_span(exercise.turn_ends(), at)
        else:
            source_span = (
                max(0.0, at - rules.MOMENT_LEAD_SECONDS),
                at - rules.MOMENT_LEAD_SECONDS + rules.MOMENT_CLIP_SECONDS,
            )
        clips = []
        for rendition in (
            reviewable()
            .filter(exercise=exercise)
            .select_related("learner")
            .order_by("learner__full_name", "learner__email", "submitted_at", "pk")
        ):
            clips.append(
                {
                    "rendition": rendition,
                    "learner": learner_name(rendition),
                    "span": rules.moment_clip(
                        consecutive=consecutive,
                        at=at,
                        turn_marks=rendition.turn_marks,
                        duration=rendition.duration,
                    ),
                    "audio_url": reverse("practice:rendition_audio", args=(rendition.pk,)),
                    "review_url": review_url(rendition),
                }
            )
        excerpt = exercise.excerpt
        context.update(
            {
                "exercise": exercise,
                "moment": moment,
                "number": self.number,
                "consecutive": consecutive,
                "source_span": source_span,
                "source_url": reverse("modules:excerpt_media", args=(excerpt.pk,))
                if excerpt.media_id
                else "",
                "clips": clips,
                "moments": [
                    {
                        "moment": other,
                        "url": moment_url(exercise.pk, index),
                        "current": other == moment,
                    }
                    for index, other in enumerate(self.moments, start=1)
                ],
            }
        )
        return context
