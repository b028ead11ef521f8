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

    def get_urlpatterns(self):
        """The question bank's import and export belong to the quiz: they live in its viewset."""
        return [
            *super().get_urlpatterns(),
            path("<int:quiz_id>/import/", admin_views.bank_import, name="import_questions"),
            path(
                "<int:quiz_id>/export/<str:fmt>/",
                admin_views.bank_export,
                name="export_questions",
            ),
        ]


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
    ]


@hooks.register("register_snippet_listing_buttons")
def question_bank_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Quiz) or not admin_views.QUIZZES.user_has_permission(user, "change"):
        return []
    viewset = Quiz.snippet_viewset
    return [
        Button(
            _("Import questions (GIFT, Moodle XML)"),
            reverse(viewset.get_url_name("import_questions"), args=(snippet.pk,)),
            icon_name="upload",
            priority=60,
        ),
        Button(
            _("Download as GIFT"),
            reverse(viewset.get_url_name("export_questions"), args=(snippet.pk, "gift")),
            icon_name="download",
            priority=61,
        ),
        Button(
            _("Download as Moodle XML"),
            reverse(viewset.get_url_name("export_questions"), args=(snippet.pk, "xml")),
            icon_name="download",
            priority=62,
        ),
    ]


class TrainerMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_read_attempts(request.user)


@hooks.register("register_admin_menu_item")
def reflection_menu_item():
    return TrainerMenuItem(
        _("Reflections to answer"),
        reverse("quizzes_reflection_queue"),
        icon_name="comment",
        order=240,
    )
