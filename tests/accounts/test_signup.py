import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests import factories

User = get_user_model()
SIGNUP = "/accounts/signup/"
VERIFICATION_SENT = "/accounts/confirm-email/"


def signup_data(**overrides):
    data = {
        "full_name": "Amira Haddad",
        "email": "amira@example.test",
        "password1": "quiet-harbour-lantern-7",
        "password2": "quiet-harbour-lantern-7",
        "preferred_language": "fr",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_signup_form_has_visible_labels(client):
    html = client.get(SIGNUP).content.decode()
    for label in ("Full name", "Email", "Password", "Preferred language"):
        assert f">{label}" in html, label


def confirmation_path(message):
    """The confirmation link a sign-up mail carries, as a path on the test server."""
    match = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_signup_creates_a_learner_whose_mailed_link_signs_them_in(client, mailoutbox):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT
    user = User.objects.get(email="amira@example.test")
    assert user.full_name == "Amira Haddad"
    assert user.preferred_language == "fr"
    assert not user.is_staff
    assert not user.has_perm("wagtailadmin.access_admin")
    # Not in before the address is confirmed: a sign-up with an address in use looks the same.
    assert "_auth_user_id" not in client.session
    [message] = mailoutbox
    assert message.to == ["amira@example.test"]
    link = confirmation_path(message)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert client.get("/accounts/profile/").status_code == 200
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"password1": "password", "password2": "password"}, "This password is too"),
        ({"password1": "12345678901", "password2": "12345678901"}, "entirely numeric"),
        ({"password2": "something-else-entirely"}, "same password each time"),
        ({"full_name": "   "}, "This field is required"),
        ({"full_name": ""}, "This field is required"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
    ],
)
def test_bad_signup_gets_a_message_and_creates_nothing(client, overrides, message):
    response = client.post(SIGNUP, signup_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_sign_in_with_email_and_sign_out(client):
    factories.make_user(email="ana@example.test")
    response = client.post(
        "/accounts/login/", {"login": "ana@example.test", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client):
    factories.make_user(email="ana@example.test")
    response = client.post("/accounts/login/", {"login": "ana@example.test", "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_learner_never_reaches_the_admin(client):
    client.force_login(factories.make_user())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    response = client.get("/admin/snippets/modules/interviewexcerpt/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_trainer_reaches_the_admin_and_may_edit_pages(client, catalogue):
    from django.contrib.auth.models import Group

    trainer = factories.make_user(email="tess@example.test", full_name="Tess Trainer")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    client.force_login(trainer)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{catalogue.pk}/").status_code == 200
    assert client.get("/admin/snippets/modules/interviewexcerpt/add/").status_code == 200


@pytest.mark.django_db
def test_profile_changes_name_and_language(client):
    user = factories.make_user()
    client.force_login(user)
    response = client.post(
        "/accounts/profile/", {"full_name": "  Ana   María  López ", "preferred_language": "nl"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Ana María López"
    assert user.preferred_language == "nl"
    response = client.post("/accounts/profile/", {"full_name": " ", "preferred_language": "nl"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.full_name == "Ana María López"
