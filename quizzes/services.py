"""Workflows that write attempts: each in one transaction, safe to repeat."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from quizzes.models import Quiz, QuizAttempt, ReflectionReply
from quizzes.scoring import score_attempt


class AttemptLimitReached(Exception):
    """The learner has used every attempt this quiz allows."""


def attempts_used(*, learner, quiz) -> int:
    return QuizAttempt.objects.filter(learner=learner, quiz=quiz).count()


def quiz_attempt_submit(
    *, learner, quiz: Quiz, module, token, started_at, questions, answers
) -> tuple[QuizAttempt, bool]:
    """Score and store an attempt; return it and whether it is new.

    The same token twice gives the first attempt back (a unique constraint, not a
    check). The attempt limit is checked with the learner's row locked, so
    simultaneous submissions cannot overrun it.
    """
    with transaction.atomic():
        # Serialise this learner's submissions (a no-op lock on SQLite, which
        # already runs one writer at a time).
        get_user_model().objects.select_for_update().filter(pk=learner.pk).first()
        existing = QuizAttempt.objects.filter(token=token).first()
        if existing is not None:
            return existing, False
        if quiz.attempts_allowed and attempts_used(learner=learner, quiz=quiz) >= (
            quiz.attempts_allowed
        ):
            raise AttemptLimitReached()
        result = score_attempt(questions, answers, quiz.pass_mark)
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    learner=learner,
                    quiz=quiz,
                    module=module,
                    token=token,
                    quiz_title=quiz.title,
                    review_policy=quiz.review_policy,
                    pass_mark=quiz.pass_mark,
                    started_at=started_at,
                    score=result.score,
                    max_score=result.max_score,
                    percent=result.percent,
                    passed=result.passed,
                    questions=questions,
                    answers=answers,
                    results=[r.as_dict() for r in result.questions],
                    has_reflections=any(q["type"] == "reflection" for q in questions),
                )
        except IntegrityError:
            return QuizAttempt.objects.get(token=token), False
    return attempt, True


def reflection_reply(*, attempt: QuizAttempt, question_id: str, trainer, text: str):
    """Store (or replace) a trainer's reply to one reflection of an attempt."""
    reply, _ = ReflectionReply.objects.update_or_create(
        attempt=attempt,
        question_id=question_id,
        defaults={"text": text, "trainer": trainer},
    )
    return reply
