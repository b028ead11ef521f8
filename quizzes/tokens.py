"""Attempt tokens: every rendered quiz form carries one.

A token is signed and names the quiz, the learner and the module it was made
for, so it cannot be replayed elsewhere; its random part becomes the attempt's
unique token, so posting the same form twice stores one attempt. The random
part also fixes, with the site's secret, the order the form shows and the
opaque names and values of its fields (`form_key`).
"""

import json
import uuid
from datetime import UTC, datetime

from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "capisce.quizzes.attempt"
FORM_SALT = "capisce.quizzes.form"
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


def form_key(nonce: uuid.UUID, *parts: str) -> str:
    """A name or value for the form of this attempt, in place of an id or an answer.

    An HMAC under the site's secret: the same for the same attempt, meaningless to the
    learner, and different for every attempt. (The token's nonce alone would not do: the
    token is signed, not encrypted, so the learner can read it.)
    """
    message = json.dumps([nonce.hex, *parts])
    return salted_hmac(FORM_SALT, message, algorithm="sha256").hexdigest()[:16]


def shown_questions(questions, *, nonce: uuid.UUID, shuffle_questions: bool, shuffle_choices: bool):
    """The questions in the order this attempt shows them: a fixed shuffle per token.

    Every order is a sort on `form_key`s of ids and texts, never of positions or of what is
    right, so changing a quiz's right answers does not change what its form shows:
    ``shown_items`` are an ordering's items and ``shown_matches`` the distinct texts a
    matching question offers, each in the order shown.
    """
    shown = [dict(q, value=dict(q["value"])) for q in questions]
    if shuffle_questions:
        shown.sort(key=lambda q: form_key(nonce, "question", q["id"]))
    for question in shown:
        qid, value = question["id"], question["value"]
        if shuffle_choices and "choices" in value:
            value["choices"] = sorted(
                value["choices"], key=lambda c: form_key(nonce, "choice order", qid, c["id"])
            )
        if "items" in value:
            value["shown_items"] = sorted(
                value["items"], key=lambda i: form_key(nonce, "item order", qid, i["id"])
            )
        if "pairs" in value:
            value["shown_matches"] = sorted(
                {pair["right"] for pair in value["pairs"]},
                key=lambda text: form_key(nonce, "match order", qid, text),
            )
    return shown
