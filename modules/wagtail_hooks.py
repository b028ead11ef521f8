from functools import partial

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from modules import views
from modules.glossary import admin_views as glossary_admin
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


class GlossaryIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if glossary_admin.TERMS.user_has_permission(self.request.user, "add"):
            buttons.append(
                Button(
                    _("Import from CSV"),
                    url=reverse("wagtailsnippets_modules_glossaryterm:import"),
                    icon_name="upload",
                    priority=30,
                )
            )
        return buttons


class GlossaryTermViewSet(SnippetViewSet):
    """The glossary in the admin: the terms of each language, searchable, by course, and the
    import of a CSV file."""

    model = GlossaryTerm
    icon = "doc-full-inverse"
    menu_label = _("Glossary")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["term", "locale", "course"]
    list_filter = ["locale", "course"]
    list_export = ["term", "locale", "definition", "course"]
    index_view_class = GlossaryIndexView

    def get_urlpatterns(self):
        upload = partial(glossary_admin.glossary_upload, index_url_name=self.get_url_name("list"))
        return [*super().get_urlpatterns(), path("import/", upload, name="import")]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_admin_urls")
def excerpt_admin_urls():
    return [
        path("excerpt-media/<int:pk>/file/", views.excerpt_media_file, name="excerpt_media_file"),
    ]
