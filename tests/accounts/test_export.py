"""Download my data: everything that points at the learner, in one zip, for them only."""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.utils import timezone

from capisce.accounts import services, tasks
from capisce.accounts.models import DataExport
from tests import factories
from tests.accounts.conftest import (
    EMAIL,
    GRANT,
    NAME,
    NOTE,
    OTHER_EMAIL,
    OTHER_NAME,
    OTHER_NOTE,
    OTHER_REFLECTION,
    REFLECTION,
    REMARK,
    REPLY,
    SUMMARY,
)

pytestmark = pytest.mark.django_db


def ask_for_export(client, capture):
    """Ask on the page; the task runs at once in tests (the immediate backend)."""
    with capture(execute=True):
        response = client.post("/accounts/export/")
    assert response.status_code == 302 and response["Location"] == "/accounts/export/"
    return DataExport.objects.latest("created_at")


def download(client, export):
    response = client.get(f"/accounts/export/{export.token}/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-cache"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return zipfile.ZipFile(io.BytesIO(body))


def test_the_export_of_a_learner_who_did_everything_holds_every_item_and_nobody_elses(
    client, everything, other, recordings, django_capture_on_commit_callbacks
):
    learner = everything.learner
    client.force_login(learner)
    mail.outbox.clear()
    export = ask_for_export(client, django_capture_on_commit_callbacks)
    assert export.status == "ready"
    page = client.get("/accounts/export/").content.decode()
    assert f"/accounts/export/{export.token}/" in page and "Download the zip" in page
    [ready_mail] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert "/accounts/export/" in ready_mail.body

    archive = download(client, export)
    data = json.loads(archive.read("data.json"))
    assert data["account"] == [
        {
            "email": EMAIL,
            "full_name": NAME,
            "preferred_language": "en",
            "date_joined": learner.date_joined.isoformat(),
            "last_login": learner.last_login.isoformat(),
        }
    ]
    assert data["email_addresses"] == [{"email": EMAIL, "verified": True, "primary": True}]
    [enrolment] = data["enrolments"]
    assert enrolment["course_title"] == everything.course.title and enrolment["completed_at"]
    [progress] = data["module_progress"]
    assert progress["module_title"] == everything.module.title and progress["completed_at"]
    assert data["cohorts"] == [{"name": "Antwerp 2026"}]

    [attempt] = data["quiz_attempts"]
    assert attempt["quiz"] == everything.quiz.title and attempt["passed"] is True
    kinds = [question["kind"] for question in attempt["questions"]]
    assert kinds == [q["type"] for q in everything.quiz.question_data()]
    assert attempt["questions"][0]["question"] == "Which element need not be proven for a child?"
    assert attempt["questions"][0]["your_answer"] == ["The means"]
    [reflection] = [q for q in attempt["questions"] if q["kind"] == "reflection"]
    assert reflection["your_reflection"] == REFLECTION and reflection["trainer_reply"] == REPLY
    assert data["attempt_grants"][0]["reason"] == GRANT

    [rendition] = data["renditions"]
    assert rendition["note"] == NOTE and rendition["status"] == "reviewed"
    assert rendition["turn_marks"] == [
        {"turn": 1, "source_end": 4.0, "rendition_start": 0.2, "rendition_end": 1.4}
    ]
    assert set(rendition["self_assessment"].values()) == {3}
    assert rendition["review"]["summary"] == SUMMARY
    assert set(rendition["review"]["scores"].values()) == {4}
    assert rendition["remarks"] == [{"at_seconds": 1.5, "category": "Omission", "comment": REMARK}]
    assert archive.read(rendition["recording"]) == recordings["webm"]
    assert data["recording_consents"][0]["version"]

    [certificate] = data["certificates"]
    assert certificate["code"] == everything.certificate.code
    assert certificate["status"] == "valid" and certificate["name_on_the_certificate"] == NAME
    [pdf] = certificate["pdf"]
    assert archive.read(pdf).startswith(b"%PDF")

    everything_in_it = b"".join(archive.read(name) for name in archive.namelist())
    for theirs in (OTHER_NAME, OTHER_EMAIL, OTHER_REFLECTION, OTHER_NOTE):
        assert theirs.encode() not in everything_in_it
    assert len([n for n in archive.namelist() if n.startswith("recordings/")]) == 1


def test_the_data_json_is_indented_for_a_person_to_read(
    client, learner, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    archive = download(client, ask_for_export(client, django_capture_on_commit_callbacks))
    text = archive.read("data.json").decode()
    assert text.startswith('{\n  "about": "Everything CAPISCE Academy holds about you')
    assert archive.namelist() == ["data.json"]


def test_a_trainers_export_holds_what_they_wrote(
    client, everything, trainer, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    data = json.loads(
        download(client, ask_for_export(client, django_capture_on_commit_callbacks)).read(
            "data.json"
        )
    )
    assert [r["summary"] for r in data["reviews_written"]] == [everything.rendition.review.summary]
    assert [r["comment"] for r in data["remarks_written"]] == [REMARK]
    assert [r["text"] for r in data["reflection_replies_written"]] == [REPLY]
    assert data["quiz_attempts"] == [] and data["renditions"] == []


def test_the_page_says_it_is_being_prepared_until_the_worker_has_built_it(
    client, learner, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []

    class NoWorkerYet:
        enqueue = staticmethod(queued.append)

    monkeypatch.setattr(services, "build_data_export", NoWorkerYet)
    client.force_login(learner)
    ask_for_export(client, django_capture_on_commit_callbacks)
    page = client.get("/accounts/export/").content.decode()
    assert "Being prepared since" in page and "Download the zip" not in page

    # A double click asks for one export, and says so.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/export/", follow=True)
    assert "Your data is already being prepared." in response.content.decode()
    assert DataExport.objects.count() == 1 and len(queued) == 1

    tasks.build_data_export.call(queued[0])
    page = client.get("/accounts/export/").content.decode()
    assert "Download the zip" in page and "Being prepared" not in page


def test_a_new_export_replaces_the_old_one_and_its_file(
    client, learner, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    first = ask_for_export(client, django_capture_on_commit_callbacks)
    storage, name = first.file.storage, first.file.name
    assert storage.exists(name)
    second = ask_for_export(client, django_capture_on_commit_callbacks)
    assert second.pk != first.pk and list(DataExport.objects.all()) == [second]
    assert not storage.exists(name)
    assert client.get(f"/accounts/export/{first.token}/").status_code == 404


def test_another_learners_export_link_is_a_404(client, learner, django_capture_on_commit_callbacks):
    client.force_login(learner)
    export = ask_for_export(client, django_capture_on_commit_callbacks)
    client.force_login(factories.make_user(email="someone@example.test", full_name="Some One"))
    assert client.get(f"/accounts/export/{export.token}/").status_code == 404
    page = client.get("/accounts/export/").content.decode()
    assert str(export.token) not in page and "You have not asked for a copy yet." in page
    client.logout()
    response = client.get(f"/accounts/export/{export.token}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expired_export_link_is_a_404_and_the_daily_run_deletes_it(
    client, learner, settings, django_capture_on_commit_callbacks
):
    settings.DATA_EXPORT_EXPIRY_DAYS = 7
    client.force_login(learner)
    export = ask_for_export(client, django_capture_on_commit_callbacks)
    assert export.expires_at - export.ready_at == datetime.timedelta(days=7)
    DataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(f"/accounts/export/{export.token}/").status_code == 404
    assert "Your last copy has expired" in client.get("/accounts/export/").content.decode()
    storage, name = export.file.storage, export.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert services.expired_erase()["data_exports"] == 1
    assert not DataExport.objects.exists() and not storage.exists(name)


def test_a_malformed_link_is_a_404(client, learner):
    client.force_login(learner)
    assert client.get("/accounts/export/not-a-token/").status_code == 404
    assert client.get("/accounts/export/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_a_build_that_fails_says_so_and_can_be_asked_again(
    client, learner, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("capisce.accounts.exports.data_archive", broken)
    client.force_login(learner)
    export = ask_for_export(client, django_capture_on_commit_callbacks)
    assert export.status == "failed" and not export.file
    page = client.get("/accounts/export/").content.decode()
    assert "could not be prepared" in page
    monkeypatch.undo()
    again = ask_for_export(client, django_capture_on_commit_callbacks)
    assert again.status == "ready"


def test_the_account_page_links_to_the_export_and_the_deletion(client, learner):
    client.force_login(learner)
    page = client.get("/accounts/profile/").content.decode()
    assert re.search(r'href="/accounts/export/"[^>]*>Download my data<', page)
    assert re.search(r'href="/accounts/delete/"[^>]*>Delete my account<', page)
