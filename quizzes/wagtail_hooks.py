from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from capisce.permissions import ReadOnlyPolicy
from quizzes import admin_views
from quizzes.models import Quiz, QuizAttempt


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "pass_mark", "attempts_allowed", "review_policy"]
    list_filter = ["review_policy"]
    search_fields = ["title"]


register_snippet(QuizViewSet)


register_permission_policy(QuizAttempt, ReadOnlyPolicy(QuizAttempt))


@hooks.register("register_admin_viewset")
def register_attempts():
    return admin_views.AttemptViewSet("quiz_attempts")


@hooks.register("register_admin_urls")
def reflection_urls():
    return [
        path(
            "reflections/",
            admin_views.reflection_queue,
            name="quizzes_reflection_queue",
        ),
        path(
            "reflections/<int:attempt_id>/<str:question_id>/",
            admin_views.reflection_answer,
            name="quizzes_reflection_answer",
        ),
        path("quizzes/<int:quiz_id>/import/", admin_views.bank_import, name="quizzes_import"),
        path(
            "quizzes/<int:quiz_id>/export/<str:fmt>/",
            admin_views.bank_export,
            name="quizzes_export",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def question_bank_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Quiz) or not user.has_perm("quizzes.change_quiz"):
        return []
    return [
        Button(
            _("Import questions (GIFT, Moodle XML)"),
            reverse("quizzes_import", args=(snippet.pk,)),
            icon_name="upload",
            priority=60,
        ),
        Button(
            _("Download as GIFT"),
            reverse("quizzes_export", args=(snippet.pk, "gift")),
            icon_name="download",
            priority=61,
        ),
        Button(
            _("Download as Moodle XML"),
            reverse("quizzes_export", args=(snippet.pk, "xml")),
            icon_name="download",
            priority=62,
        ),
    ]


class TrainerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_ATTEMPTS)


@hooks.register("register_admin_menu_item")
def reflection_menu_item():
    return TrainerMenuItem(
        _("Reflections to answer"),
        reverse("quizzes_reflection_queue"),
        icon_name="comment",
        order=240,
    )
