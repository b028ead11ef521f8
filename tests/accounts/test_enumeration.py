"""Nobody learns from the site whether an address has an account, and resets are limited."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from tests import factories
from tests.accounts.test_signup import SIGNUP, VERIFICATION_SENT, signup_data

User = get_user_model()
RESET = "/accounts/password/reset/"
RESET_DONE = "/accounts/password/reset/done/"
KNOWN = "amira@example.test"
UNKNOWN = "nobody@example.test"


def page_after(client, response, email):
    """The page a redirect leads to, as a visitor reads it: tokens and the typed address aside."""
    assert response.status_code == 302, response.status_code
    html = client.get(response["Location"]).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
    return re.sub(re.escape(email), "ADDRESS", html, flags=re.IGNORECASE)


def reset(email, remote_addr="192.0.2.10"):
    client = Client(REMOTE_ADDR=remote_addr)
    return client, client.post(RESET, {"email": email})


@pytest.fixture
def owner(db):
    return factories.make_user(email=KNOWN, full_name="Amira Haddad")


def test_the_reset_form_answers_the_same_for_a_known_and_an_unknown_address(owner, mailoutbox):
    known_client, known = reset(KNOWN)
    unknown_client, unknown = reset(UNKNOWN, remote_addr="192.0.2.11")
    assert known["Location"] == unknown["Location"] == RESET_DONE
    assert page_after(known_client, known, KNOWN) == page_after(unknown_client, unknown, UNKNOWN)
    assert "not assigned" not in unknown_client.get(RESET_DONE).content.decode()
    # Each address's mailbox is told what is true, and only its owner reads it.
    to = {message.to[0]: message.body for message in mailoutbox}
    assert "/accounts/password/reset/key/" in to[KNOWN]
    assert "do not have any record of such an account" in to[UNKNOWN]


@pytest.mark.parametrize("email", [KNOWN, UNKNOWN])
def test_resets_for_one_address_are_limited_whoever_asks(owner, mailoutbox, email):
    statuses = [reset(email, remote_addr=f"192.0.2.{i}")[1].status_code for i in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert len(mailoutbox) == 3


def test_resets_from_one_client_are_limited_whatever_the_address(owner, mailoutbox):
    addresses = [f"someone{i}@example.test" for i in range(5)] + [KNOWN]
    statuses = [reset(address)[1].status_code for address in addresses]
    assert statuses == [302] * 5 + [429]
    assert KNOWN not in {message.to[0] for message in mailoutbox}
    assert reset(KNOWN, remote_addr="198.51.100.7")[1].status_code == 302  # another client


def test_a_sign_up_with_an_address_in_use_looks_like_any_other_and_mails_its_owner(
    owner, mailoutbox
):
    before = User.objects.values().get(pk=owner.pk)
    addresses = list(EmailAddress.objects.values())

    new_client = Client()
    new = new_client.post(SIGNUP, signup_data(email="new.learner@example.test"))
    taken_client = Client()
    taken = taken_client.post(
        SIGNUP, signup_data(email=KNOWN.upper(), full_name="Someone Else", preferred_language="nl")
    )

    assert new["Location"] == taken["Location"] == VERIFICATION_SENT
    assert page_after(new_client, new, "new.learner@example.test") == page_after(
        taken_client, taken, KNOWN.upper()
    )
    assert "already" not in taken_client.get(VERIFICATION_SENT).content.decode()
    for client in (new_client, taken_client):
        assert "_auth_user_id" not in client.session

    # The owner is told, with the way back into their account, and nothing else happened.
    [to_owner] = [message for message in mailoutbox if message.to == [KNOWN]]
    assert "You already have an account" in to_owner.body
    assert "Nothing about your account has changed" in to_owner.body
    assert "http://testserver/accounts/password/reset/" in to_owner.body
    assert not re.search(r"/accounts/confirm-email/\S+/", to_owner.body)
    assert User.objects.values().get(pk=owner.pk) == before
    assert list(EmailAddress.objects.filter(user=owner).values()) == addresses
    assert User.objects.filter(email__iexact=KNOWN).count() == 1
    assert not User.objects.filter(full_name="Someone Else").exists()
    signed_in = Client().post("/accounts/login/", {"login": KNOWN, "password": factories.PASSWORD})
    assert signed_in.status_code == 302


def test_the_sign_in_form_answers_the_same_for_a_wrong_password_and_an_unknown_address(owner):
    wrong = Client().post("/accounts/login/", {"login": KNOWN, "password": "not-the-one"})
    unknown = Client().post("/accounts/login/", {"login": UNKNOWN, "password": "not-the-one"})

    def error(response):
        return re.findall(r"not correct[^<]*", response.content.decode())

    assert error(wrong) == error(unknown) != []
