"""The learner's side of an interpreting exercise, in Chromium with a fake microphone.

The microphone hears a sine tone from a WAV file the test makes with ffmpeg; the source is
a 12-second Ogg Opus whose turns end at 4 and 8 seconds. The learner reads the briefing, checks
the microphone, records the exercise turn by turn (the source pausing at each turn's end),
re-records, keeps one take and uploads it; the stored file is real audio of the length
recorded. A reload loses no take, a browser that cannot record still uploads a file, and
the feedback page plays the recording from a second before each remark.
"""

import json
import os
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from modules.models import ExcerptMedia, ModulePage
from modules.practice import services as practice_services
from modules.practice.models import (
    AssessmentGrid,
    ExerciseTurn,
    GridCriterion,
    InterpretingExercise,
    Remark,
    Rendition,
)
from tests import factories
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    TIMEOUT_MS,
    assert_accessible,
    restore_migrated_data,
    sign_in,
)
from tests.e2e.test_content_security import COLLECT, RECORD_VIOLATIONS

pytestmark = pytest.mark.e2e

SOURCE_SECONDS = 12
TURN_ENDS = (4, 8)
TURNS = 3  # the source goes on after the last marked end: one more turn
BRIEFING = "The child, Ana, is 11; her mother is not in the room."
MODEL_TRANSCRIPT = "Bonjour Ana, je suis l'agente B."
INTERPRET_MS = 1500  # how long the learner interprets each turn
# Where screenshots go when CAPISCE_SCREENSHOTS names a folder (none otherwise).
SCREENSHOTS = os.environ.get("CAPISCE_SCREENSHOTS", "")


def ffmpeg(*arguments):
    subprocess.run(  # noqa: S603 (a fixed program, arguments we built)
        ["ffmpeg", "-v", "error", "-y", *map(str, arguments)], check=True, timeout=60
    )


def audio_length(path):
    """The end of the last audio packet, read back with ffprobe: the recording's length."""
    result = subprocess.run(  # noqa: S603
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a:0",
            "-show_entries",
            "packet=pts_time,duration_time",
            "-of",
            "csv=p=0",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    ends = []
    for line in result.stdout.splitlines():
        parts = [part for part in line.split(",") if part and part != "N/A"]
        if parts:
            ends.append(sum(float(part) for part in parts[:2]))
    assert ends, f"no audio packet in {path}"
    return max(ends)


def mean_volume(path):
    """The mean volume of the decoded audio in dB (silence is about -91)."""
    result = subprocess.run(  # noqa: S603
        ["ffmpeg", "-v", "info", "-i", str(path), "-af", "volumedetect", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return float(re.search(r"mean_volume: (-?[\d.]+) dB", result.stderr).group(1))


def keep_screenshot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"learner-{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def sounds(tmp_path_factory):
    """The source (12 s of Ogg Opus, a pitch for each turn: Chromium seeks in Ogg Vorbis up to
    a second astray), a model rendition, a take made elsewhere, and what the fake microphone
    hears (a 440 Hz tone, which Chromium plays in a loop)."""
    folder = tmp_path_factory.mktemp("sounds")
    source = folder / "source.ogg"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        f"aevalsrc=0.4*sin(2*PI*(220+110*floor(t/4))*t):s=48000:d={SOURCE_SECONDS}",
        "-c:a",
        "libopus",
        source,
    )
    model = folder / "model.ogg"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=660:duration=6", "-c:a", "libopus", model)
    microphone = folder / "microphone.wav"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=30:sample_rate=48000",
        "-ac",
        "1",
        "-c:a",
        "pcm_s16le",
        microphone,
    )
    take = folder / "take.ogg"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=10", "-c:a", "libopus", take)
    return SimpleNamespace(source=source, model=model, microphone=microphone, take=take)


@pytest.fixture(scope="module")
def mic_browser(browser, sounds):
    """A second Chromium whose microphone is the WAV file, allowed without asking."""
    second = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-audio-capture={sounds.microphone}",
        ],
    )
    yield second
    second.close()


