"""Keeping what the cache holds for pages true; nothing else happens here.

Whatever may change the privacy page's address, or whether it is shown, forgets the cached
address (modules.privacy_links): publishing, unpublishing, moving or deleting the page.

Whatever changes what pages show starts a new content generation (capisce.content_cache),
which forgets every rendered body, module list and translation source kept for them:
publishing, unpublishing, moving, saving or deleting a page, and saving or deleting what
pages show but do not hold (excerpts and their turns and media, glossary terms, quizzes,
exercises, outcomes, view restrictions and the groups they let in, locales, sites). Learners'
records are not content.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from capisce.content_cache import content_changed
from modules.privacy_links import privacy_urls_forget

PRIVACY_PAGE = "modules.privacypage"
SIGNALS = {
    "published": page_published,
    "unpublished": page_unpublished,
    "moved": post_page_move,
    "deleted": post_delete,
}


def forget_privacy_urls(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.label_lower == PRIVACY_PAGE:
        privacy_urls_forget()


# What pages show without holding it (labels, lower case), besides pages themselves.
CONTENT_MODELS = frozenset(
    {
        "modules.interviewexcerpt",
        "modules.excerptsegment",
        "modules.excerptmedia",
        "modules.glossaryterm",
        "modules.avoidedterm",
        "modules.courseoutcome",
        "practice.interpretingexercise",
        "practice.exerciseturn",
        "practice.hardmoment",
        "practice.assessmentgrid",
        "practice.gridcriterion",
        "quizzes.quiz",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.pageviewrestriction_groups",
        "wagtailcore.locale",
        "wagtailcore.site",
    }
)


def _is_content(meta) -> bool:
    """A page (of any type) or one of CONTENT_MODELS; no model is imported here, so that the
    app can connect its signals when it loads."""
    labels = {meta.label_lower, *(parent._meta.label_lower for parent in meta.get_parent_list())}
    return "wagtailcore.page" in labels or meta.label_lower in CONTENT_MODELS


def forget_content(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and _is_content(meta):
        content_changed()


def forget_content_on_relation_change(sender, action, **kwargs):
    """A relation pages show changed (the groups a view restriction lets in)."""
    if action.startswith("post_") and _is_content(sender._meta):
        content_changed()


def connect():
    for name, signal in SIGNALS.items():
        signal.connect(forget_privacy_urls, dispatch_uid=f"modules-privacy-url-{name}")
    for name, signal in {**SIGNALS, "saved": post_save}.items():
        signal.connect(forget_content, dispatch_uid=f"modules-content-{name}")
    m2m_changed.connect(forget_content_on_relation_change, dispatch_uid="modules-content-m2m")
