"""Workflows that write attempts: each in one transaction, safe to repeat."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from quizzes.models import AttemptGrant, Quiz, QuizAttempt, ReflectionReply
from quizzes.rules import attempts_left
from quizzes.scoring import score_attempt


class AttemptLimitReached(Exception):
    """The learner has used every attempt this quiz allows."""


def attempts_used(*, learner, quiz, since=None) -> int:
    """The learner's attempts at the quiz that count: those after `since` (their last reset)."""
    return QuizAttempt.objects.for_learner(learner).filter(quiz=quiz).since(since).count()


def attempts_granted(*, learner, quiz, since=None) -> int:
    """Extra attempts trainers gave the learner at the quiz after `since` (their last reset)."""
    grants = AttemptGrant.objects.for_learner(learner).filter(quiz=quiz).since(since)
    return grants.extra_by_quiz().get(quiz.pk, 0)


def quiz_attempts_left(*, learner, quiz, since=None) -> int | None:
    """None when the quiz sets no limit (then nothing needs counting)."""
    if not quiz.attempts_allowed:
        return None
    return attempts_left(
        allowed=quiz.attempts_allowed,
        used=attempts_used(learner=learner, quiz=quiz, since=since),
        granted=attempts_granted(learner=learner, quiz=quiz, since=since),
    )


def _learner_lock(learner):
    """Serialise this learner's submissions: lock their row until the transaction ends.

    SQLite has no row locks (Django would send a plain SELECT): it already runs one writer
    at a time (`BEGIN IMMEDIATE`), so nothing is sent there.
    """
    if connection.features.has_select_for_update:
        get_user_model().objects.select_for_update().filter(pk=learner.pk).first()


def quiz_attempt_submit(
    *, learner, quiz: Quiz, module, token, started_at, questions, answers, since=None
) -> tuple[QuizAttempt, bool]:
    """Score and store an attempt; return it and whether it is new.

    The same token twice gives the first attempt back: the unique constraint on the
    token refuses the second insert (no check before it), and a repeat that finds the
    limit reached looks for its first attempt before refusing. The attempt limit counts
    the attempts and grants after `since` (the page passes the learner's last reset, if
    any); it is checked with the learner's row locked, so simultaneous submissions
    cannot overrun it. Scoring needs no database, so it happens before the transaction.
    """
    result = score_attempt(questions, answers, quiz.pass_mark)
    try:
        with transaction.atomic():
            _learner_lock(learner)
            if quiz_attempts_left(learner=learner, quiz=quiz, since=since) == 0:
                existing = QuizAttempt.objects.filter(token=token).first()
                if existing is not None:
                    return existing, False
                raise AttemptLimitReached()
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
        # The token's attempt is stored already (a double submission): give it back.
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


def attempt_grant(
    *, learner, quiz: Quiz, extra_attempts: int, granted_by, reason: str, token
) -> tuple[AttemptGrant, bool]:
    """Give a learner more attempts at a quiz; return the grant and whether it is new.

    The same token twice (a form sent twice) gives the first grant back.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is required to grant more attempts.")
    if extra_attempts < 1:
        raise ValueError("Grant at least one attempt.")
    try:
        with transaction.atomic():
            grant, created = AttemptGrant.objects.get_or_create(
                token=token,
                defaults={
                    "learner": learner,
                    "quiz": quiz,
                    "quiz_title": quiz.title,
                    "extra_attempts": extra_attempts,
                    "granted_by": granted_by,
                    "reason": reason,
                },
            )
    except IntegrityError:
        return AttemptGrant.objects.get(token=token), False
    return grant, created


DEFAULT_FREE_TEXT_RETENTION_DAYS = 365


def free_text_retention_days() -> int:
    return getattr(settings, "RETENTION_ATTEMPT_TEXT_DAYS", DEFAULT_FREE_TEXT_RETENTION_DAYS)


def attempts_free_text_erase(attempts) -> int:
    """Erase what learners wrote in these attempts (their reflections) and the trainers'
    replies to it; scores, answers picked and the questions shown stay. Returns how many
    attempts had free text.

    The attempts leave the trainers' queue of reflections to answer: nothing is left to read.
    """
    count = 0
    with transaction.atomic():
        for attempt in attempts.filter(has_reflections=True).select_for_update():
            reflections = {q["id"] for q in attempt.questions if q["type"] == "reflection"}
            answers = {
                qid: ("" if qid in reflections else answer)
                for qid, answer in attempt.answers.items()
            }
            QuizAttempt.objects.filter(pk=attempt.pk).update(answers=answers, has_reflections=False)
            ReflectionReply.objects.filter(attempt=attempt).delete()
            count += 1
    return count


def attempts_free_text_expire(*, now=None) -> int:
    """Erase the free text of attempts submitted longer ago than the retention."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=free_text_retention_days())
    return attempts_free_text_erase(QuizAttempt.objects.filter(submitted_at__lt=cutoff))