@pytest.fixture
def mic_context(mic_browser):
    """A context of the fake-microphone browser that records what the site's
    Content-Security-Policy blocks (window.__cspViolations)."""
    context = mic_browser.new_context(viewport=DESKTOP, permissions=["microphone"])
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def assert_nothing_blocked(page):
    """The page ran under the strict policy without tripping it (no inline script or style,
    no media from elsewhere)."""
    assert page.evaluate(COLLECT) == []


def excerpt_media(title, path):
    return ExcerptMedia.objects.create(
        title=title,
        type="audio",
        duration=SOURCE_SECONDS,
        file=ContentFile(path.read_bytes(), name=path.name),
    )


def make_exercise(excerpt, **extra):
    exercise = InterpretingExercise.objects.create(
        title=extra.pop("title", "First contact at the police station"),
        excerpt=excerpt,
        briefing=f"<p>{BRIEFING}</p><p>Terms to prepare: <em>sworn statement</em>.</p>",
        mode=extra.pop("mode", InterpretingExercise.Mode.CONSECUTIVE),
        source_language="English",
        target_language="French",
        max_seconds=extra.pop("max_seconds", 60),
        review_required=extra.pop("review_required", False),
        **extra,
    )
    for order, end in enumerate(TURN_ENDS):
        ExerciseTurn.objects.create(exercise=exercise, end=Decimal(end), sort_order=order)
    return exercise


def exercise_block(exercise):
    return {"type": "interpreting_exercise", "value": {"exercise": exercise.pk}}


@pytest.fixture
def practice_site(
    migrated_data, live_server, transactional_db, django_db_serialized_rollback, sounds
):
    """A course with one module placing a consecutive exercise on the 12-second source, and
    a learner; committed, so that the live server sees it."""
    restore_migrated_data(migrated_data)
    if AssessmentGrid.site_default() is None:  # the data migration made it; a flush may not
        grid = AssessmentGrid.objects.create(name="Interpreting for a child", is_default=True)
        for order, label in enumerate(["Accuracy and completeness", "Delivery (pace, voice)"]):
            GridCriterion.objects.create(grid=grid, label=label, sort_order=order)
    catalogue = factories.make_catalogue()
    course = factories.make_course(catalogue)
    excerpt = factories.make_excerpt(media=excerpt_media("Source", sounds.source))
    exercise = make_exercise(
        excerpt, model_media=excerpt_media("Model", sounds.model), model_transcript=MODEL_TRANSCRIPT
    )
    module = factories.make_module(course, body=[exercise_block(exercise)])
    return SimpleNamespace(
        url=live_server.url,
        course=course,
        module=module,
        excerpt=excerpt,
        exercise=exercise,
        learner=factories.make_user(),
    )


def open_exercise(page, site, exercise=None):
    exercise = exercise or site.exercise
    page.goto(site.url + site.module.url)
    return page.locator(f"#exercise-{exercise.pk}")


def read_briefing(section):
    expect(section.get_by_text(BRIEFING)).to_be_visible()
    # The source comes after the briefing, as a real interview begins.
    expect(section.locator("[data-source]")).to_be_hidden()
    section.get_by_role("button", name="I have read the briefing: show the source").click()
    expect(section.locator("[data-source]")).to_be_visible()


def state(section):
    return section.locator("[data-state]")


def takes(section):
    return section.locator("[data-takes] > li")


def record_turns(page, section, turns, *, keyboard=False, on_turn=None):
    """Interpret `turns` turns of the source, each for INTERPRET_MS; the take goes on."""
    for turn in range(1, turns + 1):
        expect(state(section)).to_contain_text(f"Turn {turn} of {TURNS}: listen to the source")
        expect(section.locator("[data-next-turn]")).to_have_attribute("aria-disabled", "true")
        expect(state(section)).to_contain_text(f"Recording turn {turn} of {TURNS}")
        if on_turn:
            on_turn(turn)
        page.wait_for_timeout(INTERPRET_MS)
        if turn == turns:
            return
        if keyboard:
            expect(section.locator("[data-next-turn]")).to_be_focused()
            page.keyboard.press("Enter")
        else:
            section.get_by_role("button", name="Next turn").click()


