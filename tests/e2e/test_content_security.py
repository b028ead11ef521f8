"""Chromium enforces the Content-Security-Policy and finds nothing on our pages that it blocks.

Every page records the `securitypolicyviolation` events it fires into window.__cspViolations
(an init script, in every frame), and Chromium's console reports for them are kept too.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from modules.certificates.models import Certificate
from modules.models import ModulePage
from tests.e2e.conftest import (
    COURSE_PATH,
    COURSE_TITLE,
    DESKTOP,
    LEARNER_EMAIL,
    MODULE_3_PATH,
    MODULE_3_TITLE,
    SUBMIT,
    TIMEOUT_MS,
    TRAINER_EMAIL,
    TRAINER_PASSWORD,
    answer_quiz,
    complete_modules,
    sign_in,
)
from tests.e2e.test_trainer_admin import open_preview, wait_for_editing_sessions_to_end

pytestmark = pytest.mark.e2e

MODULE_COUNT = 8
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} ` +
    `in ${event.sourceFile || event.documentURI}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""
# Violation events are queued as tasks: a short wait lets those of the last step arrive.
COLLECT = "() => new Promise((resolve) => setTimeout(() => resolve(window.__cspViolations), 100))"


@pytest.fixture
def watched(browser):
    """A browser context that records CSP violations; yields (context, console reports)."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    console = []

    def keep(message):
        if "Content Security Policy" in message.text:
            console.append(f"{message.location.get('url')}: {message.text}")

    context.on("console", keep)
    yield context, console
    context.close()


def assert_no_violation(frame, console, where):
    """Neither the frame's own record nor Chromium's console saw a CSP violation."""
    recorded = frame.evaluate(COLLECT)
    assert recorded is not None, f"the violation recorder did not run on {where}"
    assert not recorded and not console, f"CSP violations on {where}:\n" + "\n".join(
        recorded + console
    )


def visit(page, console, url, where):
    response = page.goto(url)
    assert response.ok, (where, response.status)
    expect(page.get_by_role("main")).to_be_visible()
    assert response.headers.get("content-security-policy"), f"no policy on {where}"
    assert_no_violation(page, console, where)


def test_learner_pages_run_under_the_policy_without_a_violation(demo_site, watched):
    context, console = watched
    page = context.new_page()

    for path, where in (
        ("/", "the catalogue"),
        (COURSE_PATH, "the course page"),
        ("/accounts/signup/", "the sign-up form"),
        ("/accounts/login/", "the sign-in form"),
        ("/accounts/password/reset/", "the password reset form"),
        ("/certificates/", "the certificate check form"),
    ):
        visit(page, console, demo_site + path, where)

    learner = get_user_model().objects.get(email=LEARNER_EMAIL)
    complete_modules(learner, 2)
    sign_in(context, learner, demo_site)
    visit(page, console, demo_site + COURSE_PATH, "the course page, signed in")

    # Module 3: the excerpt behind its content note, played from a turn, then the quiz.
    visit(page, console, demo_site + MODULE_3_PATH, "module 3")
    expect(page.get_by_role("heading", level=1, name=MODULE_3_TITLE)).to_be_visible()
    figure = page.locator("[data-excerpt]").filter(has=page.locator("audio"))
    page.locator("details").filter(has=figure).locator("summary").click()
    audio = figure.locator("audio")
    figure.locator("button.segment__play").nth(3).click()
    page.wait_for_function("audio => audio.currentTime > 0", arg=audio.element_handle())
    expect(figure.locator(".segment.is-current")).to_have_count(1)
    assert_no_violation(page, console, "module 3 with its excerpt playing")
    expect(page.get_by_role("button", name=SUBMIT)).to_be_visible()
    answer_quiz(page, "interviewing-children")
    expect(page.locator(".result__verdict")).to_have_text("Passed")
    assert_no_violation(page, console, "the quiz result")

    visit(page, console, demo_site + "/dashboard/", "the dashboard")
    visit(page, console, demo_site + "/accounts/profile/", "my account")
    visit(page, console, demo_site + "/accounts/email/", "my email addresses")
    visit(page, console, demo_site + "/accounts/password/change/", "the password change form")

    complete_modules(learner, MODULE_COUNT)
    certificate = Certificate.objects.get(learner=learner, course_title=COURSE_TITLE)
    visit(page, console, demo_site + "/dashboard/", "the dashboard with a certificate")
    visit(page, console, f"{demo_site}/certificates/{certificate.code}/", "the verification page")


def test_trainer_edits_saves_and_previews_a_module_without_a_violation(demo_site, watched):
    context, console = watched
    page = context.new_page()
    page.goto(demo_site + "/admin/login/")
    page.get_by_label("Email address").fill(TRAINER_EMAIL)
    page.get_by_label("Password").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(demo_site + "/admin/")
    assert_no_violation(page, console, "the admin's dashboard")
    try:
        module = ModulePage.objects.get(url_path__endswith=MODULE_3_PATH)
        page.goto(f"{demo_site}/admin/pages/{module.pk}/edit/")
        title = page.get_by_placeholder("Page title*")
        new_title = "How children are interviewed, revised"
        title.fill(new_title)
        page.get_by_role("button", name="Save draft").click()
        expect(page.get_by_text(f"Page '{new_title}' has been updated.")).to_be_visible()
        assert_no_violation(page, console, "the page editor after saving")

        preview = open_preview(page)
        expect(preview.get_by_role("heading", level=1)).to_have_text(new_title)
        frame = page.locator("#w-preview-iframe").element_handle().content_frame()
        assert_no_violation(frame, console, "the page preview")
        assert_no_violation(page, console, "the page editor with its preview")

        # The trainer on the learners' site, with Wagtail's user bar.
        page.goto(demo_site + COURSE_PATH)
        expect(page.get_by_role("heading", level=1, name=COURSE_TITLE)).to_be_visible()
        assert_no_violation(page, console, "the course page seen by a trainer")
    finally:
        page.goto("about:blank")
        wait_for_editing_sessions_to_end(get_user_model().objects.get(email=TRAINER_EMAIL))
