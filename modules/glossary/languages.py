from django.conf import settings


def site_languages() -> dict[str, str]:
    """The languages the site's content is written in, {code: name}, in the site's order:
    WAGTAIL_CONTENT_LANGUAGES when it is set, else LANGUAGES (en, fr, nl).

    Wagtail's own get_content_languages() gives the default language alone while
    WAGTAIL_I18N_ENABLED is off; the glossary has every language in any case.
    """
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return {code: str(name) for code, name in languages}
