"""Translated content and the one record a learner keeps in every language.

Pages and snippets exist once per language (Wagtail's locales, translated with
wagtail-localize); the versions of one thing share a `translation_key`. What learners do
(enrolments, progress, attempts, renditions, certificates) points at the version in the
site's default language, the translation source, so that a learner who reads module 1 in
French and module 2 in Dutch has done two modules of one course.

The lookups cost one query per model and call, in every language alike: the English page
asks the same question as its French translation, so that no language is slower.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from capisce.content_cache import remembered


def _versions(objects, language) -> dict:
    """{translation key: the version in `language`} of translatable objects of one model."""
    model = type(objects[0])
    return {
        version.translation_key: version
        for version in model._default_manager.filter(
            translation_key__in={obj.translation_key for obj in objects},
            locale__language_code=language,
        )
    }


def sources_of(objects) -> dict:
    """{pk: the object's source} for translatable objects of one model, in one query.

    The source is the object with the same translation key in the default language; an
    object with no such version (written first in another language) is its own source.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    found = _versions(objects, settings.LANGUAGE_CODE)
    return {obj.pk: found.get(obj.translation_key, obj) for obj in objects}


def source_of(obj):
    """The object's source (see `sources_of`), remembered on the object."""
    if obj is None:
        return None
    if getattr(obj, "_translation_source", None) is None:
        obj._translation_source = sources_of([obj])[obj.pk]
    return obj._translation_source


def localized(objects, language=None) -> dict:
    """{translation key: the object in `language` (the active one by default)}, one query.

    Objects with no version in that language are left out: the caller falls back to the
    object it has.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    return _versions(objects, language or get_language())


def language_name(code) -> str:
    """A language named in itself, as a language switcher shows it: Français, Nederlands."""
    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def alternates(request, page=None) -> list[dict]:
    """The page (or view) in each of the site's languages, for the language switcher and the
    `hreflang` links: code, name in itself, address (None where the page is not translated
    yet), absolute address, and whether it is the one shown. A page's translations are
    remembered until content changes; a view's address is translated, with no query."""
    current = get_language()
    if page is not None and getattr(page, "translation_key", None):

        def translations():
            return {
                translation.locale.language_code: translation.get_url(request)
                for translation in type(page)
                .objects.filter(translation_key=page.translation_key)
                .live()
                .select_related("locale")
            }

        # Remembered until content changes (a publish, a move): no query on a page's visit.
        urls = remembered(f"alternates:{request.get_host()}:{page.translation_key}", translations)
    else:
        urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
    return [
        {
            "code": code,
            "name": language_name(code),
            "url": urls.get(code),
            "full_url": request.build_absolute_uri(urls[code]) if urls.get(code) else None,
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
