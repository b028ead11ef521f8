"""What pages read that no learner changes, kept in the shared cache until content changes.

Every key carries the content's *generation*, one value in the cache that any change of
published content replaces (`content_changed`, called by the apps' signals on publishing,
unpublishing, moving, deleting pages and on saving the snippets pages show). Replacing it
orphans every older entry at once, in every process, since the cache is shared; they expire
on their own. Learners' records never go through here: what is cached is the same for every
reader of a page in one language.

A request reads each stamp (the generation, the permissions' stamp) once, and keeps what
it read until it ends: a page that asks for the generation four times costs one round trip
to the cache, and the whole request works on one generation. A change the request makes
itself (`restamp`) is seen at once; a change by another process is seen by the next request.
Outside a request (a task, a command) every read goes to the cache.

Nothing here knows a model, so that the bottom layer can offer it to every app.
"""

import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started

GENERATION_KEY = "content-generation"
# A safety net only: every change of content starts a new generation at once.
CACHE_SECONDS = 24 * 60 * 60

# The stamps this request has read, by key; None outside a request.
_read_in_request: ContextVar[dict | None] = ContextVar("stamps_read_in_request", default=None)


def _request_started(**kwargs):
    _read_in_request.set({})


def forget_request_stamps(**kwargs):
    """Read stamps from the cache again: the request has ended (or a test cleared the cache)."""
    _read_in_request.set(None)


def connect() -> None:
    """Start and end each request's stamps with the request (called when the apps load)."""
    request_started.connect(_request_started, dispatch_uid="content_cache.request_started")
    request_finished.connect(forget_request_stamps, dispatch_uid="content_cache.request_finished")


def stamp(key: str) -> str:
    """The value under `key` that names the current state of something cached (made on
    first use): whatever is cached for that state carries it in its own key. Read once per
    request."""
    read = _read_in_request.get()
    if read is not None and key in read:
        return read[key]
    value = cache.get(key)
    if value is None:
        value = uuid.uuid4().hex
        # Another process may have made one meanwhile: theirs wins, ours is never used.
        if not cache.add(key, value, None):
            value = cache.get(key, value)
    if read is not None:
        read[key] = value
    return value


def restamp(key: str) -> None:
    """A new state: whatever was cached under the old stamp is never read again."""
    value = uuid.uuid4().hex
    cache.set(key, value, None)
    read = _read_in_request.get()
    if read is not None:
        read[key] = value


def generation() -> str:
    """The content's current generation."""
    return stamp(GENERATION_KEY)


def content_changed() -> None:
    """Published content changed: forget everything kept for it, everywhere."""
    restamp(GENERATION_KEY)


def _full_key(key: str, current: str) -> str:
    return f"content:{current}:{key}"


def kept(keys, current: str) -> dict:
    """What is kept under any of `keys` for the generation `current`, by key (one round trip
    to the cache)."""
    found = cache.get_many([_full_key(key, current) for key in keys])
    return {key: found[_full_key(key, current)] for key in keys if _full_key(key, current) in found}


def keep(key: str, value, current: str) -> None:
    """Keep `value` under `key` for the generation `current`: the one read before `value` was,
    so that what was read before a change is never kept for the content after it."""
    cache.set(_full_key(key, current), value, CACHE_SECONDS)


def remembered(key: str, build):
    """`build()`'s result, kept under `key` for the content's current generation (None, for
    nothing found, is not kept)."""
    current = generation()
    value = kept([key], current).get(key)
    if value is None:
        value = build()
        if value is not None:
            keep(key, value, current)
    return value