def stored_rendition(learner):
    return Rendition.objects.for_learner(learner).get()


def test_learner_records_a_consecutive_exercise_turn_by_turn(practice_site, mic_context):
    site = practice_site
    page = mic_context.new_page()
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)

    # Before the first recording: who hears it, how long it is kept; the learner accepts.
    section.get_by_role("button", name="I understand: let me record").click()
    expect(page.get_by_text("Thank you. You can now record your renditions.")).to_be_visible()
    section = page.locator(f"#exercise-{site.exercise.pk}")
    expect(section.locator("[data-source]")).to_be_visible()  # the briefing was read
    # The plain upload form is folded away while the recorder works.
    expect(section.get_by_label("Your recorded rendition (an audio file)")).to_be_hidden()

    # The microphone check: the level moves with what the microphone hears.
    section.get_by_role("button", name="Check the microphone").click()
    expect(state(section)).to_have_text("The microphone works: we hear you.")
    assert section.locator("[data-level]").evaluate("meter => meter.value") > 0.3
    expect(section.get_by_role("button", name="Stop the microphone check")).to_be_visible()
    keep_screenshot(page, "exercise")

    # Take 1: the learner stumbles on the first turn and stops.
    section.get_by_role("button", name="Start: play the first turn").click()
    expect(section.get_by_role("button", name="Next turn")).to_be_focused()
    source = section.locator("audio[data-source]")
    record_turns(page, section, 1)
    # The source paused at the end of the first turn.
    assert source.evaluate("audio => audio.paused")
    assert 3.95 <= source.evaluate("audio => audio.currentTime") <= 4.3
    section.get_by_role("button", name="Stop recording").click()
    expect(takes(section)).to_have_count(1)
    expect(state(section)).to_contain_text(
        re.compile(r"Take 1 \(0:0[1-3]\) is kept in this browser")
    )

    # Take 2, by keyboard alone: the three turns, then Finish.
    def screenshot_turn(turn):
        if turn == 2:
            keep_screenshot(page, "recorder-recording")

    section.get_by_role("button", name="Re-record: a new take").focus()
    page.keyboard.press("Enter")
    expect(section.get_by_role("button", name="Next turn")).to_be_focused()
    record_turns(page, section, TURNS, keyboard=True, on_turn=screenshot_turn)
    expect(section.locator("[data-next-turn]")).to_have_text("Finish the take")
    page.keyboard.press("Enter")
    expect(takes(section)).to_have_count(2)  # several takes are kept
    expect(state(section)).to_contain_text(
        re.compile(r"Take 2 \(0:0[4-7]\) is kept in this browser")
    )
    second = takes(section).nth(1)
    expect(second.get_by_role("button", name="Listen Take 2")).to_be_focused()

    # Listen to it: it plays in the page, then discard the first take.
    second.get_by_role("button", name="Listen Take 2").click()
    expect(second.get_by_role("button", name="Stop listening Take 2")).to_be_visible()
    expect(second.locator("[data-take-position]")).to_contain_text(re.compile(r"/ 0:0[4-7]"))
    second.get_by_role("button", name="Stop listening Take 2").click()
    takes(section).nth(0).get_by_role("button", name="Discard Take 1").click()
    expect(takes(section)).to_have_count(1)
    expect(state(section)).to_have_text("Take 1 is discarded.")

    # Use take 2: the server answers 201, the page links to the rendition.
    takes(section).get_by_role("button", name="Use this take Take 2").click()
    expect(state(section)).to_have_text(
        "Take 2 is saved. Open it to listen to your session and submit it."
    )
    link = section.get_by_role("link", name="Listen to your session and submit it")
    expect(link).to_be_focused()

    # The stored file is real audio (the tone the microphone heard) of the length recorded:
    # three turns of INTERPRET_MS each, without the source turns it paused for.
    rendition = stored_rendition(site.learner)
    assert rendition.content_type == "audio/webm"
    marks = rendition.turn_marks
    assert [mark["turn"] for mark in marks] == [1, 2, 3]
    assert [mark["source_end"] for mark in marks] == [4.0, 8.0, pytest.approx(12.0, abs=0.1)]
    assert marks[0]["rendition_start"] == 0
    spoken = sum(mark["rendition_end"] - mark["rendition_start"] for mark in marks)
    # (The learner speaks a little longer than INTERPRET_MS: the time to press the key.)
    assert 3 * INTERPRET_MS / 1000 <= spoken < 3 * INTERPRET_MS / 1000 + 3
    length = audio_length(rendition.audio.path)
    assert length == pytest.approx(marks[-1]["rendition_end"], abs=0.5)
    assert length < SOURCE_SECONDS  # the recording paused while the source played
    assert float(rendition.duration) == pytest.approx(length, abs=0.1)
    assert mean_volume(rendition.audio.path) > -40
    assert_nothing_blocked(page)

    # The session played back as it happened: source turn 1, then its rendition.
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.exercise.title)
    session_now = page.locator("[data-session-now]")
    rendition_audio = page.locator("audio[data-rendition-audio]")
    source_audio = page.locator("audio[data-source-audio]")
    # The browser's recording says not how long it is: the page finds out, for the controls.
    page.wait_for_function(
        "() => isFinite(document.querySelector('[data-rendition-audio]').duration)"
    )
    assert rendition_audio.evaluate("a => a.duration") == pytest.approx(length, abs=0.3)
    assert rendition_audio.evaluate("a => a.currentTime") == 0
    page.get_by_role("button", name="Play the session").click()
    expect(session_now).to_have_text("Turn 1: the source")
    page.wait_for_function(
        "() => !document.querySelector('[data-source-audio]').paused"
        " && document.querySelector('[data-source-audio]').currentTime > 0.3"
    )
    assert rendition_audio.evaluate("audio => audio.paused")
    expect(session_now).to_have_text("Turn 1: your rendition", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-rendition-audio]').paused"
        " && document.querySelector('[data-rendition-audio]').currentTime > 0.2"
    )
    assert source_audio.evaluate("audio => audio.paused")
    assert rendition_audio.evaluate("audio => audio.currentTime") <= marks[0]["rendition_end"]
    expect(session_now).to_have_text("Turn 2: the source", timeout=TIMEOUT_MS)
    assert 3.9 <= source_audio.evaluate("audio => audio.currentTime") <= 5.5
    page.get_by_role("button", name="Pause").click()
    expect(session_now).to_have_text("Paused")
    keep_screenshot(page, "playback-draft")
    # A turn of its own: its rendition follows its source.
    page.get_by_role("button", name="Play turn 3").click()
    expect(session_now).to_have_text("Turn 3: the source")
    assert source_audio.evaluate("audio => audio.currentTime") >= 7.9
    page.get_by_role("button", name="Pause").click()

    # Self-assessment on the grid, a note, then submit.
    criteria = page.locator("fieldset.criterion")
    assert criteria.count() >= 2
    for index in range(criteria.count()):
        criteria.nth(index).get_by_label("3", exact=True).check()
    page.get_by_label("A note for your trainer (optional)").fill("Turn 2 was hard.")
    page.get_by_role("button", name="Submit my rendition").click()
    expect(page.get_by_text("Your rendition is submitted.")).to_be_visible()

    # The model rendition opens, beside the source transcript.
    expect(page.get_by_text(MODEL_TRANSCRIPT)).to_be_visible()
    expect(page.locator("audio[data-model-audio]")).to_be_attached()
    expect(page.get_by_role("cell", name="3 / 4").first).to_be_visible()
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.SUBMITTED
    assert rendition.note == "Turn 2 was hard."

    assert_nothing_blocked(page)

    # The exercise needs no review: the module is done.
    page.goto(site.url + site.module.url)
    expect(page.get_by_text("You have completed this module.")).to_be_visible()


