"""The privacy notice: a page an editor writes, linked from every page's footer.

Its body says what is kept and why, who sees it and what the learner may do; the periods each
kind of data is kept come from the retention settings and are printed by the page itself, so
the notice cannot drift from what the site does. The footer finds the page's address in the
shared cache (modules.privacy_links: one entry a language, forgotten when a privacy page is
published, unpublished, moved or deleted), so the link costs no query per request.
"""

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from capisce.routing import RememberedViewRestrictions
from modules.privacy_links import privacy_url_cached, privacy_url_keep

PRIVACY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

# (setting, what is kept, from when the time counts and what happens then), in the page's order.
RETENTION_PERIODS = [
    (
        "RETENTION_RENDITION_DAYS",
        _("Your recorded renditions, with your self-assessment and the trainer's remarks"),
        _(
            "after a trainer has reviewed the rendition; then the recording and all that goes "
            "with it are deleted."
        ),
    ),
    (
        "RETENTION_ATTEMPT_TEXT_DAYS",
        _("What you write in quizzes: free-text answers and reflections"),
        _("after you submit it; then the text is deleted and only the score stays."),
    ),
    (
        "RETENTION_EXCERPT_OPENING_DAYS",
        _("The record of when you opened a sensitive interview excerpt"),
        _("after the opening; then the record is deleted."),
    ),
    (
        "RETENTION_INACTIVE_ACCOUNT_DAYS",
        _("Your account, with your progress and certificates"),
        _("without signing in; we write to you a month before, then the account is deleted."),
    ),
]


def duration(days: int) -> str:
    """365 → “1 year (365 days)”; 45 → “45 days”."""
    shown = ngettext("%(days)s day", "%(days)s days", days) % {
        "days": number_format(days, force_grouping=True)
    }
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(years)s year (%(days)s)", "%(years)s years (%(days)s)", years) % {
            "years": number_format(years),
            "days": shown,
        }
    return shown


class PrivacyPage(RememberedViewRestrictions, Page):
    """The privacy notice: at most one per catalogue (one per language once pages are
    translated), written in the admin like any page."""

    body = RichTextField(
        _("body"),
        features=PRIVACY_FEATURES,
        help_text=_(
            "What is kept and why, who sees it, and what a learner may do (download their "
            "data, delete their account). How long each kind of data is kept is added below "
            "the text from the site's settings: do not write the periods here."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["modules.CourseIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["retention_periods"] = self.retention_periods()
        return context

    def retention_periods(self):
        """[{what, days, how_long}] from the retention settings, in the page's order."""
        rows = []
        for setting, what, then in RETENTION_PERIODS:
            days = getattr(settings, setting)
            rows.append({"what": what, "days": days, "how_long": f"{duration(days)} {then}"})
        return rows

    @classmethod
    def url_for(cls, language: str | None) -> str:
        """The address of the live privacy page in `language` (else in the site's default
        language, else any), "" when there is none; from the cache after the first time."""
        url = privacy_url_cached(language)
        if url is None:
            url = cls._find_url((language or settings.LANGUAGE_CODE).split("-")[0])
            privacy_url_keep(language, url)
        return url

    @classmethod
    def _find_url(cls, language: str) -> str:
        pages = list(cls.objects.live().public().select_related("locale").order_by("path"))
        for code in (language, settings.LANGUAGE_CODE.split("-")[0]):
            for page in pages:
                if page.locale.language_code.split("-")[0] == code:
                    return page.get_url() or ""
        return (pages[0].get_url() or "") if pages else ""
