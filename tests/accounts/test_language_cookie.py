"""The language cookie follows the settings wherever it is set: Secure in production."""

import pytest
from django.conf import settings
from django.test import override_settings

from tests import factories


def language_cookie(response):
    return response.cookies[settings.LANGUAGE_COOKIE_NAME]


@pytest.mark.django_db
@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_switcher_and_profile_set_a_secure_same_site_language_cookie(client):
    switched = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    client.force_login(factories.make_user())
    saved = client.post("/accounts/profile/", {"full_name": "Ana", "preferred_language": "nl"})
    for response, language in ((switched, "fr"), (saved, "nl")):
        assert response.status_code == 302
        cookie = language_cookie(response)
        assert cookie.value == language
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
