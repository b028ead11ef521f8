"""Admin registration of practice: exercises and grids as snippets, the trainers' queue of
renditions with its review pages, and the hard moments compared across learners."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from modules.practice import admin_views
from modules.practice.models import (
    AssessmentGrid,
    InterpretingExercise,
    Remark,
    Rendition,
    Review,
)


class InterpretingExerciseViewSet(SnippetViewSet):
    model = InterpretingExercise
    icon = "media"
    menu_label = _("Exercises")
    list_display = ["title", "excerpt", "mode", "source_language", "target_language"]
    list_filter = ["mode", "review_required"]
    search_fields = ["title"]

    def get_queryset(self, request):
        # The listing's "Compare" buttons name each hard moment: read them with the page.
        return InterpretingExercise.objects.select_related("excerpt").prefetch_related(
            "hard_moments"
        )


class AssessmentGridViewSet(SnippetViewSet):
    model = AssessmentGrid
    icon = "table"
    menu_label = _("Assessment grids")
    list_display = ["name", "is_default"]
    search_fields = ["name"]


class RenditionViewSet(ModelViewSet):
    """The learners' submitted renditions: a queue to review from, never added or edited here."""

    model = Rendition
    name = "practice_renditions"
    url_prefix = "practice/renditions"
    icon = "comment"
    menu_label = _("Renditions to review")
    index_view_class = admin_views.RenditionIndexView
    search_fields = ["exercise_title", "learner__full_name", "learner__email"]
    form_fields = []
    copy_view_enabled = False

    @property
    def filterset_class(self):
        return admin_views.rendition_filterset_class()

    def get_urlpatterns(self):
        review = self.construct_view(
            admin_views.ReviewView, index_url_name=self.get_url_name("index")
        )
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/review/", review, name="review"),
            path("<int:pk>/remarks/", admin_views.RemarkAddView.as_view(), name="remarks"),
            path(
                "<int:pk>/remarks/<int:remark_id>/delete/",
                admin_views.RemarkDeleteView.as_view(),
                name="remark_delete",
            ),
        ]


register_permission_policy(Rendition, admin_views.RENDITIONS)
register_permission_policy(Remark, admin_views.REMARKS)
register_permission_policy(Review, admin_views.REVIEWS)


class PracticeViewSetGroup(SnippetViewSetGroup):
    items = (RenditionViewSet, InterpretingExerciseViewSet, AssessmentGridViewSet)
    menu_icon = "media"
    menu_label = _("Interpreting practice")
    menu_name = "practice"
    menu_order = 215


register_snippet(PracticeViewSetGroup)


@hooks.register("register_admin_urls")
def hard_moment_urls():
    return [
        path(
            "practice/exercises/<int:exercise_id>/moments/<int:number>/",
            admin_views.HardMomentView.as_view(),
            name="practice_hard_moment",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def hard_moment_buttons(snippet, user, next_url=None):
    """From the exercises list, each hard moment's comparison of the learners' renditions."""
    if not isinstance(snippet, InterpretingExercise):
        return []
    if not admin_views.RENDITIONS.user_has_permission(user, "view"):
        return []
    return [
        Button(
            _("Compare: %(label)s") % {"label": moment.label},
            reverse("practice_hard_moment", args=(snippet.pk, number)),
            icon_name="media",
            priority=60 + number,
        )
        for number, moment in enumerate(snippet.hard_moments.all(), start=1)
    ]
