"""A mistake in a demo data file stops load_initial_data with the file, the place and the reason,
and changes nothing: no page, excerpt, quiz, account or stored file."""

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
        "media": get_media_model().objects.count(),
        "users": get_user_model().objects.count(),
        "files": sorted(str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()),
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
