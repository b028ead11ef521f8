from functools import partial

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from modules import admin_urls, reports, views
from modules.glossary import admin_views as glossary_admin
from modules.models import GlossaryTerm, InterviewExcerpt


class InterviewExcerptViewSet(SnippetViewSet):
    model = InterviewExcerpt
    icon = "media"
    menu_label = _("Interview excerpts")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "speaker",
        "setting",
        StatusFlagColumn("sensitive", label=_("Sensitive"), true_label=_("Sensitive")),
    ]
    list_filter = ["setting", "sensitive"]
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
    list_filter = ["course"]  # Wagtail adds the locale filter itself
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
        path("reports/excerpt-openings/", include(admin_urls)),
    ]


class OpeningsMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_see_openings(request.user)


@hooks.register("register_reports_menu_item")
def excerpt_openings_menu_item():
    return OpeningsMenuItem(
        _("Sensitive excerpt openings"),
        reverse("modules_reports:excerpt_openings"),
        icon_name="view",
        order=60,
    )
