"""Attempt tokens: every rendered quiz form carries one.

A token is signed and names the quiz, the learner and the module it was made
for, so it cannot be replayed elsewhere; its random part becomes the attempt's
unique token, so posting the same form twice stores one attempt.
"""

import random
import uuid
from datetime import UTC, datetime

from django.core import signing

SALT = "capisce.quizzes.attempt"
MAX_AGE = 60 * 60 * 24 * 7


class InvalidToken(Exception):
    pass


def make_token(*, quiz_id: int, learner_id: int, module_id: int) -> str:
    payload = {
        "q": quiz_id,
        "u": learner_id,
        "m": module_id,
        "n": uuid.uuid4().hex,
        "t": int(datetime.now(UTC).timestamp()),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str, *, quiz_id: int, learner_id: int, module_id: int):
    """Return (nonce, started_at) if the token was made for this quiz, learner and module."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvalidToken("expired") from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidToken("bad signature") from error
    if (payload.get("q"), payload.get("u"), payload.get("m")) != (quiz_id, learner_id, module_id):
        raise InvalidToken("made for another quiz, learner or module")
    try:
        nonce = uuid.UUID(hex=payload["n"])
        started_at = datetime.fromtimestamp(int(payload["t"]), UTC)
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidToken("malformed") from error
    return nonce, started_at


def nonce_of(token: str) -> uuid.UUID:
    """The random part of a token this server made (for shuffling the form it goes with)."""
    return uuid.UUID(hex=signing.loads(token, salt=SALT)["n"])


def shown_questions(questions, *, nonce: uuid.UUID, shuffle_questions: bool, shuffle_choices: bool):
    """The questions in the order this attempt shows them: a fixed shuffle per token."""
    rng = random.Random(nonce.int)  # noqa: S311 - order of display, not a secret
    shown = [dict(q, value=dict(q["value"])) for q in questions]
    if shuffle_questions:
        rng.shuffle(shown)
    for question in shown:
        value = question["value"]
        if shuffle_choices and "choices" in value:
            value["choices"] = rng.sample(value["choices"], len(value["choices"]))
        if "items" in value:  # ordering: never in the right order to start with
            value["shown_items"] = _derangement(value["items"], rng)
        if "pairs" in value:
            value["shown_matches"] = rng.sample(value["pairs"], len(value["pairs"]))
    return shown


def _derangement(items, rng):
    shuffled = list(items)
    for _attempt in range(10):
        rng.shuffle(shuffled)
        if shuffled != items:
            break
    return shuffled
