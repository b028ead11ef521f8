from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from modules import views
from modules.models import GlossaryTerm, InterviewExcerpt


class InterviewExcerptViewSet(SnippetViewSet):
    model = InterviewExcerpt
    icon = "media"
    menu_label = _("Interview excerpts")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "speaker", "setting"]
    list_filter = ["setting"]
    search_fields = ["title", "speaker"]


register_snippet(InterviewExcerptViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    """The glossary in the admin: the terms of each language, searchable, by course."""

    model = GlossaryTerm
    icon = "doc-full-inverse"
    menu_label = _("Glossary")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["term", "locale", "course"]
    list_filter = ["locale", "course"]
    list_export = ["term", "locale", "definition", "course"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_admin_urls")
def excerpt_admin_urls():
    return [
        path("excerpt-media/<int:pk>/file/", views.excerpt_media_file, name="excerpt_media_file"),
    ]
