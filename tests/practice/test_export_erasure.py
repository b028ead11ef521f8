"""A learner's recordings are theirs: they download them with the remarks, and an account
deleted in the admin takes its recordings with it."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model

from modules.practice import services
from modules.practice.models import Remark, Rendition
from tests import factories
from tests.practice.conftest import rendition_files
from tests.practice.test_renditions import full_scores

pytestmark = pytest.mark.django_db


def test_the_learner_downloads_their_recordings_and_the_published_remarks(
    client,
    draft,
    trainer,
    recordings,
):
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft, 3), note="Hard.")
    services.remark_add(rendition=draft, trainer=trainer, at="1.5", category="omission")
    services.review_save(
        rendition=draft,
        trainer=trainer,
        scores=full_scores(draft, 4),
        summary="Good.",
        publish=True,
    )
    other = factories.make_user(email="other@example.test")
    response = client.get("/practice/renditions/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    data = json.loads(archive.read("renditions.json"))
    assert data["learner"] == draft.learner.email
    [record] = data["renditions"]
    assert record["note"] == "Hard." and record["review"]["summary"] == "Good."
    assert record["remarks"] == [{"at_seconds": 1.5, "category": "Omission", "comment": ""}]
    assert archive.read(record["recording"]) == recordings["webm"]
    client.force_login(other)
    other_archive = zipfile.ZipFile(io.BytesIO(client.get("/practice/renditions/export/").content))
    assert json.loads(other_archive.read("renditions.json"))["renditions"] == []
    assert other_archive.namelist() == ["renditions.json"]


def test_unpublished_remarks_stay_with_the_trainer(client, draft, trainer):
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft, 3))
    services.remark_add(rendition=draft, trainer=trainer, at="1", category="addition")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/practice/renditions/export/").content))
    [record] = json.loads(archive.read("renditions.json"))["renditions"]
    assert record["remarks"] == [] and record["review"] is None


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/practice/renditions/export/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_deleting_a_learner_in_the_admin_erases_their_recordings(
    client,
    draft,
    trainer,
    django_capture_on_commit_callbacks,
):
    learner = draft.learner
    stored = draft.audio.name
    assert stored.split("/")[-1] in rendition_files()
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft, 3))
    services.remark_add(rendition=draft, trainer=trainer, at="1", category="addition")
    admin = factories.make_user(email="admin@example.test", is_superuser=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/users/delete/{learner.pk}/")
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not Rendition.objects.exists() and not Remark.objects.exists()
    assert stored.split("/")[-1] not in rendition_files()
