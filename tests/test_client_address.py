"""Rate limits count the client's real address: behind the trusted proxy, and only there.

Each request comes from the test client with the address it connects from (REMOTE_ADDR)
and the X-Forwarded-For header a proxy, or the client itself, wrote.
"""

import pytest
from django.test import Client, override_settings

from modules.certificates.pdf import new_code
from tests import factories
from tests.test_site import run_manage

PROXY = "10.0.0.2"  # the TLS proxy in front of the app: every request connects from it
LOGIN = "/accounts/login/"
TOO_MANY_SIGN_INS = "Too many failed login attempts"
BEHIND_ONE_PROXY = override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
THREE_CHECKS_A_MINUTE = override_settings(CERTIFICATE_VERIFY_RATE={"verify_certificate": "3/m/ip"})


def visitor(forwarded_for=None, remote_addr=PROXY, **headers):
    """A browser whose requests reach the app from `remote_addr` with these headers."""
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Client(REMOTE_ADDR=remote_addr, **headers)


def fail_sign_in(client, n):
    """`n` wrong passwords, each for another address (the per-address limit stays out of it)."""
    for i in range(n):
        response = client.post(LOGIN, {"login": f"guess{i}@example.test", "password": "wrong"})
        assert response.status_code == 200
        assert "not correct" in response.content.decode()


def sign_in(client, user):
    return client.post(LOGIN, {"login": user.email, "password": factories.PASSWORD})


def check_certificate(client):
    """One look at the public verification page (for a code that does not exist: 404)."""
    return client.get(f"/certificates/{new_code()}/").status_code


@pytest.fixture
def owner(db):
    return factories.make_user(email="ana@example.test")


@BEHIND_ONE_PROXY
def test_behind_the_proxy_one_client_failing_sign_ins_does_not_lock_out_another(owner):
    mallory = visitor("203.0.113.66")
    fail_sign_in(mallory, 5)
    assert TOO_MANY_SIGN_INS in sign_in(mallory, owner).content.decode()

    ana = visitor("198.51.100.7")
    response = sign_in(ana, owner)
    assert response.status_code == 302
    assert int(ana.session["_auth_user_id"]) == owner.pk


@BEHIND_ONE_PROXY
@THREE_CHECKS_A_MINUTE
@pytest.mark.django_db
def test_behind_the_proxy_each_client_has_its_own_certificate_checks():
    first, second = visitor("203.0.113.66"), visitor("198.51.100.7")
    assert [check_certificate(first) for _ in range(4)] == [404, 404, 404, 429]
    assert [check_certificate(second) for _ in range(4)] == [404, 404, 404, 429]


def test_by_default_a_client_cannot_dodge_the_sign_in_limit_with_its_own_header(owner):
    """Talking to the app directly, a client writes X-Forwarded-For as it likes: not believed."""
    for i in range(5):
        client = visitor(f"198.51.100.{i}", remote_addr="203.0.113.66")
        fail_sign_in(client, 1)
    client = visitor("198.51.100.200", remote_addr="203.0.113.66")
    assert TOO_MANY_SIGN_INS in sign_in(client, owner).content.decode()
    assert "_auth_user_id" not in client.session


@THREE_CHECKS_A_MINUTE
@pytest.mark.django_db
def test_by_default_a_client_cannot_dodge_the_certificate_limit_with_its_own_header():
    statuses = [
        check_certificate(visitor(f"198.51.100.{i}", remote_addr="203.0.113.66")) for i in range(4)
    ]
    assert statuses == [404, 404, 404, 429]


