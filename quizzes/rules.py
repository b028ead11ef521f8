"""Attempt rules: plain functions of numbers, no database."""


def attempts_left(*, allowed: int, used: int, granted: int = 0) -> int | None:
    """How many attempts the learner still has; None when the quiz sets no limit.

    `used` and `granted` count only what is since the learner's last reset.
    """
    if not allowed:
        return None
    return max(allowed + granted - used, 0)


def before_reset(moment, since) -> bool:
    """True for an attempt (or grant) made at `moment` before the reset at `since`: history.

    The same rule as `QuizAttemptQuerySet.since`, for rows already read.
    """
    return since is not None and moment <= since
