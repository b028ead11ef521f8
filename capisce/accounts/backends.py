from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from capisce.accounts.permission_cache import CACHE_SECONDS, permissions_key


class CachedPermissionsBackend(ModelBackend):
    """Django's ModelBackend, whose permission set for a request comes from the shared cache
    (capisce.accounts.permission_cache) instead of two queries."""

    def get_all_permissions(self, user_obj, obj=None):
        readable = user_obj.is_active and not user_obj.is_anonymous and obj is None
        if readable and not hasattr(user_obj, "_perm_cache"):
            key = permissions_key(user_obj.pk)
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, CACHE_SECONDS)
            # Where ModelBackend keeps the set for the rest of the request.
            user_obj._perm_cache = permissions
        return super().get_all_permissions(user_obj, obj)
