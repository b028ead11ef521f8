from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from modules import views
from modules.models import InterviewExcerpt


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


@hooks.register("register_admin_urls")
def excerpt_admin_urls():
    return [
        path("excerpt-media/<int:pk>/file/", views.excerpt_media_file, name="excerpt_media_file"),
    ]
