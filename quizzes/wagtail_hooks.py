from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quizzes.models import Quiz


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
