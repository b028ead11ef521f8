"""A mistake in a demo data file stops load_initial_data with the file, the place and the reason,
and changes nothing: no page, excerpt, exercise, quiz, account, rendition or stored file."""

import io
import json
import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision, Site
from wagtailmedia.models import get_media_model

from modules.demo.loader import DEMO_DATA
from modules.models import ExcerptSegment, InterviewExcerpt
from modules.practice.models import (
    ExerciseTurn,
    HardMoment,
    InterpretingExercise,
    RecordingConsent,
    Remark,
    Rendition,
    Review,
)
from quizzes.models import Quiz


@pytest.fixture
def data(tmp_path):
    """A copy of the demo data to break."""
    root = tmp_path / "en"
    shutil.copytree(DEMO_DATA, root)
    return root


def edit(path, change):
    content = json.loads(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "site_name")),
        "revisions": Revision.objects.count(),
        "excerpts": InterviewExcerpt.objects.count(),
        "segments": ExcerptSegment.objects.count(),
        "quizzes": Quiz.objects.count(),
        "exercises": InterpretingExercise.objects.count(),
        "turns": ExerciseTurn.objects.count(),
        "hard moments": HardMoment.objects.count(),
        "media": get_media_model().objects.count(),
        "users": get_user_model().objects.count(),
        "consents": RecordingConsent.objects.count(),
        "renditions": Rendition.objects.count(),
        "reviews": Review.objects.count(),
        "remarks": Remark.objects.count(),
        "files": sorted(
            str(path)
            for root in (settings.MEDIA_ROOT, settings.PRIVATE_ROOT)
            for path in root.rglob("*")
            if path.is_file()
        ),
    }


def load_fails(data):
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        call_command("load_initial_data", data=data, stdout=io.StringIO())
    assert snapshot() == before
    return str(caught.value)


@pytest.mark.django_db
def test_an_unknown_block_type_is_named_and_nothing_is_loaded(data):
    module = data / "modules" / "03-interviewing-children.json"

    def video(content):
        content["body"][1] = {"type": "video", "value": "interview.mp4"}

    edit(module, video)

    message = load_fails(data)
    assert message.startswith(f"{module}, body, block 2: unknown block type “video” (known: ")
    assert "heading, paragraph" in message
    assert message.endswith("Nothing was changed.")


@pytest.mark.django_db
def test_a_question_with_no_right_answer_is_named_and_nothing_is_loaded(data):
    quiz = data / "quizzes" / "what-is-child-trafficking.json"

    def no_right_answer(content):
        for choice in content["questions"][0]["value"]["choices"]:
            choice["correct"] = False

    edit(quiz, no_right_answer)

    # Checked by the question's own block, once the excerpts exist: the catalogue, the site's
    # root page and the excerpts made before it are rolled back, and no audio is stored.
    assert load_fails(data) == (
        f"{quiz}, questions, question 1 (single_choice “The element a child case does not "
        "need”), choices: Mark one choice as the right answer. Nothing was changed."
    )


@pytest.mark.django_db
def test_a_missing_excerpt_is_named_and_nothing_is_loaded(data):
    (data / "excerpts" / "whispered_aside.json").unlink()

    message = load_fails(data)
    quiz = data / "quizzes" / "deontology.json"
    assert message.startswith(f"{quiz}, questions, question ")
    where = "(single_choice “A whispered aside”), excerpt"
    assert f"{where}: no interview excerpt “whispered_aside” (there are: " in message


# --- Interpreting exercises and the demo rendition ---------------------------------------------


def exercise_file(name):
    return f"exercises/{name}.json"


RENDITION = "renditions/police_house_work.json"


def setter(*path, value):
    """A change that sets the value at `path` (keys and list positions) in a file's content."""

    def change(content):
        for key in path[:-1]:
            content = content[key]
        content[path[-1]] = value

    return change


