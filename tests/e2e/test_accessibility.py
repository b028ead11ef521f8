"""axe-core finds no serious or critical accessibility problem on the learner's pages, nor on
the trainer's review of a rendition; the recorder works by keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from modules.models import ModulePage
from modules.practice import services as practice_services
from modules.practice.models import InterpretingExercise, Rendition
from tests import factories
from tests.e2e import test_practice_learner as learner_side
from tests.e2e.conftest import (
    COURSE_PATH,
    DESKTOP,
    LEARNER_EMAIL,
    MODULE_2_PATH,
    MODULE_3_PATH,
    PHONE,
    TIMEOUT_MS,
    TRAINER_EMAIL,
    TRAINER_PASSWORD,
    complete_modules,
    sign_in,
)
from tests.e2e.test_practice_learner import TURNS, open_exercise, state, takes

# The practice tests' fixtures, which pytest finds here by their names: the sounds, the
# Chromium with a fake microphone, a window of it, and a course with a consecutive exercise.
sounds = learner_side.sounds
mic_browser = learner_side.mic_browser
mic_context = learner_side.mic_context
practice_site = learner_side.practice_site

pytestmark = pytest.mark.e2e

BLOCKING = ("serious", "critical")


def open_content_notes(page):
    summaries = page.locator("details.content-note__details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).click()
    expect(page.locator("details.content-note__details:not([open])")).to_have_count(0)


def wait_for_excerpts(page):
    """The excerpt script has turned every transcript turn of a playable excerpt into a button."""
    playable = page.locator("[data-excerpt]:has([data-player])")
    for index in range(playable.count()):
        expect(playable.nth(index).locator(".segment__play").first).to_be_attached()


# name: (path, signed in as the demo learner, what to do before the check, also at phone width)
PAGES = {
    "catalogue": ("/", False, None, True),
    "course": (COURSE_PATH, False, None, False),
    "signup": ("/accounts/signup/", False, None, False),
    "login": ("/accounts/login/", False, None, False),
    "course-signed-in": (COURSE_PATH, True, None, False),
    "module-2": (MODULE_2_PATH, True, None, False),
    "module-3-note-opened": (MODULE_3_PATH, True, open_content_notes, True),
    "dashboard": ("/dashboard/", True, None, False),
}


def blocking_violations(page):
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def report(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


def assert_no_blocking_violations(page, where):
    violations = blocking_violations(page)
    assert not violations, f"axe found serious or critical problems on {where}:\n" + report(
        violations
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_problem(request, demo_site, page, name):
    path, signed_in, prepare, phone = PAGES[name]
    if signed_in:
        sign_in(page.context, request.getfixturevalue("learner"), demo_site)
    page.goto(demo_site + path)
    expect(page.get_by_role("main")).to_be_visible()
    if signed_in:
        expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()
    wait_for_excerpts(page)
    if prepare:
        prepare(page)
    assert_no_blocking_violations(page, name)
    if phone:
        page.set_viewport_size(PHONE)
        assert_no_blocking_violations(page, f"{name} at phone width")


# --- Interpreting practice -------------------------------------------------------------------

MODULE_6_PATH = COURSE_PATH + "working-as-a-team/"  # the demo's two exercises
BRIEFING_READ = "I have read the briefing: show the source"


def assert_accessible_at_both_widths(page, where):
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_no_blocking_violations(page, f"{where}, at {width} width")
    page.set_viewport_size(DESKTOP)


def demo_exercises():
    """The demo's consecutive police interview and its simultaneous judge's hearing."""
    exercises = InterpretingExercise.objects.filter(title__startswith="Consecutive: a first")
    return exercises.get(), InterpretingExercise.objects.get(title__startswith="Simultaneous")


def test_the_learners_practice_pages_have_no_serious_accessibility_problem(demo_site, mic_context):
    """A newcomer to the demo's exercises: the briefing, the recording notice, the recorder
    while it records and with a take, the session played back, the rendition submitted with
    the model opened; then the demo learner's reviewed rendition, the feedback page."""
    newcomer = factories.make_user(email="nadia@example.test", full_name="Nadia Newcomer")
    complete_modules(newcomer, 5)
    police, judge = demo_exercises()
    page = mic_context.new_page()
    sign_in(mic_context, newcomer, demo_site)
    page.goto(demo_site + MODULE_6_PATH)
    consecutive = page.locator(f"#exercise-{police.pk}")
    expect(consecutive.get_by_role("button", name=BRIEFING_READ)).to_be_visible()
    assert_accessible_at_both_widths(page, "the exercises, briefings unread")
    consecutive.get_by_role("button", name=BRIEFING_READ).click()
    expect(consecutive.get_by_role("button", name="I understand: let me record")).to_be_visible()
    assert_accessible_at_both_widths(page, "the recording notice")
    consecutive.get_by_role("button", name="I understand: let me record").click()
    expect(page.get_by_text("Thank you. You can now record your renditions.")).to_be_visible()

    section = page.locator(f"#exercise-{judge.pk}")
    section.get_by_role("button", name=BRIEFING_READ).click()
    section.get_by_role("button", name="Start: record over the source").click()
    expect(state(section)).to_contain_text("Recording: interpret over the source.")
    assert_no_blocking_violations(page, "the recorder while it records")
    section.get_by_role("button", name="Stop recording").click()
    expect(takes(section)).to_have_count(1)
    assert_accessible_at_both_widths(page, "the recorder with a take")

    takes(section).get_by_role("button", name="Use this take Take 1").click()
    section.get_by_role("link", name="Listen to your session and submit it").click()
    expect(page.get_by_role("button", name="Play both together")).to_be_visible()
    assert_accessible_at_both_widths(page, "the session playback and self-assessment")
    criteria = page.locator("fieldset.criterion")
    for index in range(criteria.count()):
        criteria.nth(index).get_by_label("3", exact=True).check()
    page.get_by_role("button", name="Submit my rendition").click()
    expect(page.get_by_text("Your rendition is submitted.")).to_be_visible()
    expect(page.locator("audio[data-model-audio]")).to_be_attached()
    assert_accessible_at_both_widths(page, "the submitted rendition beside the model")

    demo_learner = get_user_model().objects.get(email=LEARNER_EMAIL)
    reviewed = Rendition.objects.for_learner(demo_learner).get(status=Rendition.Status.REVIEWED)
    sign_in(mic_context, demo_learner, demo_site)
    page.goto(demo_site + f"/practice/renditions/{reviewed.pk}/")
    expect(page.get_by_role("heading", name="Your trainer's feedback")).to_be_visible()
    expect(page.locator("[data-remark-mark]")).to_have_count(reviewed.remarks.count())
    assert_accessible_at_both_widths(page, "the feedback on a reviewed rendition")


