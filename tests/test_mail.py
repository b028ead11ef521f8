"""Mail and PDF rendering never break a request: they run as tasks that log their failures."""

import datetime
import logging
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from capisce import mail as queued_mail
from modules.certificates import documents
from modules.certificates.models import Certificate, CertificateFile
from modules.progress.models import Enrolment
from tests import factories
from tests.quizzes.test_taking import right_answers, submit_url, token_from

REFUSING = "tests.mail_backends.RefusingBackend"
RESET = "/accounts/password/reset/"


@pytest.fixture
def last_quiz(catalogue):
    """A learner before the one quiz of a course's only module, the module and the quiz."""
    course = factories.make_course(catalogue)
    quiz = factories.make_quiz()
    module = factories.make_module(course, body=[factories.quiz_block(quiz)])
    learner = factories.make_user(email="amira@example.test", full_name="Amira Haddad")
    return learner, module, quiz


def finish(client, last_quiz):
    """The learner passes the last quiz over HTTP; the result page they are sent to."""
    learner, module, quiz = last_quiz
    client.force_login(learner)
    token = token_from(client.get(module.url).content.decode())
    response = client.post(submit_url(module, quiz), right_answers(quiz, token))
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert "Passed" in result.content.decode()
    return learner


def mail_failures(caplog):
    return [r for r in caplog.records if r.name == "capisce.mail" and r.levelno >= logging.WARNING]


# on_commit runs in the request itself, as in production (not after the test's transaction).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_quiz_with_the_mail_server_down_completes_and_certifies(
    client, last_quiz, settings, caplog
):
    settings.EMAIL_BACKEND = REFUSING
    learner = finish(client, last_quiz)
    assert Enrolment.objects.get(learner=learner).completed_at is not None
    certificate = Certificate.objects.get(learner=learner)
    assert CertificateFile.objects.filter(certificate=certificate).exists()
    (failure,) = mail_failures(caplog)
    assert "amira@example.test" in failure.getMessage()
    assert failure.exc_info[0] is ConnectionRefusedError
    assert not mail.outbox


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_quiz_with_the_mail_server_up_mails_the_certificate(client, last_quiz, caplog):
    learner = finish(client, last_quiz)
    certificate = Certificate.objects.get(learner=learner)
    (message,) = mail.outbox
    assert message.to == ["amira@example.test"]
    assert f"/certificates/{certificate.code}/" in message.body
    assert not mail_failures(caplog)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_render_breaks_nothing_and_the_download_renders_later(client, last_quiz, caplog):
    real_render = documents.certificate_render
    with mock.patch.object(documents, "certificate_render", side_effect=OSError("no fonts")):
        learner = finish(client, last_quiz)
    certificate = Certificate.objects.get(learner=learner)
    assert not CertificateFile.objects.exists()
    (failed,) = [
        r for r in caplog.records if r.name == "django_tasks" and "FAILED" in r.getMessage()
    ]
    assert "render_certificate" in failed.getMessage()
    assert mail.outbox[0].to == ["amira@example.test"]
    with mock.patch.object(documents, "certificate_render", wraps=real_render) as render:
        response = client.get(f"/certificates/{certificate.code}/pdf/")
    assert response.status_code == 200 and render.call_count == 1


@pytest.mark.django_db
def test_a_password_reset_with_the_mail_server_down_answers_as_usual(client, settings, caplog):
    factories.make_user(email="amira@example.test")
    settings.EMAIL_BACKEND = REFUSING
    response = client.post(RESET, {"email": "amira@example.test"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    (failure,) = mail_failures(caplog)
    assert "amira@example.test" in failure.getMessage()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(RESET, {"email": "amira@example.test"}).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["amira@example.test"] and "/accounts/password/reset/key/" in message.body


def run_due_tasks():
    """What the worker does when the time comes: every queued task is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0)


# The worker commits and reconnects as it does in production: no test transaction around it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_worker_a_refused_mail_is_tried_again_later_a_bounded_number_of_times(
    client, settings, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    factories.make_user(email="amira@example.test")
    settings.EMAIL_BACKEND = REFUSING
    assert client.post(RESET, {"email": "amira@example.test"}).status_code == 302
    before = timezone.now()
    run_due_tasks()
    (queued,) = DBTaskResult.objects.filter(status="READY")
    assert queued.args_kwargs["args"][1] == 2  # the second try
    wait = queued.run_after - before
    assert datetime.timedelta(seconds=55) < wait < datetime.timedelta(seconds=70)
    for _ in range(10):
        run_due_tasks()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    tries = len(queued_mail.RETRY_DELAYS) + 1
    assert len(mail_failures(caplog)) == tries
    assert "giving up" in mail_failures(caplog)[-1].getMessage()
    assert not mail.outbox

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(RESET, {"email": "amira@example.test"}).status_code == 302
    assert not mail.outbox  # queued for the worker, not sent in the request
    run_due_tasks()
    assert mail.outbox[0].to == ["amira@example.test"]
