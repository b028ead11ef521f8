"""A learner downloads their data, then deletes their account and can no longer sign in; the
trainer's report still counts the anonymous learning records. axe on every page of it."""

import json
import os
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from modules.certificates.models import Certificate
from tests.e2e.conftest import (
    COURSE_TITLE,
    DESKTOP,
    LEARNER_EMAIL,
    PHONE,
    TRAINER_EMAIL,
    assert_accessible,
    complete_modules,
    sign_in,
)

pytestmark = pytest.mark.e2e

LEARNER_PASSWORD = "capisce-learner-demo"
MODULE_COUNT = 8
PASSWORD_LABEL = re.compile(r"^Password:?$")
# Where the screenshots go when SCREENSHOTS names a folder (to look at the pages by eye).
SCREENSHOTS = os.environ.get("SCREENSHOTS")


def look(page, name):
    """axe at both widths; a full-page screenshot of each when SCREENSHOTS is set."""
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page, f"{name} ({width})")
        if SCREENSHOTS:
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def sign_in_with_the_form(page, base_url, email, password):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()


def test_learner_downloads_their_data_deletes_the_account_and_the_report_still_counts(
    demo_site, page, browser
):
    learner = get_user_model().objects.get(email=LEARNER_EMAIL)
    complete_modules(learner, MODULE_COUNT)
    certificate = Certificate.objects.get(learner=learner, course_title=COURSE_TITLE)

    sign_in_with_the_form(page, demo_site, LEARNER_EMAIL, LEARNER_PASSWORD)
    page.get_by_role("banner").get_by_role("link", name="My account").click()
    look(page, "account")

    # Download my data: prepared by a task (at once here), then a private link.
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", level=1, name="Download my data")).to_be_visible()
    expect(page.get_by_text("You have not asked for a copy yet.")).to_be_visible()
    look(page, "export-none")
    page.get_by_role("button", name="Prepare my data").click()
    link = page.get_by_role("link", name="Download the zip")
    expect(link).to_be_visible()
    look(page, "export-ready")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None
    assert re.fullmatch(
        r"capisce-academy-my-data-\d{4}-\d\d-\d\d\.zip", download.suggested_filename
    )
    with zipfile.ZipFile(download.path()) as archive:
        data = json.loads(archive.read("data.json"))
        [pdf] = [name for name in archive.namelist() if name.startswith("certificates/")]
        assert archive.read(pdf).startswith(b"%PDF")
        assert [n for n in archive.namelist() if n.startswith("recordings/")]
    assert data["account"][0]["email"] == LEARNER_EMAIL
    assert [e["course_title"] for e in data["enrolments"]] == [COURSE_TITLE]
    assert len([m for m in data["module_progress"] if m["completed_at"]]) == MODULE_COUNT
    assert [c["code"] for c in data["certificates"]] == [certificate.code]

    # Delete my account: a wrong password first, then the right one.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="My account").click()
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1, name="Delete my account")).to_be_visible()
    look(page, "delete")
    choice = page.get_by_role("group", name="Your certificates")
    choice.get_by_label("Keep them verifiable").check()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("This is not your password. Nothing was deleted.")).to_be_visible()
    expect(choice.get_by_label("Keep them verifiable")).to_be_checked()
    look(page, "delete-wrong-password")
    page.get_by_label("Your password").fill(LEARNER_PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(
        page.get_by_role("heading", level=1, name="Your account has been deleted")
    ).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    look(page, "deleted")

    # The account is gone: signing in with it fails.
    sign_in_with_the_form(page, demo_site, LEARNER_EMAIL, LEARNER_PASSWORD)
    expect(page.get_by_role("main")).to_contain_text("not correct")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    assert not get_user_model().objects.filter(email=LEARNER_EMAIL).exists()

    # The certificate still verifies: name, course, date and status, nothing else.
    page.goto(f"{demo_site}/certificates/{certificate.code}/")
    verdict = page.locator(".verdict")
    expect(verdict.get_by_role("heading", name="This certificate is valid")).to_be_visible()
    expect(verdict).to_contain_text(certificate.learner_name)
    expect(verdict.get_by_text("Hours")).to_have_count(0)

    # The trainer's report still counts the learner's records, as an erased account's.
    trainer_context = browser.new_context(viewport=DESKTOP)
    try:
        trainer_page = trainer_context.new_page()
        trainer = get_user_model().objects.get(email=TRAINER_EMAIL)
        sign_in(trainer_context, trainer, demo_site)
        trainer_page.goto(demo_site + "/admin/reports/course-progress/")
        row = trainer_page.get_by_role("row").filter(has_text="Erased account #")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(f"{MODULE_COUNT}/{MODULE_COUNT}")
        expect(trainer_page.get_by_text(LEARNER_EMAIL)).to_have_count(0)
        if SCREENSHOTS:
            trainer_page.screenshot(
                path=os.path.join(SCREENSHOTS, "report-desktop.png"), full_page=True
            )
    finally:
        trainer_context.close()