def test_the_trainers_review_page_has_no_serious_accessibility_problem(demo_site, page, sounds):
    """The demo's reviewed rendition (consecutive, with its remarks), then a simultaneous one
    just submitted, once the trainer has added a remark with the page's controls."""
    police, judge = demo_exercises()
    newcomer = factories.make_user(email="nadia@example.test", full_name="Nadia Newcomer")
    practice_services.consent_record(learner=newcomer)
    submitted = practice_services.rendition_upload(
        learner=newcomer,
        exercise=judge,
        module=ModulePage.objects.get(url_path__endswith=MODULE_6_PATH),
        upload=ContentFile(sounds.take.read_bytes(), name="take.ogg"),
        take_id="0f4b8a52-2f7e-4d0e-9a55-3c6f1f0a7d21",
        turn_marks=[],
    )
    criteria = [criterion.pk for criterion in judge.assessment_grid().criteria.all()]
    practice_services.rendition_submit(rendition=submitted, self_scores=dict.fromkeys(criteria, 2))
    reviewed = Rendition.objects.get(exercise=police, status=Rendition.Status.REVIEWED)

    page.goto(demo_site + "/admin/login/")
    page.get_by_label("Email address").fill(TRAINER_EMAIL)
    page.get_by_label("Password").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(demo_site + "/admin/")
    page.goto(demo_site + "/admin/practice/renditions/")
    expect(page.get_by_role("link", name="Review Nadia Newcomer", exact=False)).to_be_visible()
    assert_no_blocking_violations(page, "the queue of renditions")

    page.goto(demo_site + f"/admin/practice/renditions/{reviewed.pk}/review/")
    expect(page.locator("[data-remarks] > li")).to_have_count(reviewed.remarks.count())
    expect(page.get_by_role("button", name="Play the session, turn by turn")).to_be_visible()
    assert_accessible_at_both_widths(page, "the review of a reviewed rendition")

    page.goto(demo_site + f"/admin/practice/renditions/{submitted.pk}/review/")
    expect(page.get_by_role("button", name="Play both together")).to_be_visible()
    page.locator("audio[data-rendition-audio]").evaluate(
        """audio => new Promise((resolve) => {
            audio.addEventListener("seeked", resolve, { once: true });
            audio.currentTime = 4;
        })"""
    )
    page.get_by_role("button", name="Remark at this moment (M)").click()
    page.get_by_label("What you heard").select_option(label="Addition")
    page.get_by_role("button", name="Add the remark").click()
    expect(page.locator("[data-remarks] > li")).to_have_count(1)
    assert_accessible_at_both_widths(page, "the review of a submitted rendition, one remark added")


