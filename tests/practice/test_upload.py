"""Uploading a take, over HTTP as the recorder sends it: real audio is kept, the rest refused
with a message and nothing stored."""

import json
import subprocess
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from modules.practice.models import Rendition
from tests import factories
from tests.practice.conftest import upload_url


def send(client, exercise, module, data, *, name="take.webm", take_id=None, turn_marks=None):
    payload = {"take_id": str(take_id or uuid.uuid4())}
    if data is not None:
        payload["audio"] = SimpleUploadedFile(name, data, content_type="audio/webm")
    if turn_marks is not None:
        payload["turn_marks"] = json.dumps(turn_marks)
    return client.post(upload_url(exercise, module), payload)


def probed_duration(path):
    output = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return float(output)


MARKS = [
    {"turn": 1, "source_end": 4, "rendition_start": 0.0, "rendition_end": 1.4},
    {"turn": 2, "source_end": 8, "rendition_start": 1.5, "rendition_end": 2.9},
]


def test_a_learner_uploads_a_take_that_is_stored_as_real_audio(
    client, module, exercise, consenting, recordings
):
    client.force_login(consenting)
    response = send(client, exercise, module, recordings["webm"], turn_marks=MARKS)
    assert response.status_code == 201, response.content
    answer = response.json()
    rendition = Rendition.objects.get()
    assert answer["id"] == rendition.pk
    assert answer["status"] == "draft"
    assert answer["url"] == f"/practice/renditions/{rendition.pk}/"
    assert answer["audio_url"] == f"/practice/renditions/{rendition.pk}/audio/"
    assert 2.9 <= answer["duration"] <= 3.1
    assert (rendition.learner, rendition.exercise, rendition.module_id) == (
        consenting,
        exercise,
        module.pk,
    )
    assert rendition.exercise_title == exercise.title
    assert rendition.content_type == "audio/webm"
    assert rendition.size == len(recordings["webm"])
    assert [mark["rendition_end"] for mark in rendition.turn_marks] == [1.4, 2.9]
    # The stored file is the recording itself, under a random name, in the private storage.
    assert rendition.audio.name.startswith("renditions/")
    assert rendition.audio.name.endswith(".webm")
    assert "take" not in rendition.audio.name
    assert 2.9 <= probed_duration(rendition.audio.path) <= 3.1
    played = client.get(answer["audio_url"])
    assert played.status_code == 200
    assert played["Content-Type"] == "audio/webm"
    assert b"".join(played.streaming_content) == recordings["webm"]
    part = client.get(answer["audio_url"], HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206
    assert len(b"".join(part.streaming_content)) == 100


def test_a_browser_recording_without_its_length_in_the_header_is_measured(
    client, module, exercise, consenting, recordings
):
    client.force_login(consenting)
    response = send(client, exercise, module, recordings["streamed"])
    assert response.status_code == 201, response.content
    assert 3.9 <= response.json()["duration"] <= 4.1


def test_safari_mp4_audio_is_kept_as_mp4(client, module, exercise, consenting, recordings):
    client.force_login(consenting)
    response = send(client, exercise, module, recordings["mp4"], name="take.mp4")
    assert response.status_code == 201, response.content
    rendition = Rendition.objects.get()
    assert rendition.content_type == "audio/mp4"
    assert rendition.audio.name.endswith(".m4a")


def test_a_take_sent_twice_is_stored_once(
    stored_renditions, client, module, exercise, consenting, recordings
):
    client.force_login(consenting)
    take = uuid.uuid4()
    first = send(client, exercise, module, recordings["webm"], take_id=take)
    second = send(client, exercise, module, recordings["webm"], take_id=take)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert (first.json()["created"], second.json()["created"]) == (True, False)
    assert Rendition.objects.count() == 1
    assert len(stored_renditions()) == 1


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("kind", "data"),
    [("pdf", PDF), ("text", b"This is not a recording at all, only words.\n" * 20)],
)
def test_a_file_that_is_not_audio_by_its_content_is_refused(
    stored_renditions, client, module, exercise, consenting, kind, data
):
    client.force_login(consenting)
    response = send(client, exercise, module, data, name="take.webm")
    assert response.status_code == 400
    assert "not a sound recording" in response.json()["error"]
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_a_video_is_not_a_recording(client, module, exercise, consenting, recordings):
    client.force_login(consenting)
    response = send(client, exercise, module, recordings["video"])
    assert response.status_code == 400
    assert "not a sound recording" in response.json()["error"]
    assert not Rendition.objects.exists()


