"""The whole practice loop in Chromium, with a fake microphone: a learner records, a trainer
reviews, the learner reads the feedback, the module counts as done.

The learner reads the briefing, records the consecutive exercise turn by turn (the source
pausing at each of its turn ends), stops a first take, records a second one, uploads it,
plays the session back, self-assesses and submits; the file the server keeps is real audio
as long as what was recorded. A trainer signs in at /admin/ in a browser of their own, opens
the queue, drops three remarks at different moments of the recording with the review page's
controls (the timeline, a turn played then the button, the player sought then the M key),
scores the grid and publishes. The learner finds the feedback on the dashboard, sees the
remarks on the recording's timeline, and a click on one plays from a second before it; the
exercise asks for a review, so only now is the module done.

The sounds, the course with its exercise and the browser with a microphone are those of
test_practice_learner.py.
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from modules.practice.models import InterpretingExercise, Remark, Rendition
from tests import factories
from tests.e2e import test_practice_learner as learner_side
from tests.e2e.conftest import DESKTOP, TIMEOUT_MS, sign_in
from tests.e2e.test_practice_learner import (
    SOURCE_SECONDS,
    TURN_ENDS,
    TURNS,
    audio_length,
    mean_volume,
    open_exercise,
    read_briefing,
    state,
    takes,
)

# The learner test's fixtures, which pytest finds here by their names: the sounds, the
# Chromium with a fake microphone, a window of it, and the course with its exercise.
sounds = learner_side.sounds
mic_browser = learner_side.mic_browser
mic_context = learner_side.mic_context
practice_site = learner_side.practice_site

pytestmark = pytest.mark.e2e

INTERPRET_MS = 2000  # how long the learner interprets each turn
TRAINER_EMAIL = "tess@example.test"
TRAINER_NAME = "Tess Trainer"
LEAD_IN = 1  # a remark plays from this many seconds before it
# Where screenshots go when CAPISCE_SCREENSHOTS names a folder (none otherwise).
SCREENSHOTS = os.environ.get("CAPISCE_SCREENSHOTS", "")


def keep_screenshot(page, name, scrolling=None):
    """The whole page. Wagtail's admin scrolls inside its frame (`scrolling`, a selector):
    there, the window is made as tall as what scrolls for the picture."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        if scrolling:
            height = page.locator(scrolling).evaluate("element => element.scrollHeight")
            page.set_viewport_size({**DESKTOP, "height": height + 80})
            page.locator(scrolling).evaluate("element => { element.scrollTop = 0; }")
        page.screenshot(path=str(Path(SCREENSHOTS) / f"loop-{name}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)


@pytest.fixture
def loop_site(practice_site):
    """The learner's course, its exercise asking for a trainer's review, and a trainer."""
    InterpretingExercise.objects.filter(pk=practice_site.exercise.pk).update(review_required=True)
    trainer = factories.make_user(email=TRAINER_EMAIL, full_name=TRAINER_NAME)
    trainer.groups.add(Group.objects.get(name="Trainers"))
    practice_site.trainer = trainer
    return practice_site


@pytest.fixture
def trainer_page(browser):
    """The trainer's own browser window: no microphone, no learner's session."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def interpret_turns(page, section, turns):
    """Listen to each of `turns` source turns, then interpret it for INTERPRET_MS."""
    for turn in range(1, turns + 1):
        expect(state(section)).to_contain_text(f"Turn {turn} of {TURNS}: listen to the source")
        expect(state(section)).to_contain_text(f"Recording turn {turn} of {TURNS}")
        page.wait_for_timeout(INTERPRET_MS)
        if turn < turns:
            section.get_by_role("button", name="Next turn").click()


def rendition_time(page):
    return page.locator("audio[data-rendition-audio]").evaluate("audio => audio.currentTime")


def add_remark(page, category, comment):
    """Choose the category (the remark's moment is already in the form), comment, add."""
    form = page.locator("[data-remark-form]")
    expect(form.get_by_label("What you heard")).to_be_focused()
    moment = float(form.get_by_label("Moment (seconds of the recording)").input_value())
    form.get_by_label("What you heard").select_option(label=category)
    form.get_by_label("Comment (optional)").fill(comment)
    count = page.locator("[data-remarks] > li").count()
    form.get_by_role("button", name="Add the remark").click()
    expect(page.locator("[data-remarks] > li")).to_have_count(count + 1)
    expect(page.locator("[data-remarks-status]")).to_have_text(f"Remark added at {moment:.1f} s.")
    return moment


def test_a_learner_records_a_trainer_reviews_the_learner_reads_the_feedback(
    loop_site, mic_context, trainer_page
):
    site = loop_site
    page = mic_context.new_page()

    # --- The learner: the briefing, then the recording notice, accepted.
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)
    section.get_by_role("button", name="I understand: let me record").click()
    expect(page.get_by_text("Thank you. You can now record your renditions.")).to_be_visible()
    section = page.locator(f"#exercise-{site.exercise.pk}")
    source = section.locator("audio[data-source]")

    # Take 1 stops after the first turn: the source paused at its end.
    section.get_by_role("button", name="Start: play the first turn").click()
    interpret_turns(page, section, 1)
    assert source.evaluate("audio => audio.paused")
    assert TURN_ENDS[0] - 0.1 <= source.evaluate("audio => audio.currentTime") <= TURN_ENDS[0] + 0.3
    section.get_by_role("button", name="Stop recording").click()
    expect(takes(section)).to_have_count(1)

    # Re-recorded: take 2, the three turns, then Finish; the learner uses it.
    section.get_by_role("button", name="Re-record: a new take").click()
    interpret_turns(page, section, TURNS)
    section.get_by_role("button", name="Finish the take").click()
    expect(takes(section)).to_have_count(2)
    takes(section).nth(1).get_by_role("button", name="Use this take Take 2").click()
    expect(state(section)).to_have_text(
        "Take 2 is saved. Open it to listen to your session and submit it."
    )

    # The server keeps take 2 only, real audio as long as the three turns interpreted.
    rendition = Rendition.objects.for_learner(site.learner).get()
    assert rendition.status == Rendition.Status.DRAFT
    assert rendition.content_type == "audio/webm"
    marks = rendition.turn_marks
    assert [mark["turn"] for mark in marks] == [1, 2, 3]
    assert [mark["source_end"] for mark in marks[:2]] == list(map(float, TURN_ENDS))
    spoken = sum(mark["rendition_end"] - mark["rendition_start"] for mark in marks)
    assert TURNS * INTERPRET_MS / 1000 <= spoken < TURNS * INTERPRET_MS / 1000 + 1.5
    length = audio_length(rendition.audio.path)
    assert length == pytest.approx(marks[-1]["rendition_end"], abs=0.5)
    assert length < SOURCE_SECONDS  # not the source's turns: the recording paused for them
    assert float(rendition.duration) == pytest.approx(length, abs=0.1)
    assert mean_volume(rendition.audio.path) > -40  # the microphone's tone, not silence

    # The session played back as it happened: source turn 1, then its rendition, then turn 2.
    section.get_by_role("link", name="Listen to your session and submit it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.exercise.title)
    session_now = page.locator("[data-session-now]")
    page.get_by_role("button", name="Play the session").click()
    expect(session_now).to_have_text("Turn 1: the source")
    expect(session_now).to_have_text("Turn 1: your rendition", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-rendition-audio]').paused"
        " && document.querySelector('[data-rendition-audio]').currentTime > 0.3"
    )
    assert page.locator("audio[data-source-audio]").evaluate("audio => audio.paused")
    expect(session_now).to_have_text("Turn 2: the source", timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Pause").click()
    expect(session_now).to_have_text("Paused")

    # Self-assessment on the grid, a note, submitted; the module waits for the review.
    criteria = page.locator("fieldset.criterion")
    assert criteria.count() >= 2
    for index in range(criteria.count()):
        criteria.nth(index).get_by_label("2", exact=True).check()
    page.get_by_label("A note for your trainer (optional)").fill("Turn 2 was hard.")
    page.get_by_role("button", name="Submit my rendition").click()
    expect(page.get_by_text("Your rendition is submitted.")).to_be_visible()
    page.goto(site.url + site.module.url)
    expect(page.locator(f"#exercise-{site.exercise.pk}")).to_be_visible()
    expect(page.get_by_text("You have completed this module.")).to_have_count(0)

    # --- The trainer signs in at /admin/ and opens the queue.
    trainer = trainer_page
    trainer.goto(site.url + "/admin/")
    trainer.get_by_label("Email address").fill(TRAINER_EMAIL)
    trainer.get_by_label("Password").fill(factories.PASSWORD)
    trainer.get_by_role("button", name="Sign in").click()
    expect(trainer).to_have_url(site.url + "/admin/")
    trainer.get_by_role("button", name="Interpreting practice").click()
    trainer.get_by_role("link", name="Renditions to review").click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text("Renditions to review")
    row = trainer.get_by_role("row").filter(has_text=site.exercise.title)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Submitted")
    row.get_by_role("link", name=f"Review {site.learner.full_name}").click()
    expect(trainer.get_by_role("heading", level=1)).to_contain_text(site.exercise.title)
    expect(trainer.get_by_text("No remark yet.")).to_be_visible()
    remark_now = trainer.get_by_role("button", name="Remark at this moment (M)")
    expect(remark_now).to_be_visible()  # the review script runs
    duration = float(rendition.duration)
    moments = []

    # Remark 1: a click on the timeline moves the rendition there, then the M key.
    timeline = trainer.locator("[data-timeline]")
    box = timeline.bounding_box()
    timeline.click(position={"x": box["width"] * 0.2, "y": box["height"] / 2})
    assert rendition_time(trainer) == pytest.approx(0.2 * duration, abs=0.1)
    trainer.keyboard.press("m")
    moments.append(add_remark(trainer, "Omission", "The age is missing."))
    assert moments[0] == pytest.approx(0.2 * duration, abs=0.1)

    # Remark 2: the rendition of turn 2 plays; the button keeps the moment and pauses.
    turn_2 = marks[1]
    trainer.get_by_role("button", name="Rendition of turn 2").click()
    trainer.wait_for_function(
        "start => { const a = document.querySelector('[data-rendition-audio]');"
        " return !a.paused && a.currentTime > start; }",
        arg=turn_2["rendition_start"] + 1,
    )
    remark_now.click()
    assert trainer.locator("audio[data-rendition-audio]").evaluate("audio => audio.paused")
    heard = rendition_time(trainer)
    moments.append(add_remark(trainer, "Person", "Third person: keep the first."))
    assert moments[1] == pytest.approx(heard, abs=0.06)
    # The form shows the moment to a tenth of a second: it may round below what was waited.
    assert turn_2["rendition_start"] + 1 - 0.06 <= moments[1] <= turn_2["rendition_end"] + 0.1

    # Remark 3: the rendition's player sought near the end, then the M key.
    trainer.locator("audio[data-rendition-audio]").evaluate(
        """(audio, at) => new Promise((resolve) => {
            audio.addEventListener("seeked", resolve, { once: true });
            audio.currentTime = at;
        })""",
        round(0.85 * duration, 2),
    )
    trainer.keyboard.press("m")
    moments.append(add_remark(trainer, "Good solution", "Her own word, kept."))
    assert moments[2] == pytest.approx(0.85 * duration, abs=0.1)

    # Three remarks, kept in the order of their moments, on the list and the timeline.
    stored = list(Remark.objects.filter(rendition=rendition))
    assert [float(remark.at) for remark in stored] == pytest.approx(moments, abs=0.01)
    assert [remark.category for remark in stored] == [
        Remark.Category.OMISSION,
        Remark.Category.PERSON,
        Remark.Category.GOOD_SOLUTION,
    ]
    assert all(remark.trainer == site.trainer for remark in stored)
    items = trainer.locator("[data-remarks] > li")
    expect(items.nth(0)).to_contain_text("The age is missing.")
    expect(items.nth(2)).to_contain_text("Her own word, kept.")
    expect(trainer.get_by_text("No remark yet.")).to_be_hidden()
    keep_screenshot(trainer, "review", scrolling="main")

    # The grid scored, a summary, published.
    grid = rendition.exercise.assessment_grid()
    criteria = list(grid.criteria.all())
    for criterion in criteria:
        group = trainer.get_by_role("group", name=criterion.label, exact=True)
        expect(group).to_contain_text("The learner's self-assessment: 2")
        group.get_by_label("3", exact=True).check()
    trainer.get_by_label("Summary for the learner").fill("Calm and clear; keep the first person.")
    trainer.get_by_role("button", name="Publish to the learner").click()
    expect(trainer.get_by_text(f"The review is published: {site.learner.full_name} has been told."))
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.REVIEWED
    assert rendition.review.scores == {str(criterion.pk): 3 for criterion in criteria}
    assert rendition.review.trainer == site.trainer

    # --- The learner: feedback waits on the dashboard.
    page.goto(site.url + "/dashboard/")
    waiting = page.get_by_role("region", name="Feedback waiting")
    waiting.get_by_role("link", name=re.compile("A trainer has reviewed your rendition")).click()
    expect(page.get_by_role("heading", name="Your trainer's feedback")).to_be_visible()
    expect(page.get_by_text("Calm and clear; keep the first person.")).to_be_visible()
    first_row = page.locator(".rendition__grid tbody tr").first
    expect(first_row.locator("td").nth(0)).to_have_text(f"2 / {criteria[0].scale_max}")
    expect(first_row.locator("td").nth(1)).to_have_text(f"3 / {criteria[0].scale_max}")

    # The remarks are marks on the recording's timeline, where they fall.
    track = page.locator("[data-timeline-track]")
    marks_on_timeline = track.locator("[data-remark-mark]")
    expect(marks_on_timeline).to_have_count(3)
    box = track.bounding_box()
    for index, at in enumerate(moments):
        mark = marks_on_timeline.nth(index).bounding_box()
        centre = (mark["x"] + mark["width"] / 2 - box["x"]) / box["width"]
        assert centre == pytest.approx(at / duration, abs=0.02)
    keep_screenshot(page, "feedback")

    # A click on the second remark plays the recording from a second before it.
    audio = page.locator("audio[data-rendition-audio]")
    page.wait_for_function(
        "() => isFinite(document.querySelector('[data-rendition-audio]').duration)"
    )
    audio.evaluate(
        """audio => {
            window.landedAt = null;
            audio.addEventListener("playing", () => { window.landedAt = audio.currentTime; },
                { once: true });
        }"""
    )
    marks_on_timeline.nth(1).click()
    page.wait_for_function("() => window.landedAt !== null")
    assert page.evaluate("window.landedAt") == pytest.approx(moments[1] - LEAD_IN, abs=0.15)
    page.wait_for_function(
        "from => document.querySelector('[data-rendition-audio]').currentTime > from + 0.3",
        arg=moments[1] - LEAD_IN,
    )
    assert not audio.evaluate("audio => audio.paused")

    # The exercise is reviewed: the module is done, and with it this one-module course.
    page.goto(site.url + site.module.url)
    expect(page.get_by_text("You have completed this module.")).to_be_visible()
    page.goto(site.url + site.course.url)
    expect(page.locator(".status--done").filter(has_text="Done")).to_have_count(1)
    page.goto(site.url + "/dashboard/")
    expect(page.get_by_text(re.compile("^Completed on"))).to_be_visible()