def test_a_reload_loses_no_take(practice_site, mic_context):
    site = practice_site
    practice_services.consent_record(learner=site.learner)
    page = mic_context.new_page()
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)

    # A take recorded and stopped, then the page reloads before it is sent.
    section.get_by_role("button", name="Start: play the first turn").click()
    record_turns(page, section, 1)
    section.get_by_role("button", name="Stop recording").click()
    expect(takes(section)).to_have_count(1)
    take_id = page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("capisce-recorder");
            open.onsuccess = () => {
                const all = open.result.transaction("takes").objectStore("takes").getAll();
                all.onsuccess = () => resolve(all.result.map((take) => take.takeId));
            };
        })"""
    )
    assert len(take_id) == 1
    page.reload()

    # Listed again, not sent yet; the briefing needs no second reading to reach it.
    take = takes(section)
    expect(take).to_have_count(1)
    expect(take).to_contain_text("Take 1")
    expect(take).to_contain_text("Not sent yet: kept in this browser.")
    expect(state(section)).to_contain_text("Takes you recorded earlier in this browser")

    # A take interrupted by a reload while it records is kept too, up to its last save.
    section.get_by_role("button", name="Re-record: a new take").click()
    expect(state(section)).to_contain_text(f"Recording turn 1 of {TURNS}")
    page.wait_for_timeout(4000)
    page.reload()
    expect(takes(section)).to_have_count(2)
    interrupted = takes(section).nth(1)
    expect(interrupted).to_contain_text("Take 2")
    expect(interrupted).to_contain_text("Interrupted")

    # Both upload; once the server has them, the browser keeps them no longer.
    take.first.get_by_role("button", name="Upload this take Take 1").click()
    expect(state(section)).to_have_text(
        "Take 1 is saved. Open it to listen to your session and submit it."
    )
    interrupted.get_by_role("button", name="Upload this take Take 2").click()
    expect(state(section)).to_have_text(
        "Take 2 is saved. Open it to listen to your session and submit it."
    )
    renditions = {str(r.take_id): r for r in Rendition.objects.for_learner(site.learner)}
    assert len(renditions) == 2
    first = renditions[take_id[0]]
    assert len(first.turn_marks) == 1
    assert first.turn_marks[0]["rendition_end"] >= INTERPRET_MS / 1000
    assert audio_length(first.audio.path) == pytest.approx(
        first.turn_marks[0]["rendition_end"], abs=0.5
    )
    (second,) = (r for key, r in renditions.items() if key != take_id[0])
    assert 2 <= audio_length(second.audio.path) <= 5
    page.reload()
    expect(section.locator("[data-no-takes]")).to_be_visible()
    expect(takes(section)).to_have_count(0)
    expect(section.locator("[data-renditions] li")).to_have_count(2)


def test_a_refused_upload_keeps_the_take_and_says_why(practice_site, mic_context):
    """The server refuses a take (here: longer than the exercise allows): its message shows,
    the take stays in the browser."""
    site = practice_site
    InterpretingExercise.objects.filter(pk=site.exercise.pk).update(max_seconds=1)
    practice_services.consent_record(learner=site.learner)
    page = mic_context.new_page()
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)
    section.get_by_role("button", name="Start: play the first turn").click()
    expect(state(section)).to_contain_text(f"Recording turn 1 of {TURNS}")
    # The length limit stops the take, and says so.
    expect(state(section)).to_contain_text(
        "The recording reached the limit of this exercise (1 seconds) and stopped."
    )
    expect(takes(section)).to_have_count(1)
    InterpretingExercise.objects.filter(pk=site.exercise.pk).update(max_seconds=60)
    # Sent after the exercise's limit changed back, with a take that is not audio: refused.
    page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("capisce-recorder");
            open.onsuccess = () => {
                const store = open.result.transaction("takes", "readwrite").objectStore("takes");
                const all = store.getAll();
                all.onsuccess = () => {
                    const take = all.result[0];
                    take.blob = new Blob(["not a recording"], { type: "audio/webm" });
                    store.put(take).onsuccess = resolve;
                };
            };
        })"""
    )
    page.reload()
    takes(section).get_by_role("button", name="Upload this take Take 1").click()
    expect(section.get_by_role("status").filter(has_text="was not accepted")).to_contain_text(
        "This file is not a sound recording we can play"
    )
    expect(takes(section)).to_have_count(1)
    assert not Rendition.objects.exists()
    page.reload()
    expect(takes(section)).to_have_count(1)


