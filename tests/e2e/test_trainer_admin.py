"""Trainers edit modules in Wagtail's admin: save a draft, preview it, publish it, reorder."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession

from modules.models import CoursePage
from modules.progress.models import Enrolment, ModuleProgress
from tests.e2e.conftest import (
    COURSE_PATH,
    DESKTOP,
    LEARNER_EMAIL,
    TIMEOUT_MS,
    TRAINER_EMAIL,
    TRAINER_PASSWORD,
    sign_in,
)

pytestmark = pytest.mark.e2e

LOCKED = "This module is not open yet"


def course_and_modules():
    course = CoursePage.objects.get(url_path__endswith=COURSE_PATH)
    return course, list(course.get_modules())


def wait_for_editing_sessions_to_end(user):
    """Wait until the page editor has released its editing sessions.

    Leaving the editor releases its session with a beacon that Playwright does not see, so the
    database says when it has arrived. Reading it may meet the server's write lock: try again.
    """
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        try:
            if not EditingSession.objects.filter(user=user).exists():
                return
        except OperationalError:
            pass
        time.sleep(0.05)
    pytest.fail("The page editor did not release its editing session")


@pytest.fixture
def admin(demo_site, page):
    """The trainer's browser, signed in through Wagtail's own form.

    The page editor keeps talking to the server after a test's last step (editing session,
    autosave) and releases its session when it is left. It is left, and the release waited for,
    before the database is flushed: SQLite refuses the flush while a request writes.
    """
    page.goto(demo_site + "/admin/login/")
    page.get_by_label("Email address").fill(TRAINER_EMAIL)
    page.get_by_label("Password").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(demo_site + "/admin/")
    yield page
    page.goto("about:blank")
    wait_for_editing_sessions_to_end(get_user_model().objects.get(email=TRAINER_EMAIL))


@pytest.fixture
def learner_page(browser, demo_site):
    """A second browser window, signed in as the demo learner, on the public site."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    sign_in(context, get_user_model().objects.get(email=LEARNER_EMAIL), demo_site)
    yield context.new_page()
    context.close()


def public_module_titles(page, base_url):
    page.goto(base_url + COURSE_PATH)
    return page.get_by_role("region", name="Modules").locator(".modules__title")


def open_preview(page):
    page.get_by_role("button", name="Toggle preview").click()
    return page.frame_locator("#w-preview-iframe")


def test_trainer_saves_a_draft_previews_it_and_publishes_it(demo_site, admin, learner_page):
    course, modules = course_and_modules()
    module = modules[0]
    new_title = "What child trafficking is, and how it shows"
    module_url = demo_site + module.url

    admin.goto(f"{demo_site}/admin/pages/{course.pk}/")
    admin.get_by_role("link", name=module.title, exact=True).click()
    expect(admin).to_have_url(f"{demo_site}/admin/pages/{module.pk}/edit/")
    title = admin.get_by_placeholder("Page title*")
    title.fill(new_title)
    admin.get_by_role("button", name="Save draft").click()
    expect(admin.get_by_text(f"Page '{new_title}' has been updated.")).to_be_visible()
    expect(title).to_have_value(new_title)

    # A draft: learners still read the published title.
    learner_page.goto(module_url)
    expect(learner_page.get_by_role("heading", level=1)).to_have_text(module.title)

    preview = open_preview(admin)
    expect(preview.get_by_role("heading", level=1)).to_have_text(new_title)
    expect(preview.get_by_text(LOCKED)).to_have_count(0)

    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()
    expect(admin.get_by_text(f"Page '{new_title}' has been published.")).to_be_visible()

    learner_page.reload()
    expect(learner_page.get_by_role("heading", level=1)).to_have_text(new_title)
    expect(public_module_titles(learner_page, demo_site).first).to_have_text(new_title)


def test_trainer_previews_a_later_module_as_learners_will_read_it(demo_site, admin):
    """Module 3 is locked to a trainer who is not taking the course; its preview is not."""
    _course, modules = course_and_modules()
    module = modules[2]
    trainer = get_user_model().objects.get(email=TRAINER_EMAIL)

    admin.goto(f"{demo_site}/admin/pages/{module.pk}/edit/")
    preview = open_preview(admin)
    expect(preview.get_by_role("heading", level=1)).to_have_text(module.title)
    expect(preview.get_by_text(LOCKED)).to_have_count(0)
    expect(preview.locator("form.quiz-form")).to_have_count(1)
    # A preview is no visit: the trainer is neither enrolled nor recorded as progressing.
    assert not Enrolment.objects.filter(learner=trainer).exists()
    assert not ModuleProgress.objects.filter(learner=trainer).exists()


def test_trainer_reorders_modules_by_drag_and_drop(demo_site, admin):
    course, modules = course_and_modules()
    titles = [module.title for module in modules]
    count = len(titles)

    admin.goto(f"{demo_site}/admin/pages/{course.pk}/")
    admin.get_by_role("button", name="Actions").click()
    admin.get_by_role("link", name="Sort menu order").click()
    expect(admin).to_have_url(f"{demo_site}/admin/pages/{course.pk}/?ordering=ord")
    rows = admin.locator("tbody tr[data-w-orderable-target=item]")
    expect(rows).to_have_count(count)
    for row, title in zip(rows.all(), titles, strict=True):
        expect(row).to_have_attribute("data-w-orderable-item-label", title)

    # A real drag and drop: the last module's handle, dropped on the handle of the one before.
    handle = admin.get_by_role("button", name=f"Drag Item {count} of {count}")
    handle.drag_to(admin.get_by_role("button", name=f"Drag Item {count - 1} of {count}"))
    expect(admin.get_by_text(f"'{titles[-1]}' has been moved successfully.")).to_be_visible()

    expected = [*titles[:-2], titles[-1], titles[-2]]
    admin.reload()
    expect(rows).to_have_count(count)
    for row, title in zip(rows.all(), expected, strict=True):
        expect(row).to_have_attribute("data-w-orderable-item-label", title)
    expect(public_module_titles(admin, demo_site)).to_have_text(expected)
