"""A learner who did everything the site records, and another who did some of it.

Every text they leave is unique, so that a test can look for it in every table and file.
"""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.log_actions import log

from modules.certificates.models import Certificate, CertificateFile
from modules.models import ExcerptMedia
from modules.practice import services as practice_services
from modules.progress import services as progress_services
from modules.progress.models import Cohort
from quizzes import services as quiz_services
from tests import factories
from tests.practice import conftest as practice_fixtures

NAME = "Zofia Quellbrand"
EMAIL = "zofia.quellbrand@example.test"
REFLECTION = "Zq-reflection: I keep the child's own words and the officer's question."
REPLY = "Zq-reply: well seen, Zofia."
NOTE = "Zq-note: the second turn was hard for me."
REMARK = "Zq-remark: the question became a statement here."
SUMMARY = "Zq-summary: a careful rendition, Zofia."
GRANT = "Zq-grant: Zofia was ill on the day."
# The practice tests' recordings (real Opus in WebM, made with ffmpeg), found by their name.
recordings = practice_fixtures.recordings

SECRETS = (NAME, EMAIL, REFLECTION, REPLY, NOTE, REMARK, SUMMARY, GRANT, "Quellbrand")

OTHER_NAME = "Olaf Otherson"
OTHER_EMAIL = "olaf.otherson@example.test"
OTHER_REFLECTION = "Oo-reflection: Olaf's own thoughts."
OTHER_NOTE = "Oo-note: Olaf's note."


@dataclass
class Learning:
    """What one learner left: the rows and files to look for."""

    learner: object
    course: object
    module: object
    quiz: object
    exercise: object
    attempt: object
    rendition: object
    certificate: object | None


def answers_for(quiz, reflection, right=True):
    """Every question of the quiz answered (right or wrong), the reflection with this text."""
    answers = {}
    for question in quiz.question_data():
        kind, value, qid = question["type"], question["value"], question["id"]
        if kind == "single_choice":
            answers[qid] = next(c["id"] for c in value["choices"] if c["correct"] is right)
        elif kind == "multiple_choice":
            answers[qid] = sorted(c["id"] for c in value["choices"] if c["correct"] is right)
        elif kind == "true_false":
            answers[qid] = bool(value["answer"]) is right
        elif kind == "ordering":
            ids = [item["id"] for item in value["items"]]
            answers[qid] = ids if right else ids[::-1]
        elif kind == "matching":
            answers[qid] = {pair["id"]: pair["id"] for pair in value["pairs"]}
        else:
            answers[qid] = reflection
    return answers


def reflection_id(quiz):
    return next(q["id"] for q in quiz.question_data() if q["type"] == "reflection")


def full_scores(rendition, score=3):
    return {str(c.pk): score for c in rendition.exercise.assessment_grid().criteria.all()}


@pytest.fixture
def site(catalogue, trainer):
    """A course of one module with a quiz of every kind and an interpreting exercise."""
    course = factories.make_course(catalogue)
    quiz = factories.make_quiz()
    media = ExcerptMedia.objects.create(
        title="Source", type="audio", duration=12, file=ContentFile(b"\0" * 64, name="src.ogg")
    )
    exercise = factories.make_exercise(factories.make_excerpt(media=media), max_seconds=60)
    module = factories.make_module(
        course, body=[factories.quiz_block(quiz), factories.exercise_block(exercise)]
    )
    return course, module, quiz, exercise


def take(learner, *, site, trainer, sounds, reflection, note, finish=True):
    """The learner opens the module, answers the quiz, records and submits a rendition; the
    trainer replies, remarks, reviews; the course is done and its certificate issued."""
    course, module, quiz, exercise = site
    progress_services.module_open(learner=learner, module=module, course=course)
    attempt, _created = quiz_services.quiz_attempt_submit(
        learner=learner,
        quiz=quiz,
        module=module,
        token=uuid.uuid4(),
        started_at=timezone.now() - datetime.timedelta(minutes=5),
        questions=quiz.question_data(),
        answers=answers_for(quiz, reflection),
    )
    practice_services.consent_record(learner=learner)
    rendition = practice_services.rendition_upload(
        learner=learner,
        exercise=exercise,
        module=module,
        upload=SimpleUploadedFile("take.webm", sounds["webm"]),
        take_id=uuid.uuid4(),
        turn_marks=[{"turn": 1, "source_end": 4, "rendition_start": 0.2, "rendition_end": 1.4}],
    )
    practice_services.rendition_submit(
        rendition=rendition, self_scores=full_scores(rendition), note=note
    )
    if finish:
        quiz_services.reflection_reply(
            attempt=attempt, question_id=reflection_id(quiz), trainer=trainer, text=REPLY
        )
        practice_services.remark_add(
            rendition=rendition, trainer=trainer, at="1.5", category="omission", comment=REMARK
        )
        practice_services.review_save(
            rendition=rendition,
            trainer=trainer,
            scores=full_scores(rendition, 4),
            summary=SUMMARY,
            publish=True,
        )
    rendition.refresh_from_db()
    return Learning(
        learner=learner,
        course=course,
        module=module,
        quiz=quiz,
        exercise=exercise,
        attempt=attempt,
        rendition=rendition,
        certificate=Certificate.objects.filter(learner=learner).first(),
    )


@pytest.fixture
def everything(site, trainer, recordings, django_capture_on_commit_callbacks):
    """Zofia did everything: quiz with a reflection answered, a reviewed rendition with
    remarks, a grant of one more attempt, a cohort, a certificate with its PDF; a trainer
    edited her account in the admin and looked at her certificate."""
    learner = factories.make_user(email=EMAIL, full_name=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        learning = take(
            learner,
            site=site,
            trainer=trainer,
            sounds=recordings,
            reflection=REFLECTION,
            note=NOTE,
        )
    assert learning.certificate is not None
    assert CertificateFile.objects.filter(certificate=learning.certificate).exists()
    quiz_services.attempt_grant(
        learner=learner,
        quiz=learning.quiz,
        extra_attempts=1,
        granted_by=trainer,
        reason=GRANT,
        token=uuid.uuid4(),
    )
    Cohort.objects.create(name="Antwerp 2026").learners.add(learner)
    log(learner, "wagtail.edit", user=trainer)
    log(learning.certificate, "wagtail.edit", user=trainer)
    return learning


@pytest.fixture
def other(site, trainer, recordings, django_capture_on_commit_callbacks):
    """Olaf, in the same course: an attempt with a reflection and a submitted rendition."""
    learner = factories.make_user(email=OTHER_EMAIL, full_name=OTHER_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        return take(
            learner,
            site=site,
            trainer=trainer,
            sounds=recordings,
            reflection=OTHER_REFLECTION,
            note=OTHER_NOTE,
            finish=False,
        )
