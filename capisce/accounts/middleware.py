from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Uses a signed-in person's preferred language unless they chose one on the site.

    A language picked with the switcher (the language cookie) wins; otherwise the
    account's preference replaces what the browser asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith("/admin/")
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
