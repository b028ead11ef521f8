"""What quizzes keep about a person, and how it is exported and erased.

An erased learner's attempts stay for the trainers' statistics (scores, pass rates, the
questions that mislead), pointing at the anonymous placeholder of the account, with what
the learner wrote (reflections) and the trainers' replies to it erased. Extra attempts a
trainer granted, with their reason, are about the learner: deleted.
"""

from capisce.accounts.personal_data import Part, plain, register, register_retention, rows, set_null
from quizzes import services
from quizzes.models import AttemptGrant, QuizAttempt, ReflectionReply
from quizzes.review import review_record


def _export_attempts(user):
    attempts = (
        QuizAttempt.objects.for_learner(user).prefetch_related("replies").order_by("submitted_at")
    )
    records = []
    for attempt in attempts:
        replies = {reply.question_id: reply for reply in attempt.replies.all()}
        records.append(
            {
                "quiz": attempt.quiz_title,
                "started_at": plain(attempt.started_at),
                "submitted_at": plain(attempt.submitted_at),
                "score": plain(attempt.score),
                "max_score": plain(attempt.max_score),
                "percent": plain(attempt.percent),
                "pass_mark": attempt.pass_mark,
                "passed": attempt.passed,
                "questions": review_record(attempt, replies),
            }
        )
    return Part(records)


def _erase_attempts(erasure):
    attempts = QuizAttempt.objects.for_learner(erasure.user)
    services.attempts_free_text_erase(attempts)
    attempts.update(learner=erasure.placeholder)


register(
    "quizzes.QuizAttempt",
    fields=("learner",),
    section="quiz_attempts",
    export=_export_attempts,
    erase=_erase_attempts,
    note="Questions as shown, answers, results, reflections and the trainers' replies.",
)
register(
    "quizzes.ReflectionReply",
    fields=("trainer",),
    section="reflection_replies_written",
    export=lambda user: Part(
        rows(
            ReflectionReply.objects.filter(trainer=user).order_by("created_at"),
            "attempt__quiz_title",
            "text",
            "created_at",
        )
    ),
    erase=set_null(ReflectionReply, "trainer"),
    note="A trainer's reply stays with the learner's attempt, without the trainer.",
)


def _erase_grants(erasure):
    AttemptGrant.objects.for_learner(erasure.user).delete()
    AttemptGrant.objects.filter(granted_by=erasure.user).update(granted_by=None)


register(
    "quizzes.AttemptGrant",
    fields=("learner", "granted_by"),
    section="attempt_grants",
    export=lambda user: Part(
        rows(
            AttemptGrant.objects.for_learner(user).order_by("granted_at"),
            "quiz_title",
            "extra_attempts",
            "reason",
            "granted_at",
        )
    ),
    erase=_erase_grants,
    note="Grants a learner received are exported and deleted; those a trainer gave lose them.",
)
register_retention("quiz_free_text", lambda now: services.attempts_free_text_expire(now=now))
