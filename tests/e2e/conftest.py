"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's own browser download cannot work here, so the tests launch the system
Chromium at CHROMIUM. When it is missing the tests fail (CI installs it); they never skip.
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Page

from modules.demo.loader import DEMO_DATA, read_demo
from modules.models import CoursePage
from modules.progress import services as progress_services

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
# Pages come from a local server: anything slower than this is a failure, not a wait.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)

# The demo content that load_initial_data builds (modules/demo/data/en/).
COURSE_TITLE = "Interpreting for child victims of trafficking"
COURSE_PATH = "/interpreting-for-child-victims/"
MODULE_3_TITLE = "How children are interviewed: protocols, video hearings and Barnahus"
MODULE_2_PATH = COURSE_PATH + "rights-and-law/"
MODULE_3_PATH = COURSE_PATH + "interviewing-children/"
NOTE_SUMMARY = "I have read the note: show the content"
LEARNER_EMAIL = "learner@example.org"


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the e2e package only.

    While Playwright's sync API is active its event loop counts as running in this thread, so
    Django's ORM would refuse to work here (SynchronousOnlyOperation) and asgiref hands out
    database connections per context instead of per thread. Both last only as long as this
    fixture: package scope ends them with the e2e tests, before the rest of the suite runs.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"Debian's Chromium is missing at {CHROMIUM}: the browser tests need it "
            "(apt-get install chromium). Playwright's own browser download is not used.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, but media requests reach our URLconf.

    Django's LiveServerThread answers MEDIA_URL itself with django.views.static.serve,
    which ignores HTTP Range headers and would serve any file under MEDIA_ROOT. Dropping
    that handler lets capisce.media.serve_media (SERVE_MEDIA=True in the test settings)
    answer instead, as under `make run`: public folders only, with ranges. Interview audio
    is private and comes from its own view (/excerpts/<id>/media/) in any case.
    """
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    static_handler = server.thread.static_handler
    server.thread.static_handler = lambda _media_files_handler: static_handler(WSGIHandler())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The test database as migrations left it (Wagtail's root page and default site, the
    Trainers group), serialized: the copy pytest-django made for serialized rollback, or a
    fresh one if the suite did not ask for that."""
    with django_db_blocker.unblock():
        serialized = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
        return serialized or connections[DEFAULT_DB_ALIAS].creation.serialize_db_to_string()


def restore_migrated_data(migrated_data):
    """Put the database back as migrations left it, if a flush has emptied it.

    pytest-django flushes the database after every transactional test, and with it what
    migrations created. Its serialized rollback would restore that, but cannot while the
    browser runs (see `browser`): the connection that carries the serialized data is out of
    reach, so the flush also re-ran post_migrate and recreated content types under new ids.
    """
    if Page.objects.filter(depth=1).exists():
        return
    # As pytest-django's own flush: the sequences keep counting, past the ids restored here.
    call_command(
        "flush",
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,
        verbosity=0,
    )
    # Content types first, and no cached ones: some models look theirs up while they are
    # built (Wagtail's Task), and would otherwise create it under a new id.
    ContentType.objects.clear_cache()
    rows = json.loads(migrated_data)
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(json.dumps(rows))
    ContentType.objects.clear_cache()


@pytest.fixture(scope="package", autouse=True)
def _leave_the_database_as_migrations_left_it(migrated_data, django_db_blocker):
    """After the e2e tests, later tests find the database as the other suites expect it."""
    yield
    with django_db_blocker.unblock():
        restore_migrated_data(migrated_data)


@pytest.fixture
def demo_site(migrated_data, live_server, transactional_db, django_db_serialized_rollback):
    """The demo course on the live server, committed so that the server sees it; returns the
    server's base URL.

    Asking for serialized rollback makes pytest-django serialize the freshly migrated
    database when it creates it, which `migrated_data` then reuses.
    """
    restore_migrated_data(migrated_data)
    call_command("load_initial_data", stdout=io.StringIO())
    return live_server.url


def complete_modules(user, count):
    """Record the course's first `count` modules as done for `user`.

    The demo course is taken in order, so module 3 opens only once modules 1 and 2 are done.
    """
    course = CoursePage.objects.get(url_path__endswith=COURSE_PATH)
    for module in course.get_modules()[:count]:
        progress_services.module_complete(learner=user, module=module, course=course)


