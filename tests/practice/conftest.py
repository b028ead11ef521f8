"""Real recordings made with ffmpeg, and a course whose module places an exercise."""

import subprocess
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from modules.models import ExcerptMedia
from modules.practice.models import Rendition
from modules.practice.services import consent_record
from tests import factories


def ffmpeg(*arguments, output):
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", *arguments, str(output)], check=True, capture_output=True
    )
    return output


@pytest.fixture(scope="session")
def recordings(tmp_path_factory):
    """Sound files as browsers make them: Opus in WebM, seekable or streamed (no length in
    its header, as MediaRecorder writes it), AAC in MP4; and a video that is no recording."""
    folder = tmp_path_factory.mktemp("recordings")

    def sine(seconds, name, *codec):
        return ffmpeg(
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            *codec,
            output=folder / name,
        )

    files = {
        "webm": sine(3, "take.webm", "-c:a", "libopus"),
        "long": sine(8, "long.webm", "-c:a", "libopus"),
        "mp4": sine(2, "take.m4a", "-c:a", "aac"),
        "video": ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=1:size=64x64:rate=5",
            "-c:v",
            "libvpx",
            output=folder / "video.webm",
        ),
    }
    streamed = folder / "streamed.webm"
    with streamed.open("wb") as out:
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=300:duration=4",
                "-c:a",
                "libopus",
                "-f",
                "webm",
                "pipe:1",
            ],
            check=True,
            stdout=out,
        )
    files["streamed"] = streamed
    return {key: path.read_bytes() for key, path in files.items()}


@pytest.fixture
def excerpt(db):
    media = ExcerptMedia.objects.create(
        title="Source", type="audio", duration=12, file=ContentFile(b"\0" * 64, name="src.ogg")
    )
    return factories.make_excerpt(title="First contact", media=media)


@pytest.fixture
def model_media(db):
    return ExcerptMedia.objects.create(
        title="Model", type="audio", duration=10, file=ContentFile(b"model", name="model.ogg")
    )


@pytest.fixture
def exercise(excerpt, model_media):
    return factories.make_exercise(
        excerpt,
        model_media=model_media,
        model_transcript="Bonjour, je suis l'agent B.",
        max_seconds=60,
    )


@pytest.fixture
def module(course, exercise):
    return factories.make_module(
        course, title="Practice", slug="practice", body=[factories.exercise_block(exercise)]
    )


@pytest.fixture
def consenting(learner):
    consent_record(learner=learner)
    return learner


def upload_url(exercise, module):
    return f"/practice/exercises/{exercise.pk}/in/{module.pk}/renditions/"


def rendition_files():
    storage = Rendition._meta.get_field("audio").storage
    if not storage.exists("renditions"):
        return set()
    return set(storage.listdir("renditions")[1])


@pytest.fixture
def stored_renditions(db):
    """The recordings stored in the private storage since the test began."""
    before = rendition_files()
    return lambda: sorted(rendition_files() - before)


@pytest.fixture
def draft(client, module, exercise, consenting, recordings):
    """A rendition the learner uploaded through the API, signed in as them."""
    client.force_login(consenting)
    response = client.post(
        upload_url(exercise, module),
        {
            "take_id": str(uuid.uuid4()),
            "audio": SimpleUploadedFile("take.webm", recordings["webm"]),
        },
    )
    assert response.status_code == 201, response.content
    return Rendition.objects.get(pk=response.json()["id"])
