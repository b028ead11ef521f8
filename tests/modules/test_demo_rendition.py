"""The demo's interpreting practice as a newcomer meets it: three exercises placed in the course,
and the demo learner's rendition of the police interview, reviewed by the demo trainer with
three remarks, so that the whole loop can be seen at once."""

import html
import io
import json
import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from modules.certificates.models import CertificateTemplate
from modules.demo.loader import DEMO_DATA
from modules.models import CoursePage, InterviewExcerpt, ModulePage
from modules.practice.audio import probe_path
from modules.practice.models import InterpretingExercise, Remark, Rendition
from modules.progress import services as progress
from tests.factories import make_user

LEARNER = "learner@example.org"
TRAINER = "trainer@example.org"
RENDITION_FILE = DEMO_DATA / "renditions" / "police_house_work.json"


def load(data=DEMO_DATA):
    call_command("load_initial_data", data=data, stdout=io.StringIO())


def demo_file(path):
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(response):
    """The page's text as a reader sees it: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def modules():
    return list(CoursePage.objects.get(locale__language_code="en").get_modules().specific())


@pytest.mark.django_db
def test_the_demo_learner_reads_the_review_and_hears_their_rendition(client):
    load()
    data = demo_file(RENDITION_FILE)
    learner = get_user_model().objects.get(email=LEARNER)
    rendition = Rendition.objects.get(learner=learner)
    client.force_login(learner)

    # Reviewed, with the trainer's scores, summary and remarks where the file puts them.
    assert rendition.status == Rendition.Status.REVIEWED
    assert rendition.review.trainer.email == TRAINER
    assert rendition.module.slug == data["module"] == "working-as-a-team"
    assert rendition.turn_marks == data["turn_marks"]
    remarks = [
        (float(remark.at), remark.category, remark.trainer.email)
        for remark in Remark.objects.filter(rendition=rendition)
    ]
    assert remarks == [
        (remark["at"], remark["category"], TRAINER) for remark in data["review"]["remarks"]
    ]
    assert len({category for _at, category, _email in remarks}) == 3

    page = client.get(reverse("practice:rendition", args=[rendition.pk]))
    assert page.status_code == 200
    shown = text_of(page)
    assert "Your trainer's feedback" in shown
    for paragraph in data["review"]["summary"].split("\n\n"):
        assert paragraph in shown
    for remark in data["review"]["remarks"]:
        assert remark["comment"] in shown
    for label in ("Good solution", "Tidying up", "Omission"):
        assert label in shown
    # The grid, the learner's self-assessment beside the trainer's scores.
    for criterion, score in data["self_assessment"].items():
        trainer_score = data["review"]["scores"][criterion]
        assert f"{criterion} {score} / 4 {trainer_score} / 4" in shown
    assert data["note"] in shown

    # The recording is the committed file, real audio as long as the stored length, and it
    # plays from any point (range requests).
    committed = DEMO_DATA / "media" / data["audio"]
    with rendition.audio.open("rb") as stored:
        assert stored.read() == committed.read_bytes()
    assert float(rendition.duration) == pytest.approx(probe_path(committed).duration, abs=0.01)
    assert rendition.turn_marks[-1]["rendition_end"] == pytest.approx(
        float(rendition.duration), abs=0.01
    )
    audio = client.get(
        reverse("practice:rendition_audio", args=[rendition.pk]), HTTP_RANGE="bytes=0-99"
    )
    assert audio.status_code == 206
    assert audio["Content-Type"] == "audio/ogg"
    assert b"".join(audio.streaming_content).startswith(b"OggS")
    # Submitted, so the model rendition is open to them.
    model = client.get(reverse("practice:model_audio", args=[rendition.pk]))
    assert model.status_code == 200

    # Nobody else's.
    client.force_login(make_user())
    assert client.get(reverse("practice:rendition", args=[rendition.pk])).status_code == 404
    audio = client.get(reverse("practice:rendition_audio", args=[rendition.pk]))
    assert audio.status_code == 404


@pytest.mark.django_db
def test_the_demo_learner_is_told_that_feedback_is_waiting(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        load()
    rendition = Rendition.objects.get(learner__email=LEARNER)
    [message] = [message for message in mailoutbox if message.to == [LEARNER]]
    assert message.subject == "Feedback on your rendition"
    assert reverse("practice:rendition", args=[rendition.pk]) in message.body


@pytest.mark.django_db
def test_the_exercises_sit_after_their_introductions_in_modules_four_and_six(client):
    load()
    placed = {module.slug: [e.title for e in module.exercises()] for module in modules()}
    exercises = {
        path.stem: demo_file(path) for path in sorted((DEMO_DATA / "exercises").glob("*.json"))
    }
    assert placed == {
        "what-is-child-trafficking": [],
        "rights-and-law": [],
        # The e2e journeys complete modules 1 and 2 and work in module 3: no exercise there.
        "interviewing-children": [],
        "the-childs-mind": [exercises["therapy_evenings"]["title"]],
        "deontology": [],
        "working-as-a-team": [
            exercises["police_house_work"]["title"],
            exercises["judge_ground_rules"]["title"],
        ],
        "terminology": [],
        "self-care": [],
    }
    # Only the exercise without a model recording waits for a trainer's review.
    assert {slug: e["review_required"] for slug, e in exercises.items()} == {
        "judge_ground_rules": False,
        "police_house_work": False,
        "therapy_evenings": True,
    }
    for path in sorted((DEMO_DATA / "modules").glob("*.json")):
        body = demo_file(path)["body"]
        for before, block in zip(body, body[1:], strict=False):
            if block["type"] == "interpreting_exercise":
                assert before["type"] == "paragraph", f"{path.name}: an exercise needs its intro"

    # Once modules 1 to 5 are done, module 6 shows both exercises and the reviewed rendition.
    learner = get_user_model().objects.get(email=LEARNER)
    course = CoursePage.objects.get(locale__language_code="en")
    for module in modules()[:5]:
        progress.module_complete(learner=learner, module=module, course=course)
    client.force_login(learner)
    team = ModulePage.objects.get(slug="working-as-a-team")
    response = client.get(team.url)
    assert response.status_code == 200
    shown = text_of(response)
    for slug in ("police_house_work", "judge_ground_rules"):
        assert exercises[slug]["title"] in shown
    assert "Practice: one interview in each mode" in shown
    rendition = Rendition.objects.get(learner=learner)
    assert f'href="{reverse("practice:rendition", args=[rendition.pk])}"' in (
        response.content.decode()
    )
    assert "Your renditions" in shown and "Reviewed" in shown


def without_exercises(tmp_path):
    """A copy of the demo data as it was before the exercises: no exercise, no rendition, and
    modules without the blocks that place and introduce them."""
    root = tmp_path / "en"
    shutil.copytree(DEMO_DATA, root)
    for folder in ("exercises", "renditions"):
        for path in (root / folder).glob("*.json"):
            path.unlink()
    for path in (root / "modules").glob("*.json"):
        content = demo_file(path)
        body = content["body"]
        content["body"] = [
            block
            for n, block in enumerate(body)
            if block["type"] != "interpreting_exercise"
            and not (n + 1 < len(body) and body[n + 1]["type"] == "interpreting_exercise")
            and not (block["type"] == "heading" and block["value"].startswith("Practice:"))
        ]
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return root


def english_revisions():
    """Revisions of the English pages (their translations are made on the second load, the
    first having no translation folders beside it)."""
    pages = Page.objects.filter(locale__language_code="en").values_list("pk", flat=True)
    return Revision.objects.filter(object_id__in=[str(pk) for pk in pages]).count()


def outline(page):
    return [
        (block["type"], block["value"] if isinstance(block["value"], str) else None)
        for block in page.body.raw_data
    ]


@pytest.mark.django_db
def test_a_course_loaded_before_the_exercises_gets_them_once_where_its_files_place_them(
    tmp_path,
):
    load(without_exercises(tmp_path))
    assert not any(module.exercises() for module in modules())
    revisions = english_revisions()

    load()
    for module, path in zip(modules(), sorted((DEMO_DATA / "modules").glob("*.json")), strict=True):
        body = demo_file(path)["body"]
        expected = [(b["type"], b["value"] if isinstance(b["value"], str) else None) for b in body]
        assert outline(module) == expected, path.name
    assert [len(module.exercises()) for module in modules()] == [0, 0, 0, 1, 0, 2, 0, 0]
    # One new revision for each module that changed, and the demo rendition in its module.
    assert english_revisions() == revisions + 2
    assert Rendition.objects.get().module.slug == "working-as-a-team"

    load()
    assert english_revisions() == revisions + 2
    assert Rendition.objects.count() == 1


@pytest.mark.django_db
def test_the_rows_made_in_code_keep_the_order_of_their_files():
    """Orderables made in code have their sort order, as the admin's forms would give them."""
    load()
    for slug, path in ((p.stem, p) for p in sorted((DEMO_DATA / "exercises").glob("*.json"))):
        data = demo_file(path)
        exercise = InterpretingExercise.objects.get(title=data["title"])
        turns = [(n, float(end)) for n, end in exercise.turns.values_list("sort_order", "end")]
        assert turns == list(enumerate(data["turns"])), slug
        moments = list(exercise.hard_moments.values_list("sort_order", "label"))
        assert moments == [(n, m["label"]) for n, m in enumerate(data["hard_moments"])], slug
    for excerpt in InterviewExcerpt.objects.all():
        orders = list(excerpt.segments.values_list("sort_order", flat=True))
        assert orders == list(range(len(orders))), excerpt.title
    outcomes = CoursePage.objects.get(locale__language_code="en").outcomes.values_list(
        "sort_order", flat=True
    )
    assert list(outcomes) == list(range(len(outcomes)))
    signatories = CertificateTemplate.objects.get().signatories.values_list("sort_order", flat=True)
    assert list(signatories) == [0, 1]


@pytest.mark.django_db
def test_the_demo_learner_hears_the_source_of_their_rendition_before_its_module_opens(client):
    load()
    learner = get_user_model().objects.get(email=LEARNER)
    rendition = Rendition.objects.get(learner=learner)
    excerpt = rendition.exercise.excerpt
    client.force_login(learner)
    assert client.get(reverse("modules:excerpt_media", args=[excerpt.pk])).status_code == 200
    newcomer = get_user_model().objects.create_user(email="new@example.test", password="x" * 12)
    client.force_login(newcomer)
    assert client.get(reverse("modules:excerpt_media", args=[excerpt.pk])).status_code == 404
