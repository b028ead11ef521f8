"""The certificate's QR code, its printed link and the mail's links use the site's SITE_URL."""

import subprocess

import pytest

from modules.certificates.models import Certificate
from modules.progress import services as progress_services
from tests import factories

SITE_URL = "http://127.0.0.1:8202"  # as `make run PORT=8202` sets it


def qr_code_of(pdf, tmp_path):
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", tmp_path / "c.pdf", tmp_path / "c"], check=True
    )
    return subprocess.run(
        ["zbarimg", "-q", "--raw", tmp_path / "c-1.png"], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.django_db
def test_the_certificate_and_its_mail_point_at_the_site_url(
    client, catalogue, settings, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE_URL
    course = factories.make_course(catalogue)
    learner = factories.make_user(full_name="Amira Haddad")
    with django_capture_on_commit_callbacks(execute=True):
        progress_services.module_complete(
            learner=learner, module=factories.make_module(course), course=course
        )
    certificate = Certificate.objects.get()
    verify = f"{SITE_URL}/certificates/{certificate.code}/"

    client.force_login(learner)
    response = client.get(f"/certificates/{certificate.code}/pdf/")
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    assert qr_code_of(pdf, tmp_path) == verify

    [message] = [message for message in mailoutbox if message.to == [learner.email]]
    assert verify in message.body
    assert f"{SITE_URL}/dashboard/" in message.body
    assert "127.0.0.1:8000" not in message.body
    assert client.get(verify.removeprefix(SITE_URL)).status_code == 200  # and it leads there
