"""A visitor becomes a learner (confirming their address from the mail) and follows an
interview excerpt by its transcript."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.conftest import (
    COURSE_TITLE,
    DESKTOP,
    MODULE_3_PATH,
    MODULE_3_TITLE,
    NOTE_SUMMARY,
    TIMEOUT_MS,
    complete_modules,
    sign_in,
)

pytestmark = pytest.mark.e2e

NEW_EMAIL = "nadia.visitor@example.test"
NEW_PASSWORD = "a-long-visitor-password-42"
# Django's form labels end with a colon ("Password:"); match "Password" but not "Password (again)".
PASSWORD_LABEL = re.compile(r"^Password:?$")


def header(page):
    return page.get_by_role("banner")


def sign_out(page):
    header(page).get_by_role("button", name="Sign out").click()
    expect(header(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(header(page).get_by_role("button", name="Sign out")).to_have_count(0)


def test_visitor_signs_up_signs_in_and_plays_the_transcript(demo_site, page, mailoutbox):
    page.goto(demo_site + "/")
    course_link = page.get_by_role("link", name=COURSE_TITLE)
    expect(course_link).to_be_visible()
    course_link.click()
    expect(page.get_by_role("heading", level=1, name=COURSE_TITLE)).to_be_visible()
    course_url = page.url

    # Sign up from the header, by the form's visible labels.
    header(page).get_by_role("link", name="Sign up").click()
    page.get_by_label("Full name").fill("Nadia Visitor")
    page.get_by_label("Email").fill(NEW_EMAIL)
    page.get_by_label(PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()

    # The address is confirmed from the mail before the account opens.
    expect(page.get_by_role("heading", level=1, name="Verify Your Email Address")).to_be_visible()
    expect(header(page).get_by_role("link", name="Sign in")).to_be_visible()
    # (Loading the demo told the demo learner of their trainer's feedback: not this visitor's.)
    [message] = [message for message in mailoutbox if message.to == [NEW_EMAIL]]
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0))
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    expect(header(page).get_by_role("link", name="My account")).to_be_visible()
    expect(header(page).get_by_role("button", name="Sign out")).to_be_visible()

    sign_out(page)

    # Sign in again with the new account.
    header(page).get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(NEW_EMAIL)
    page.get_by_label(PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(header(page).get_by_role("link", name="My account")).to_be_visible()

    # The course is taken in order: module 3 opens once modules 1 and 2 are done.
    page.goto(course_url)
    modules = page.get_by_role("region", name="Modules")
    expect(modules.get_by_text(MODULE_3_TITLE)).to_be_visible()
    expect(modules.get_by_role("link", name=MODULE_3_TITLE)).to_have_count(0)
    complete_modules(get_user_model().objects.get(email=NEW_EMAIL), 2)

    # Module 3, from the course page's list of modules.
    page.reload()
    modules.get_by_role("link", name=MODULE_3_TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(MODULE_3_PATH) + "$"))
    expect(page.get_by_role("heading", level=1, name=MODULE_3_TITLE)).to_be_visible()

    # The excerpt sits behind a content note: the learner opens it first.
    figure = page.locator("[data-excerpt]").filter(has=page.locator("audio"))
    transcript = figure.locator(".transcript__list")
    expect(transcript).to_be_hidden()
    page.locator("details").filter(has=figure).get_by_text(NOTE_SUMMARY).click()
    expect(transcript).to_be_visible()
    for speaker in ("Interviewer", "Interpreter", "Child"):
        expect(transcript.locator(".segment__speaker", has_text=speaker).first).to_be_visible()

    # Every turn became a play button. Click one well into the recording, and a long one,
    # so that playback has not moved on to the next turn before the highlight is checked.
    segments = transcript.locator(".segment")
    starts = [float(value) for value in segments.evaluate_all("s => s.map(e => e.dataset.start)")]
    expect(transcript.locator("button.segment__play")).to_have_count(len(starts))
    index = max(
        (i for i in range(len(starts) - 1) if starts[i] > 30),
        key=lambda i: starts[i + 1] - starts[i],
    )
    segment = segments.nth(index)
    start = starts[index]
    speaker = segment.locator(".segment__speaker").inner_text()
    minutes, seconds = divmod(int(start), 60)
    button = segment.get_by_role(
        "button", name=f"Play from {minutes}:{seconds:02d}, {speaker}", exact=True
    )
    button.click()

    audio = figure.locator("audio").element_handle()
    page.wait_for_function(
        "([audio, start]) => audio.currentTime >= start - 0.5", arg=[audio, start]
    )
    # The audio comes from the view that checks who asks, and answers range requests.
    source = figure.locator("audio source").get_attribute("src")
    assert re.fullmatch(r"/excerpts/\d+/media/", source), source
    assert audio.evaluate("a => a.seekable.length > 0 && a.seekable.end(0) > 30")
    expect(segment).to_have_class(re.compile(r"\bis-current\b"))
    expect(segment).to_have_attribute("aria-current", "true")
    expect(transcript.locator(".segment.is-current")).to_have_count(1)


def test_transcript_reads_without_javascript(demo_site, learner, browser):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        sign_in(context, learner, demo_site)
        page = context.new_page()
        page.goto(demo_site + MODULE_3_PATH)
        expect(page.get_by_role("heading", level=1, name=MODULE_3_TITLE)).to_be_visible()
        figure = page.locator("[data-excerpt]").filter(has=page.locator("audio"))
        # <details> opens without script.
        page.locator("details").filter(has=figure).get_by_text(NOTE_SUMMARY).click()
        segments = figure.locator(".segment")
        expect(segments.first).to_be_visible()
        expect(segments.first.locator(".segment__time")).to_have_text("0:00")
        expect(segments.first.locator(".segment__speaker")).to_have_text("Interviewer")
        expect(
            figure.get_by_text("Tell me everything that happened at the house.").first
        ).to_be_visible()
        assert segments.count() > 10
        expect(page.locator("button.segment__play")).to_have_count(0)
        expect(figure.locator("[data-hint]")).to_be_hidden()
    finally:
        context.close()