def test_without_a_recorder_the_page_says_why_and_the_upload_form_works(
    practice_site, page, sounds
):
    site = practice_site
    practice_services.consent_record(learner=site.learner)
    page.context.add_init_script("delete window.MediaRecorder;")
    sign_in(page.context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)
    expect(section.get_by_role("status").filter(has_text="cannot record sound")).to_be_visible()
    expect(section.get_by_role("button", name="Start: play the first turn")).to_be_hidden()
    section.get_by_label("Your recorded rendition (an audio file)").set_input_files(
        str(sounds.take)
    )
    section.get_by_role("button", name="Upload the recording").click()
    expect(page.get_by_text("Your recording is saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.exercise.title)
    assert stored_rendition(site.learner).content_type == "audio/ogg"


def test_a_refused_microphone_says_what_to_do(practice_site, page):
    """This browser has no microphone to give: the page says so, and the upload form opens."""
    site = practice_site
    practice_services.consent_record(learner=site.learner)
    page.context.add_init_script(
        "navigator.mediaDevices.getUserMedia = () =>"
        " Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));"
    )
    sign_in(page.context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)
    section.get_by_role("button", name="Start: play the first turn").click()
    expect(section.locator("[data-error]")).to_have_text(
        re.compile("^The microphone is blocked for this site. Allow it in your browser")
    )
    expect(section.get_by_label("Your recorded rendition (an audio file)")).to_be_visible()
    expect(section.get_by_role("button", name="Start: play the first turn")).to_be_enabled()


REMARKS = [
    (Decimal("2.5"), Remark.Category.OMISSION, "The age is missing."),
    (Decimal("5"), Remark.Category.PERSON, "Third person: keep the first."),
    (Decimal("8.5"), Remark.Category.GOOD_SOLUTION, "Her own word, kept."),
]


@pytest.fixture
def reviewed(practice_site, sounds):
    """A reviewed rendition of a simultaneous exercise, with three remarks."""
    site = practice_site
    exercise = make_exercise(
        site.excerpt,
        title="Interpreting the therapist, simultaneously",
        mode=InterpretingExercise.Mode.SIMULTANEOUS,
        model_transcript=MODEL_TRANSCRIPT,
    )
    module = ModulePage.objects.get(pk=site.module.pk)
    module.body = json.dumps([*module.body.raw_data, exercise_block(exercise)])
    module.save_revision().publish()
    practice_services.consent_record(learner=site.learner)
    rendition = practice_services.rendition_upload(
        learner=site.learner,
        exercise=exercise,
        module=module,
        upload=ContentFile(sounds.take.read_bytes(), name="take.ogg"),
        take_id="5b0e7f0a-8d5e-4c61-9a39-0c1c8f8f2f11",
        turn_marks=[],
    )
    criteria = [criterion.pk for criterion in exercise.assessment_grid().criteria.all()]
    practice_services.rendition_submit(
        rendition=rendition, self_scores=dict.fromkeys(criteria, 2), note="Fast."
    )
    trainer = factories.make_user(email="trainer@example.test", full_name="Tess Trainer")
    for at, category, comment in REMARKS:
        practice_services.remark_add(
            rendition=rendition, trainer=trainer, at=at, category=category, comment=comment
        )
    practice_services.review_save(
        rendition=rendition,
        trainer=trainer,
        scores=dict.fromkeys(criteria, 4),
        summary="Clear and calm.",
        publish=True,
    )
    return SimpleNamespace(site=site, rendition=rendition, exercise=exercise)


def test_the_learner_reads_the_remarks_on_the_timeline(reviewed, page):
    site = reviewed.site
    sign_in(page.context, site.learner, site.url)
    page.goto(site.url + f"/practice/renditions/{reviewed.rendition.pk}/")
    expect(page.get_by_role("heading", name="Your trainer's feedback")).to_be_visible()
    expect(page.get_by_text("Clear and calm.")).to_be_visible()

    # The grid: self-assessment beside the trainer's scores.
    header = page.locator(".rendition__grid thead")
    expect(header).to_contain_text("You")
    expect(header).to_contain_text("Your trainer")
    first_row = page.locator(".rendition__grid tbody tr").first
    expect(first_row.locator("td").nth(0)).to_have_text("2 / 4")
    expect(first_row.locator("td").nth(1)).to_have_text("4 / 4")

    # The remarks as marks on the recording's timeline, placed where they fall.
    track = page.locator("[data-timeline-track]")
    marks = track.locator("[data-remark-mark]")
    expect(marks).to_have_count(3)
    box = track.bounding_box()
    duration = float(reviewed.rendition.duration)
    for index, (at, _category, _comment) in enumerate(REMARKS):
        mark = marks.nth(index).bounding_box()
        centre = (mark["x"] + mark["width"] / 2 - box["x"]) / box["width"]
        assert centre == pytest.approx(float(at) / duration, abs=0.02)
    expect(marks.nth(1)).to_have_accessible_name("Remark 2 at 0:05: Person. Play from 0:04")
    keep_screenshot(page, "playback-remarks")

    # A click on a remark plays the recording from a second before it.
    audio = page.locator("audio[data-rendition-audio]")
    marks.nth(1).click()
    page.wait_for_function("() => !document.querySelector('[data-rendition-audio]').paused")
    assert audio.evaluate("audio => audio.currentTime") == pytest.approx(4, abs=0.5)
    expect(page.locator("#remark-2")).to_have_class(re.compile("is-current"))
    page.locator("#remark-3").get_by_role("button", name="Play from 0:07").click()
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-rendition-audio]');"
        " return !a.paused && a.currentTime >= 7.4; }"
    )
    assert audio.evaluate("audio => audio.currentTime") < 8.6

    # Simultaneous: both tracks together, with a balance between them.
    audio.evaluate("audio => audio.pause()")
    page.get_by_role("button", name="Play both together").click()
    page.wait_for_function(
        "() => !document.querySelector('[data-source-audio]').paused"
        " && !document.querySelector('[data-rendition-audio]').paused"
    )
    balance = page.get_by_label("Balance")
    balance.fill("80")
    assert page.locator("audio[data-source-audio]").evaluate("a => a.volume") == pytest.approx(0.4)
    assert audio.evaluate("a => a.volume") == 1
    expect(balance).to_have_attribute("aria-valuetext", "The source at 40%, your rendition at 100%")
    page.get_by_role("button", name="Pause").click()


