"""A user's permissions kept in the shared cache, and forgotten whenever they may change.

Every page asks what the reader may do: Wagtail's user bar asks whether they may use the
admin, before anything else. Django's ModelBackend answers with two queries (the user's own
permissions, their groups'), once per request. Permissions change rarely and only through a
few doors, so the answer is kept per user (capisce.accounts.backends): forgotten for one user
when the user is saved or deleted or their groups or permissions change, and for everyone (a
new stamp) when a group or a permission changes or loses all its users.

No model is imported here, so that the app can connect the signals when it loads.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from capisce.content_cache import restamp, stamp

STAMP_KEY = "permissions-stamp"
CACHE_SECONDS = 24 * 60 * 60
SHARED = frozenset({"auth.group", "auth.permission", "auth.group_permissions"})


def permissions_key(user_pk) -> str:
    return f"permissions:{stamp(STAMP_KEY)}:{user_pk}"


def _user_label() -> str:
    return settings.AUTH_USER_MODEL.lower()


def forget_on_save_or_delete(sender, instance, **kwargs):
    label = getattr(getattr(sender, "_meta", None), "label_lower", None)
    if label == _user_label():
        cache.delete(permissions_key(instance.pk))
    elif label in SHARED:
        restamp(STAMP_KEY)


def forget_on_relation_change(sender, instance, action, reverse, pk_set, **kwargs):
    """A user's groups or permissions, or a group's permissions, changed (either side)."""
    label = sender._meta.label_lower
    if not action.startswith("post_"):
        return
    if label in SHARED:
        restamp(STAMP_KEY)
    elif label in {f"{_user_label()}_groups", f"{_user_label()}_user_permissions"}:
        if not reverse:
            cache.delete(permissions_key(instance.pk))
        elif pk_set:
            cache.delete_many([permissions_key(pk) for pk in pk_set])
        else:
            restamp(STAMP_KEY)  # a group or permission cleared of all its users


def connect():
    for signal in (post_save, post_delete):
        signal.connect(forget_on_save_or_delete, dispatch_uid="accounts-permissions")
    m2m_changed.connect(forget_on_relation_change, dispatch_uid="accounts-permissions")
