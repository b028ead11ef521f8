"""Attempt tokens: every rendered quiz form carries one.

A token is signed and names the quiz, the learner and the module it was made
for, so it cannot be replayed elsewhere; its random part becomes the attempt's
unique token, so posting the same form twice stores one attempt. The random
part also fixes, with the site's secret, the order the form shows and the
opaque names and values of its fields (`form_keys`).
"""

import functools
import hashlib
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


def form_keys(nonce: uuid.UUID):
    """The function that gives the form of this attempt its names and values, in place of
    ids and answers: ``keys(*parts)`` is a keyed hash of the parts (strings).

    The key is an HMAC of the nonce under the site's secret, made once per form; each
    name or value is then one keyed BLAKE2b of its parts, not an HMAC of its own. So a
    key is the same for the same attempt (the form shown and the form posted agree),
    meaningless to the learner, and different for every attempt. (The token's nonce alone
    would not do: the token is signed, not encrypted, so the learner can read it.) Each
    part is prefixed with its length, so that no two lists of parts hash alike.
    """
    secret = salted_hmac(FORM_SALT, nonce.hex, algorithm="sha256").digest()
    keyed = hashlib.blake2b(key=secret, digest_size=8)  # each key continues a copy of it

    @functools.cache  # a form asks again for the same values (the positions of every item)
    def keys(*parts: str) -> str:
        hasher = keyed.copy()
        hasher.update("".join([f"{len(part)}:{part}" for part in parts]).encode())
        return hasher.hexdigest()

    return keys


def shown_questions(questions, *, nonce: uuid.UUID, shuffle_questions: bool, shuffle_choices: bool):
    """The questions in the order this attempt shows them: a fixed shuffle per token.

    Every order is a sort on `form_keys` of ids and texts, never of positions or of what is
    right, so changing a quiz's right answers does not change what its form shows:
    ``shown_items`` are an ordering's items and ``shown_matches`` the distinct texts a
    matching question offers, each in the order shown.
    """
    key = form_keys(nonce)
    shown = [dict(q, value=dict(q["value"])) for q in questions]
    if shuffle_questions:
        shown.sort(key=lambda q: key("question", q["id"]))
    for question in shown:
        qid, value = question["id"], question["value"]
        if shuffle_choices and "choices" in value:
            value["choices"] = sorted(
                value["choices"], key=lambda c: key("choice order", qid, c["id"])
            )
        if "items" in value:
            value["shown_items"] = sorted(
                value["items"], key=lambda i: key("item order", qid, i["id"])
            )
        if "pairs" in value:
            value["shown_matches"] = sorted(
                {pair["right"] for pair in value["pairs"]},
                key=lambda text: key("match order", qid, text),
            )
    return shown