def test_close_remarks_never_hide_each_other_on_a_phone(reviewed, page):
    """Two remarks 0.4 s apart are 13 px apart on a phone's timeline, less than a mark's width:
    the second goes above the track, and both stay where they fall."""
    remark_at = Decimal("5.4")
    practice_services.remark_add(
        rendition=reviewed.rendition,
        trainer=reviewed.rendition.review.trainer,
        at=remark_at,
        category=Remark.Category.OMISSION,
        comment="Then the hesitation is gone.",
    )
    moments = sorted([at for at, _category, _comment in REMARKS] + [remark_at])
    site = reviewed.site
    sign_in(page.context, site.learner, site.url)
    page.set_viewport_size(PHONE)
    page.goto(site.url + f"/practice/renditions/{reviewed.rendition.pk}/")
    track = page.locator("[data-timeline-track]")
    marks = track.locator("[data-remark-mark]")
    expect(marks).to_have_count(4)
    duration = float(reviewed.rendition.duration)

    def boxes():
        box = track.bounding_box()
        found = [marks.nth(index).bounding_box() for index in range(4)]
        for at, mark in zip(moments, found, strict=True):
            centre = (mark["x"] + mark["width"] / 2 - box["x"]) / box["width"]
            assert centre == pytest.approx(float(at) / duration, abs=0.02)
        return found

    def overlap(a, b):
        return (
            a["x"] < b["x"] + b["width"]
            and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"]
            and b["y"] < a["y"] + a["height"]
        )

    phone = boxes()
    assert not any(overlap(a, b) for i, a in enumerate(phone) for b in phone[i + 1 :]), phone
    assert phone[2]["y"] < phone[1]["y"]  # the one at 5.4 s is raised above the one at 5 s
    # On a desktop they are far enough apart to share the track; and back on a phone, raised.
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("() => !document.querySelector('.timeline__mark--raised')")
    assert len({box["y"] for box in boxes()}) == 1
    page.set_viewport_size(PHONE)
    page.wait_for_function("() => document.querySelector('.timeline__mark--raised')")
    marks.nth(2).click()
    expect(page.locator("#remark-3")).to_have_class(re.compile("is-current"))


