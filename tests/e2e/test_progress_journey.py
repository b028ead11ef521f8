"""A learner takes the modules in order, meets a locked one, and watches the dashboard bar move."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    COURSE_PATH,
    COURSE_TITLE,
    MODULE_1_PATH,
    MODULE_1_TITLE,
    MODULE_2_PATH,
    MODULE_2_TITLE,
    MODULE_3_TITLE,
    PHONE,
    answer_quiz,
    assert_accessible,
    sign_in,
)
from tests.factories import make_user

pytestmark = pytest.mark.e2e

MODULE_COUNT = 8


def module_row(page, title):
    return page.get_by_role("region", name="Modules").get_by_role("listitem").filter(has_text=title)


def expect_status(page, title, status):
    row = module_row(page, title)
    expect(row.locator(".status")).to_have_text(status)
    if status == "Locked":
        expect(row.get_by_role("link")).to_have_count(0)
    else:
        expect(row.get_by_role("link", name=title)).to_be_visible()


def dashboard_bar(page, base_url, done):
    """Open the dashboard; check that it counts `done` modules; return the bar's value."""
    page.goto(base_url + "/dashboard/")
    card = page.get_by_role("region", name=COURSE_TITLE)
    expect(card.get_by_text(f"{done} of {MODULE_COUNT} modules done")).to_be_visible()
    bar = card.get_by_role("progressbar", name=f"{done} of {MODULE_COUNT} modules done")
    expect(bar).to_have_attribute("value", str(round(100 * done / MODULE_COUNT)))
    return int(bar.get_attribute("value"))


def pass_quiz_of(page, slug):
    answer_quiz(page, slug)
    expect(page.locator(".result__verdict")).to_have_text("Passed")


def test_learner_takes_modules_in_order_and_the_bar_moves(demo_site, page):
    # A newcomer: the demo learner is enrolled already, with a reviewed rendition in module 6.
    learner = make_user(email="newcomer@example.org", full_name="Noa Newcomer")
    sign_in(page.context, learner, demo_site)

    # Not enrolled yet: the course page already shows where each module stands.
    page.goto(demo_site + COURSE_PATH)
    expect_status(page, MODULE_1_TITLE, "Not started")
    expect_status(page, MODULE_2_TITLE, "Locked")
    expect_status(page, MODULE_3_TITLE, "Locked")
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_text("You are enrolled. Welcome to the course.")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "0")

    start = dashboard_bar(page, demo_site, done=0)
    assert start == 0

    # Straight to module 2 by its address: it is locked, and says where to go instead.
    response = page.goto(demo_site + MODULE_2_PATH)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1, name=MODULE_2_TITLE)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("This module is not open yet")
    expect(page.locator("form.quiz-form")).to_have_count(0)
    assert_accessible(page, "a locked module")
    page.get_by_role("link", name=f"Continue with “{MODULE_1_TITLE}”").click()
    expect(page).to_have_url(demo_site + MODULE_1_PATH)
    expect(page.get_by_role("heading", level=1, name=MODULE_1_TITLE)).to_be_visible()
    expect(page.get_by_text("Pass the quiz to complete this module.")).to_be_visible()

    pass_quiz_of(page, "what-is-child-trafficking")
    after_one = dashboard_bar(page, demo_site, done=1)
    assert after_one > start

    # Module 2 is open now; the dashboard leads there.
    page.get_by_role("link", name=f"Continue with “{MODULE_2_TITLE}”").click()
    expect(page).to_have_url(demo_site + MODULE_2_PATH)
    expect(page.get_by_role("heading", level=1, name=MODULE_2_TITLE)).to_be_visible()
    pass_quiz_of(page, "rights-and-law")
    after_two = dashboard_bar(page, demo_site, done=2)
    assert after_two > after_one

    # The table of modules, opened, with two done, one to do and the rest locked.
    page.get_by_text("Modules and quiz results").click()
    results = page.get_by_role("table", name=f"Modules of {COURSE_TITLE}")
    expect(results.get_by_role("row", name=re.compile(re.escape(MODULE_2_TITLE)))).to_contain_text(
        "Done"
    )
    expect(results.get_by_role("row", name=re.compile(re.escape(MODULE_3_TITLE)))).to_contain_text(
        "Not started"
    )
    assert_accessible(page, "the dashboard")
    page.set_viewport_size(PHONE)
    assert_accessible(page, "the dashboard at phone width")

    page.goto(demo_site + COURSE_PATH)
    expect_status(page, MODULE_1_TITLE, "Done")
    expect_status(page, MODULE_2_TITLE, "Done")
    expect_status(page, MODULE_3_TITLE, "Not started")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", str(after_two))
    assert_accessible(page, "the course page with statuses at phone width")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page, "the course page with statuses")