@BEHIND_ONE_PROXY
@THREE_CHECKS_A_MINUTE
@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "not-an-address",
        "",
        ",",
        " , ",
        "203.0.113.5, garbage",  # the proxy's own entry, the last one, is unreadable
        "999.1.1.1",
        "203.0.113.5; DROP TABLE",
        "x" * 5000,
        "unknown",
    ],
)
def test_an_unreadable_header_is_ignored_and_the_connection_counts(header):
    """Never trusted, never an error: the request counts under the address it came from."""
    assert [check_certificate(visitor(header)) for _ in range(3)] == [404] * 3
    assert check_certificate(visitor()) == 429  # the same proxy address, no header at all
    assert check_certificate(visitor("198.51.100.7")) == 404  # a readable client is apart


@BEHIND_ONE_PROXY
@THREE_CHECKS_A_MINUTE
@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent, counted_as",
    [
        # Several addresses: only the proxy's entry (the last) is believed, whatever precedes it.
        ("192.0.2.1, 203.0.113.5", "203.0.113.5"),
        ("192.0.2.1,192.0.2.2,  203.0.113.5 ", "203.0.113.5"),
        # With a port, in brackets or not.
        ("203.0.113.5:4711", "203.0.113.5"),
        ("[2001:db8::1]:4711", "2001:db8::1"),
        # IPv6: counted per /64, so a client cannot walk through its own network's addresses.
        ("2001:db8::1", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::ffff:1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
    ],
)
def test_readable_addresses_are_parsed(sent, counted_as):
    assert [check_certificate(visitor(sent)) for _ in range(3)] == [404] * 3
    assert check_certificate(visitor(counted_as)) == 429
    assert check_certificate(visitor("2001:db8:0:1::1")) == 404  # another /64
    assert check_certificate(visitor()) == 404  # the proxy's own address


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=2)
@THREE_CHECKS_A_MINUTE
@pytest.mark.django_db
def test_fewer_entries_than_trusted_proxies_count_under_the_connection():
    """allauth raises here; a request that skipped a proxy must not get a 500."""
    assert [check_certificate(visitor("203.0.113.5")) for _ in range(3)] == [404] * 3
    assert check_certificate(visitor()) == 429
    assert check_certificate(visitor("192.0.2.1, 203.0.113.5")) == 404  # through both: apart


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
@THREE_CHECKS_A_MINUTE
@pytest.mark.django_db
def test_a_named_client_header_is_read_and_x_forwarded_for_is_not():
    real = {"HTTP_X_REAL_IP": "203.0.113.5"}
    statuses = [
        check_certificate(visitor(f"198.51.100.{i}", **real)) for i in range(4)
    ]  # a changing X-Forwarded-For changes nothing
    assert statuses == [404, 404, 404, 429]
    assert check_certificate(visitor(HTTP_X_REAL_IP="198.51.100.7")) == 404
    # Missing or garbage: the connection's address counts, as for any unreadable header.
    assert [check_certificate(visitor(HTTP_X_REAL_IP="nonsense")) for _ in range(2)] == [404] * 2
    assert check_certificate(visitor()) == 404
    assert check_certificate(visitor()) == 429


@BEHIND_ONE_PROXY
def test_sign_in_with_a_garbage_header_is_answered_and_counted(owner):
    client = visitor("not-an-address")
    fail_sign_in(client, 5)
    assert TOO_MANY_SIGN_INS in sign_in(visitor(), owner).content.decode()
    assert sign_in(visitor("198.51.100.7"), owner).status_code == 302


def settings_from(**env):
    return run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)",
        DJANGO_SETTINGS_MODULE="capisce.settings.test",
        **env,
    )


def test_the_proxy_settings_come_from_the_environment():
    assert settings_from().stdout.split() == ["0", "None"]
    result = settings_from(
        ALLAUTH_TRUSTED_PROXY_COUNT="1", ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert result.stdout.split() == ["1", "X-Real-IP"], result.stderr


@pytest.mark.parametrize("value", ["one", "-1", "1.5"])
def test_a_proxy_count_that_is_not_a_count_stops_the_start(value):
    result = settings_from(ALLAUTH_TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert "ALLAUTH_TRUSTED_PROXY_COUNT must be a whole number" in result.stderr
