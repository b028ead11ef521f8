"""Certificates in the browser: the learner downloads theirs; anyone checks one, valid or not."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from modules.certificates import services as certificate_services
from modules.certificates.models import Certificate
from tests.e2e.conftest import (
    COURSE_TITLE,
    DESKTOP,
    LEARNER_EMAIL,
    PHONE,
    assert_accessible,
    complete_modules,
    sign_in,
)

pytestmark = pytest.mark.e2e

MODULE_COUNT = 8
PDF_NAME = "capisce-certificate-interpreting-for-child-victims.pdf"
UNKNOWN_CODE = "CAP-2222-2222-2222-2222-2222"
REASON = "Issued in error"


@pytest.fixture
def certificate(demo_site):
    """The demo learner's certificate: completing the last module issues it."""
    learner = get_user_model().objects.get(email=LEARNER_EMAIL)
    complete_modules(learner, MODULE_COUNT)
    return Certificate.objects.get(learner=learner, course_title=COURSE_TITLE)


def assert_accessible_at_both_widths(page, where):
    page.set_viewport_size(DESKTOP)
    assert_accessible(page, where)
    page.set_viewport_size(PHONE)
    assert_accessible(page, f"{where} at phone width")
    page.set_viewport_size(DESKTOP)


def test_learner_downloads_the_certificate_from_the_dashboard(demo_site, certificate, page):
    sign_in(page.context, certificate.learner, demo_site)
    page.goto(demo_site + "/dashboard/")
    card = page.get_by_role("region", name=COURSE_TITLE)
    expect(card.get_by_text(f"{MODULE_COUNT} of {MODULE_COUNT} modules done")).to_be_visible()
    box = card.locator(".certificate-box")
    expect(box).to_contain_text(f"Your certificate {certificate.code}")
    for language, name in (("en", "English"), ("fr", "French"), ("nl", "Dutch")):
        link = box.get_by_role("link", name=f"{name} (PDF)", exact=True)
        expect(link).to_have_attribute("hreflang", language)
        expect(link).to_have_attribute(
            "href", f"/certificates/{certificate.code}/pdf/?lang={language}"
        )
    assert_accessible(page, "the dashboard with a certificate")

    with page.expect_download() as download_info:
        box.get_by_role("link", name="English (PDF)", exact=True).click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == PDF_NAME
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    box.get_by_role("link", name="Its public verification page").click()
    expect(page).to_have_url(f"{demo_site}/certificates/{certificate.code}/")
    expect(page.get_by_role("heading", name="This certificate is valid")).to_be_visible()


def test_verification_page_valid_revoked_and_not_found(demo_site, certificate, page):
    # Anyone, signed in or not, types the code as printed (case and dashes forgiven).
    page.goto(demo_site + "/certificates/")
    page.get_by_label("Certificate code").fill(certificate.code.lower().replace("-", " "))
    page.get_by_role("button", name="Check").click()
    expect(page).to_have_url(f"{demo_site}/certificates/{certificate.code}/")
    verdict = page.get_by_role("region", name="This certificate is valid")
    expect(verdict).to_be_visible()
    for term, value in (
        ("Awarded to", "Lea Learner"),
        ("Course", COURSE_TITLE),
        ("Hours", "12"),
        ("Code", certificate.code),
    ):
        expect(verdict.locator("dl > div", has=page.locator("dt", has_text=term))).to_contain_text(
            value
        )
    assert_accessible_at_both_widths(page, "the verification page of a valid certificate")

    certificate_services.certificate_revoke(certificate=certificate, reason=REASON)
    response = page.reload()
    assert response.status == 200
    verdict = page.get_by_role("region", name="This certificate has been revoked")
    expect(verdict).to_be_visible()
    expect(verdict).to_contain_text(f"Reason: {REASON}")
    expect(page.get_by_role("region", name="This certificate is valid")).to_have_count(0)
    assert_accessible_at_both_widths(page, "the verification page of a revoked certificate")

    response = page.goto(f"{demo_site}/certificates/{UNKNOWN_CODE}/")
    assert response.status == 404
    verdict = page.get_by_role("region", name="No certificate has this code")
    expect(verdict).to_contain_text(f"We found no certificate with the code “{UNKNOWN_CODE}”.")
    assert_accessible_at_both_widths(page, "the verification page of an unknown code")
