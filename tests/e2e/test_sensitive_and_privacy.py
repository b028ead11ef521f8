"""In Chromium: the demo's sensitive excerpt plays for an enrolled learner, with no download
control and no context-menu save, and its opening is logged; the privacy notice and that module
page have no serious or critical accessibility problem, at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from modules.models import ExcerptOpening
from tests.e2e.conftest import (
    DESKTOP,
    MODULE_3_PATH,
    PHONE,
    assert_accessible,
    sign_in,
)

pytestmark = pytest.mark.e2e

SENSITIVE_TITLE = "Open questions in a video-recorded hearing"


def sensitive_excerpt(page):
    """Module 3's sensitive excerpt, its content note opened."""
    figure = page.locator(".excerpt--sensitive").filter(has_text=SENSITIVE_TITLE)
    page.locator("details").filter(has=figure).locator("summary").click()
    expect(figure).to_be_visible()
    return figure


def test_a_sensitive_excerpt_plays_for_an_enrolled_learner_with_no_download_control(
    demo_site, learner, page
):
    sign_in(page.context, learner, demo_site)
    page.goto(demo_site + MODULE_3_PATH)
    figure = sensitive_excerpt(page)
    expect(figure.get_by_text("Sensitive excerpt: listen somewhere private")).to_be_visible()
    audio = figure.locator("audio")
    # Chromium read the attribute: its controls offer no download.
    assert audio.evaluate("a => a.controlsList.contains('nodownload')")
    assert audio.evaluate("a => a.preload") == "none"
    expect(page.locator("a[download]")).to_have_count(0)
    # The context menu (with "Save audio as…") does not open on the player.
    prevented = audio.evaluate(
        "a => !a.dispatchEvent(new MouseEvent('contextmenu', {bubbles: true, cancelable: true}))"
    )
    assert prevented

    figure.locator("button.segment__play").nth(2).click()
    page.wait_for_function(
        "a => !a.paused && a.currentTime > 17", arg=audio.element_handle(), timeout=10_000
    )
    expect(figure.locator(".segment.is-current")).to_have_count(1)
    opened = set(
        ExcerptOpening.objects.filter(learner=learner, excerpt_title=SENSITIVE_TITLE).values_list(
            "what", flat=True
        )
    )
    assert opened == {ExcerptOpening.What.PAGE, ExcerptOpening.What.MEDIA}


def test_the_privacy_notice_and_a_module_with_a_sensitive_excerpt_are_accessible(
    demo_site, learner, page
):
    page.goto(demo_site + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1, name="Privacy notice")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("1 year (365 days)")
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page, f"the privacy notice at {width} width")

    page.set_viewport_size(DESKTOP)
    sign_in(page.context, learner, demo_site)
    page.goto(demo_site + MODULE_3_PATH)
    sensitive_excerpt(page)
    expect(page.locator(".excerpt--sensitive .segment__play").first).to_be_attached()
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page, f"module 3 with its sensitive excerpt at {width} width")
