"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's own browser download cannot work here, so the tests launch the system
Chromium at CHROMIUM. When it is missing the tests fail (CI installs it); they never skip.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop running in this thread; Django's ORM would
# otherwise refuse to run here (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# The demo content that load_initial_data builds (modules/demo/content.py).
COURSE_TITLE = "Interpreting for child victims of trafficking"
COURSE_PATH = "/interpreting-for-child-victims/"
MODULE_2_TITLE = "Rights and law: why the interpreter matters"
MODULE_3_TITLE = "How children are interviewed: protocols, video hearings and Barnahus"
MODULE_2_PATH = COURSE_PATH + "rights-and-law/"
MODULE_3_PATH = COURSE_PATH + "interviewing-children/"
NOTE_SUMMARY = "I have read the note: show the content"
LEARNER_EMAIL = "learner@example.org"
LEARNER_PASSWORD = "capisce-learner-demo"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Debian's Chromium is missing at {CHROMIUM}: the browser tests need it "
            "(apt-get install chromium). Playwright's own browser download is not used.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db, django_db_serialized_rollback):
    """The demo course on the live server; returns the server's base URL.

    The live server needs committed data, hence a transactional database; its flush
    after each test would also wipe what migrations created (the Wagtail root and site,
    the Trainers group), so the serialized rollback puts that back before the next test.
    """
    call_command("load_initial_data", stdout=io.StringIO())
    return live_server.url