def test_an_empty_or_missing_recording_is_refused(
    stored_renditions, client, module, exercise, consenting
):
    client.force_login(consenting)
    for data in (b"", None):
        response = send(client, exercise, module, data)
        assert response.status_code == 400
        assert "empty" in response.json()["error"]
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_a_recording_longer_than_the_exercise_allows_is_refused(
    stored_renditions, client, module, exercise, consenting, recordings
):
    exercise.max_seconds = 2  # the 8-second take is past the limit and its slack
    exercise.save()
    client.force_login(consenting)
    response = send(client, exercise, module, recordings["long"])
    assert response.status_code == 400
    assert "longer than this exercise allows (2 seconds)" in response.json()["error"]
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_a_recording_bigger_than_the_setting_is_refused(
    stored_renditions, client, module, exercise, consenting, recordings
):
    client.force_login(consenting)
    with override_settings(PRACTICE_MAX_UPLOAD_BYTES=len(recordings["webm"]) - 1):
        response = send(client, exercise, module, recordings["webm"])
    assert response.status_code == 400
    assert "too big" in response.json()["error"]
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_without_consent_nothing_is_recorded(
    stored_renditions, client, module, exercise, learner, recordings
):
    client.force_login(learner)
    response = send(client, exercise, module, recordings["webm"])
    assert response.status_code == 400
    assert "recording notice" in response.json()["error"]
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_turn_marks_outside_the_recording_are_refused(
    stored_renditions, client, module, exercise, consenting, recordings
):
    client.force_login(consenting)
    late = [{"turn": 1, "source_end": 4, "rendition_start": 1, "rendition_end": 30}]
    response = send(client, exercise, module, recordings["webm"], turn_marks=late)
    assert response.status_code == 400
    assert "outside the recording" in response.json()["error"]
    garbled = client.post(
        upload_url(exercise, module),
        {
            "take_id": str(uuid.uuid4()),
            "audio": SimpleUploadedFile("take.webm", recordings["webm"]),
            "turn_marks": "{not json",
        },
    )
    assert garbled.status_code == 400
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_an_exercise_the_learner_may_not_open_is_not_found(
    client, catalogue, exercise, consenting, recordings
):
    course = factories.make_course(
        catalogue, title="In order", slug="ordered", modules_in_order=True
    )
    first = factories.make_module(course, title="First", slug="first")
    locked = factories.make_module(
        course, title="Locked", slug="locked", body=[factories.exercise_block(exercise)]
    )
    client.force_login(consenting)
    assert send(client, exercise, locked, recordings["webm"]).status_code == 404
    # An exercise the module does not place, a page that is no module, nothing at all.
    assert send(client, exercise, first, recordings["webm"]).status_code == 404
    assert send(client, exercise, catalogue, recordings["webm"]).status_code == 404
    assert (
        client.post(
            f"/practice/exercises/{exercise.pk + 99}/in/{locked.pk}/renditions/",
            {"take_id": str(uuid.uuid4())},
        ).status_code
        == 404
    )
    # Once the module before it is done, the exercise opens.
    client.get(first.url)  # opening it enrols the learner
    client.post(first.url + "done/")
    assert send(client, exercise, locked, recordings["webm"]).status_code == 201
    assert Rendition.objects.count() == 1


def test_an_anonymous_visitor_cannot_upload(client, module, exercise, recordings):
    assert send(client, exercise, module, recordings["webm"]).status_code == 404
    assert not Rendition.objects.exists()


def test_the_plain_form_uploads_without_javascript(
    client, module, exercise, consenting, recordings
):
    client.force_login(consenting)
    html = client.get(module.url).content.decode()
    assert 'enctype="multipart/form-data"' in html
    take_id = html.split('name="take_id" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        upload_url(exercise, module),
        {
            "no_js": "1",
            "take_id": take_id,
            "audio": SimpleUploadedFile("mine.webm", recordings["webm"]),
        },
    )
    rendition = Rendition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/practice/renditions/{rendition.pk}/"
    refused = client.post(
        upload_url(exercise, module),
        {"no_js": "1", "take_id": str(uuid.uuid4()), "audio": SimpleUploadedFile("x.webm", PDF)},
        follow=True,
    )
    assert "not a sound recording" in refused.content.decode()
    assert Rendition.objects.count() == 1


def test_without_ffprobe_on_the_server_an_upload_is_refused_with_a_message(
    stored_renditions, client, module, exercise, consenting, recordings, monkeypatch
):
    monkeypatch.setattr("modules.practice.audio.shutil.which", lambda name: None)
    client.force_login(consenting)
    response = send(client, exercise, module, recordings["webm"])
    assert response.status_code == 400
    assert "cannot check them" in response.json()["error"]
    assert not Rendition.objects.exists()
    assert stored_renditions() == []
