from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from modules.practice.models import AssessmentGrid, InterpretingExercise


class InterpretingExerciseViewSet(SnippetViewSet):
    model = InterpretingExercise
    icon = "media"
    menu_label = _("Exercises")
    list_display = ["title", "excerpt", "mode", "source_language", "target_language"]
    list_filter = ["mode", "review_required"]
    search_fields = ["title"]


class AssessmentGridViewSet(SnippetViewSet):
    model = AssessmentGrid
    icon = "table"
    menu_label = _("Assessment grids")
    list_display = ["name", "is_default"]
    search_fields = ["name"]


class PracticeViewSetGroup(SnippetViewSetGroup):
    items = (InterpretingExerciseViewSet, AssessmentGridViewSet)
    menu_icon = "media"
    menu_label = _("Interpreting practice")
    menu_name = "practice"
    menu_order = 215


register_snippet(PracticeViewSetGroup)
