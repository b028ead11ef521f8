"""What pages read that no learner changes, kept in the shared cache until content changes.

Every key carries the content's *generation*, one value in the cache that any change of
published content replaces (`content_changed`, called by the apps' signals on publishing,
unpublishing, moving, deleting pages and on saving the snippets pages show). Replacing it
orphans every older entry at once, in every process, since the cache is shared; they expire
on their own. Learners' records never go through here: what is cached is the same for every
reader of a page in one language.

Nothing here knows a model, so that the bottom layer can offer it to every app.
"""

import uuid

from django.core.cache import cache

GENERATION_KEY = "content-generation"
# A safety net only: every change of content starts a new generation at once.
CACHE_SECONDS = 24 * 60 * 60


def generation() -> str:
    """The content's current generation (made on first use)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        # Another process may have made one meanwhile: theirs wins, ours is never used.
        if not cache.add(GENERATION_KEY, value, None):
            value = cache.get(GENERATION_KEY, value)
    return value


def content_changed() -> None:
    """Published content changed: forget everything kept for it, everywhere."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _prefix() -> str:
    """What every key of the current generation starts with."""
    return f"content:{generation()}:"


def remembered(key: str, build):
    """`build()`'s result, kept under `key` for the content's current generation."""
    full_key = _prefix() + key
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, CACHE_SECONDS)
    return value


def remembered_many(prefix: str, ids, build) -> dict:
    """{id: value} for many things of one kind, each kept under `prefix:id` for the content's
    current generation: one trip to the cache for all of them (not one per thing), and one
    call of `build(missing ids) -> {id: value}` for those not kept yet. An id that `build`
    leaves out is left out of the answer too."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    start = f"{_prefix()}{prefix}:"
    full = {f"{start}{id_}": id_ for id_ in ids}
    values = {full[key]: value for key, value in cache.get_many(list(full)).items()}
    missing = [id_ for id_ in ids if id_ not in values]
    if missing:
        built = build(missing)
        cache.set_many(
            {key: built[id_] for key, id_ in full.items() if id_ in built}, CACHE_SECONDS
        )
        values.update(built)
    return values
