from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from modules import admin_urls, reports, views
from modules.models import InterviewExcerpt


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