def test_a_simultaneous_take_records_over_the_playing_source(reviewed, mic_context):
    site = reviewed.site
    page = mic_context.new_page()
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site, reviewed.exercise)
    read_briefing(section)
    section.get_by_role("button", name="Start: record over the source").click()
    expect(state(section)).to_have_text(
        "Recording: interpret over the source. Press “Stop recording” when you have finished."
    )
    expect(section.get_by_role("button", name="Stop recording")).to_be_focused()
    expect(section.get_by_role("button", name="Next turn")).to_be_hidden()
    page.wait_for_timeout(2500)
    # The source plays on while the learner interprets.
    source = section.locator("audio[data-source]")
    assert not source.evaluate("audio => audio.paused")
    assert source.evaluate("audio => audio.currentTime") >= 2
    expect(section.locator("[data-elapsed]")).to_have_text(re.compile(r"0:0[2-4]"))
    page.keyboard.press("Enter")  # Stop recording, which has the focus
    expect(takes(section)).to_have_count(1)
    assert source.evaluate("audio => audio.paused")
    takes(section).get_by_role("button", name="Use this take Take 1").click()
    expect(state(section)).to_contain_text("Take 1 is saved.")
    rendition = (
        Rendition.objects.for_learner(site.learner)
        .filter(exercise=reviewed.exercise, status=Rendition.Status.DRAFT)
        .get()
    )
    assert rendition.turn_marks == []
    assert 2.3 <= audio_length(rendition.audio.path) <= 4.5
    assert_nothing_blocked(page)


def test_the_practice_pages_have_no_serious_accessibility_problem(reviewed, mic_context):
    site = reviewed.site
    page = mic_context.new_page()
    sign_in(mic_context, site.learner, site.url)
    section = open_exercise(page, site)
    read_briefing(section)
    section.get_by_role("button", name="Start: play the first turn").click()
    record_turns(page, section, 1)
    section.get_by_role("button", name="Stop recording").click()
    expect(takes(section)).to_have_count(1)
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page, f"the exercise with a take, at {width} width")
    keep_screenshot(page, "exercise-phone")
    takes(section).get_by_role("button", name="Use this take Take 1").click()
    section.get_by_role("link", name="Listen to your session and submit it").click()
    expect(page.get_by_role("button", name="Play the session")).to_be_visible()
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page, f"the session playback, at {width} width")
    page.goto(site.url + f"/practice/renditions/{reviewed.rendition.pk}/")
    expect(page.locator("[data-remark-mark]")).to_have_count(3)
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert_accessible(page, f"the feedback, at {width} width")
    if SCREENSHOTS:
        keep_screenshot(page, "playback-remarks-phone")