def sign_in(context, user, base_url):
    """Give a browser context the session of a signed-in `user`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.fixture
def learner(demo_site):
    """The demo learner, with modules 1 and 2 done so that module 3 is open to them."""
    user = get_user_model().objects.get(email=LEARNER_EMAIL)
    complete_modules(user, 2)
    return user


# --- Shared by the quiz, progress, certificate and admin journeys ----------------------------

TRAINER_EMAIL = "trainer@example.org"
TRAINER_PASSWORD = "capisce-trainer-demo"
MODULE_1_PATH = COURSE_PATH + "what-is-child-trafficking/"
MODULE_1_TITLE = "Child trafficking: what it is and how it shows"
MODULE_2_TITLE = "Rights and law: why the interpreter matters"
SUBMIT = "Submit my answers"
REFLECTION = "I render his age as he gives it and leave the doubt to the officer."
AXE_BLOCKING = ("serious", "critical")


def axe_report(violations):
    """axe-core's serious and critical violations, one line per rule and per element."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


def assert_accessible(page, where):
    """axe-core finds no serious or critical violation on the page as it is now.

    The same check as test_accessibility.py's, for the pages the journeys reach.
    """
    from axe_playwright_python.sync_playwright import Axe

    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in AXE_BLOCKING]
    assert not violations, f"axe found serious or critical problems on {where}:\n" + axe_report(
        violations
    )


def plain(text):
    """Text as a learner reads it: no tags, entities decoded, spaces collapsed."""
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def in_language(language, text):
    """An interface text as the site shows it in `language`."""
    with translation.override(language):
        return translation.gettext(text)


def demo_in(language):
    """The demo data as a learner reads it in `language` (its translation's folder)."""
    if language == settings.LANGUAGE_CODE:
        return read_demo()
    return read_demo(DEMO_DATA.parent / language, sounds=DEMO_DATA / "media")


def quiz_answers(slug, right=True, language="en"):
    """The answers to the demo quiz of module `slug` (modules/demo/data/en/quizzes/), right or
    wrong.

    Keyed by the question's prompt as the page shows it, since some quizzes shuffle their
    questions. Values, by kind: single_choice and true_false the label to choose;
    multiple_choice the set of labels to tick; ordering {item label: position};
    matching {item label: the option to choose}; reflection the text to type.
    """
    answers = {}
    for question in demo_in(language).quizzes[slug].questions:
        kind, value = question["type"], question["value"]
        if kind == "single_choice":
            answer = next(c["text"] for c in value["choices"] if c["correct"] is right)
        elif kind == "multiple_choice":
            answer = {c["text"] for c in value["choices"] if c["correct"] is right}
        elif kind == "true_false":
            answer = in_language(language, "True" if value["answer"] is right else "False")
        elif kind == "ordering":
            items = value["items"] if right else value["items"][::-1]
            answer = {item: str(position) for position, item in enumerate(items, start=1)}
        elif kind == "matching":
            rights = [pair["right"] for pair in value["pairs"]]
            if not right:
                rights = rights[1:] + rights[:1]
            answer = {pair["left"]: text for pair, text in zip(value["pairs"], rights, strict=True)}
        else:
            answer = REFLECTION
        answers[plain(value["prompt"])] = (kind, answer)
    return answers


def quiz_form(page):
    return page.locator("form.quiz-form")


def answer_quiz(page, slug, right=True, language="en"):
    """Answer the module's quiz with the mouse, the quick way, and submit it (in the quiz's
    `language`, as the page at that language's address shows it)."""
    form = quiz_form(page)
    answers = quiz_answers(slug, right, language)
    questions = form.locator("fieldset.question")
    expect(questions.first).to_be_visible()
    for index in range(questions.count()):
        question = questions.nth(index)
        kind, answer = answers[plain(question.locator(".question__prompt").inner_text())]
        if kind in ("single_choice", "true_false"):
            question.get_by_label(answer, exact=True).check()
        elif kind == "multiple_choice":
            for label in answer:
                question.get_by_label(label, exact=True).check()
        elif kind in ("ordering", "matching"):
            for label, option in answer.items():
                question.get_by_label(label, exact=True).select_option(label=option)
        else:
            question.get_by_role("textbox").fill(answer)
    form.get_by_role("button", name=in_language(language, SUBMIT)).click()