def tab_to(page, target, limit=80):
    """Press Tab until `target` has the focus, as a keyboard user moves through the page; the
    focus shows (:focus-visible)."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            assert target.evaluate("element => element.matches(':focus-visible')")
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {target}")


def test_the_recorder_works_by_keyboard_alone(practice_site, mic_context):
    """Tab to each control, Enter or Space to press it: read the briefing, accept the notice,
    start, next turn, stop, use the take, open it."""
    site = practice_site
    page = mic_context.new_page()
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site)

    tab_to(page, section.get_by_role("button", name=BRIEFING_READ))
    page.keyboard.press("Enter")
    expect(section.locator("[data-source]")).to_be_visible()
    tab_to(page, section.get_by_role("button", name="I understand: let me record"))
    page.keyboard.press("Space")
    expect(page.get_by_text("Thank you. You can now record your renditions.")).to_be_visible()

    tab_to(page, section.get_by_role("button", name="Start: play the first turn"))
    page.keyboard.press("Space")
    expect(state(section)).to_contain_text(f"Turn 1 of {TURNS}: listen to the source")
    # The focus waits on "Next turn", which is off while the source plays.
    next_turn = section.get_by_role("button", name="Next turn")
    expect(next_turn).to_be_focused()
    expect(next_turn).to_have_attribute("aria-disabled", "true")
    expect(state(section)).to_contain_text(f"Recording turn 1 of {TURNS}")
    page.wait_for_timeout(1500)
    page.keyboard.press("Enter")
    expect(state(section)).to_contain_text(f"Recording turn 2 of {TURNS}", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    tab_to(page, section.get_by_role("button", name="Stop recording"))
    page.keyboard.press("Enter")
    expect(takes(section)).to_have_count(1)
    expect(state(section)).to_contain_text("Take 1 (0:0")

    tab_to(page, takes(section).get_by_role("button", name="Use this take Take 1"))
    page.keyboard.press("Space")
    expect(state(section)).to_have_text(
        "Take 1 is saved. Open it to listen to your session and submit it."
    )
    link = section.get_by_role("link", name="Listen to your session and submit it")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.exercise.title)
    rendition = Rendition.objects.for_learner(site.learner).get()
    assert [mark["turn"] for mark in rendition.turn_marks] == [1, 2]
    assert 2.5 <= float(rendition.duration) <= 4.5