# (the file to break, the change, what the message says after "<file>, ", or a function of the
# data folder that says it)
MISTAKES = {
    "an exercise on an unknown excerpt": (
        exercise_file("judge_ground_rules"),
        setter("excerpt", value="judge_hearing"),
        "excerpt: no interview excerpt “judge_hearing” (there are: corridor_briefing, ",
    ),
    "an exercise on an excerpt without audio": (
        exercise_file("judge_ground_rules"),
        setter("excerpt", value="whispered_aside"),
        "excerpt: “whispered_aside” has no audio: the source of an exercise must be heard",
    ),
    "a mode that does not exist": (
        exercise_file("therapy_evenings"),
        setter("mode", value="whispered"),
        "mode: Value 'whispered' is not a valid choice.",
    ),
    "a turn that ends after the audio": (
        exercise_file("police_house_work"),
        setter("turns", 9, value=75.5),
        "turns, turn 10: ends at 75.5 s, after the end of the audio (60.26 s): regenerate the "
        "audio with make_practice_audio.sh",
    ),
    "turns out of order": (
        exercise_file("police_house_work"),
        setter("turns", 2, value=11.0),
        "turns, turn 3: should end after the turn before it",
    ),
    "a simultaneous exercise that pauses": (
        exercise_file("judge_ground_rules"),
        setter("turns", value=[10.0]),
        "turns: a simultaneous exercise plays on: should be []",
    ),
    "a consecutive exercise that never pauses": (
        exercise_file("therapy_evenings"),
        setter("turns", value=[]),
        "turns: a consecutive exercise pauses where each turn ends: give the ends",
    ),
    "a hard moment after the audio": (
        exercise_file("therapy_evenings"),
        setter("hard_moments", 0, "at", value=80),
        "hard_moments, moment 1, at: 80 s is after the end of the audio (73.31 s)",
    ),
    "a title that is too long": (
        exercise_file("judge_ground_rules"),
        setter("title", value="A" * 201),
        "title: Ensure this value has at most 200 characters (it has 201).",
    ),
    "a rendition in a module that does not exist": (
        RENDITION,
        setter("module", value="no-such-module"),
        "module: no module “no-such-module” (there are: what-is-child-trafficking, ",
    ),
    "a rendition in a module without the exercise": (
        RENDITION,
        setter("module", value="the-childs-mind"),
        lambda data: (
            f"module: {data / 'modules' / '04-the-childs-mind.json'} places no "
            "interpreting exercise “police_house_work”"
        ),
    ),
    "turn marks that do not pause where the exercise does": (
        RENDITION,
        setter("turn_marks", 2, "source_end", value=21.0),
        "turn_marks, turn 3, source_end: the source pauses at 20.76 s in ",
    ),
    "turn marks beyond the recording": (
        RENDITION,
        setter("turn_marks", 9, "rendition_end", value=90.0),
        "turn_marks: A turn mark falls outside the recording or out of order.",
    ),
    "a remark after the end of the recording": (
        RENDITION,
        setter("review", "remarks", 1, "at", value=95.0),
        "review, remarks, remark 2, at: A remark must be within the recording, between 0 and "
        "70.69 seconds.",
    ),
    "a remark in no category": (
        RENDITION,
        setter("review", "remarks", 0, "category", value="mumbling"),
        "review, remarks, remark 1, category: Value 'mumbling' is not a valid choice.",
    ),
    "a criterion the grid does not have": (
        RENDITION,
        setter("review", "scores", "Fluency", value=3),
        "review, scores: no criterion “Fluency” in the grid (there are: “Accuracy and "
        "completeness”, ",
    ),
    "a score out of the grid's scale": (
        RENDITION,
        setter("self_assessment", "Delivery (pace, voice)", value=5),
        "self_assessment: Each score goes from 1 to 4.",
    ),
    "a reviewer who is not a trainer": (
        RENDITION,
        setter("review", "trainer", value="learner@example.org"),
        "review, trainer: “learner@example.org” is not a trainer",
    ),
    "a learner who is no demo account": (
        RENDITION,
        setter("learner", value="someone@example.org"),
        "learner: no demo account “someone@example.org” (there are: trainer@example.org, "
        "learner@example.org)",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_in_an_exercise_or_a_rendition_is_named_and_nothing_is_loaded(data, mistake):
    name, change, reason = MISTAKES[mistake]
    reason = reason(data) if callable(reason) else reason
    path = data / name
    edit(path, change)

    message = load_fails(data)
    assert message.startswith(f"{path}, {reason}"), message
    assert message.endswith("Nothing was changed.")


@pytest.mark.django_db
def test_a_missing_model_rendition_is_named_and_nothing_is_loaded(data):
    model = data / "media" / "police_house_work_model.ogg"
    model.unlink()

    assert load_fails(data) == (
        f"{data / exercise_file('police_house_work')}, model_audio: {model} is missing. "
        "Nothing was changed."
    )


@pytest.mark.django_db
def test_a_rendition_that_is_not_sound_is_named_and_nothing_is_loaded(data):
    audio = data / "media" / "police_house_work_learner.ogg"
    audio.write_text("WEBVTT\n\nNot a recording.\n", encoding="utf-8")

    assert load_fails(data) == (
        f"{data / RENDITION}, audio: {audio} is not a sound file (ffprobe finds no audio in it). "
        "Nothing was changed."
    )
