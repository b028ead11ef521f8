"""Where the footer's link to the privacy notice is kept: the shared cache, one key a language.

PrivacyPage.url_for fills it; `privacy_urls_forget` empties it when a privacy page is
published, unpublished, moved or deleted (modules.signals), in every process at once since the
cache is shared. Nothing here needs a model, so the app can connect its signals when it loads.
"""

from django.conf import settings
from django.core.cache import cache

URL_CACHE_KEY = "privacy-page-url:{language}"
# A safety net only: publishing, unpublishing, moving or deleting the page forgets at once.
URL_CACHE_SECONDS = 60 * 60


def language_key(language: str | None) -> str:
    return URL_CACHE_KEY.format(language=(language or settings.LANGUAGE_CODE).split("-")[0])


def privacy_url_cached(language: str | None):
    """The cached address ("" for no page), or None when it is not in the cache."""
    return cache.get(language_key(language))


def privacy_url_keep(language: str | None, url: str) -> None:
    cache.set(language_key(language), url, URL_CACHE_SECONDS)


def privacy_urls_forget() -> None:
    """Forget the cached addresses, for every language of the site."""
    cache.delete_many({language_key(code) for code, _name in settings.LANGUAGES})
