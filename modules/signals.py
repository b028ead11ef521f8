"""Keeping the footer's cached link to the privacy notice true; nothing else happens here.

Whatever may change the privacy page's address, or whether it is shown, forgets the cached
address (modules.privacy_links): publishing, unpublishing, moving or deleting the page.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

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


def connect():
    for name, signal in SIGNALS.items():
        signal.connect(forget_privacy_urls, dispatch_uid=f"modules-privacy-url-{name}")
