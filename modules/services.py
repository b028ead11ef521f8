"""The openings of sensitive excerpts: recording them, and their retention, export and erasure.

Nothing here imports a page model. The account's export and erasure, and the daily retention
task, call the three last functions (they take the learner, or the time, and nothing else).
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from modules.models.openings import OPENING_WINDOW, ExcerptOpening, opening_window


def excerpt_openings_record(*, learner, excerpts, what, now=None) -> None:
    """Log that `learner` opened these `excerpts` (`what`: an ExcerptOpening.What).

    Excerpts that are not sensitive are skipped. One row per learner, excerpt, kind and
    window, kept so by the unique constraint: the same opening again within the window, or
    the many range requests of one playback, add nothing (one INSERT that does nothing).
    """
    if not learner.is_authenticated:
        return
    now = now or timezone.now()
    window = opening_window(now)
    # Openings already logged in this window are remembered in the cache, so that a repeat
    # visit writes nothing (a forgotten one is inserted again, which adds nothing). The
    # account's creation is in the key: an erased learner's id given again starts afresh.
    who = f"{learner.pk}.{learner.date_joined.timestamp():.0f}"
    keys = {
        f"excerpt-opened:{who}:{excerpt.pk}:{what}:{window.timestamp():.0f}": excerpt
        for excerpt in excerpts
        if excerpt.sensitive
    }
    logged = cache.get_many(keys)
    rows = [
        ExcerptOpening(
            learner=learner,
            excerpt=excerpt,
            excerpt_title=excerpt.title,
            what=what,
            opened_at=now,
            window=window,
        )
        for key, excerpt in keys.items()
        if key not in logged
    ]
    if rows:
        ExcerptOpening.objects.bulk_create(rows, ignore_conflicts=True)
        left = window + OPENING_WINDOW - now
        cache.set_many(
            {key: True for key in keys if key not in logged}, int(left.total_seconds()) + 1
        )


def excerpt_openings_expire(now=None) -> int:
    """Erase the openings older than RETENTION_EXCERPT_OPENING_DAYS; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RETENTION_EXCERPT_OPENING_DAYS)
    deleted, _by_model = ExcerptOpening.objects.older_than(cutoff).delete()
    return deleted


def excerpt_openings_export(learner) -> list[dict]:
    """The learner's openings of sensitive excerpts, oldest first, ready for JSON."""
    return [
        {
            "excerpt": row["excerpt_title"],
            "opened": row["what"],
            "opened_at": row["opened_at"].isoformat(timespec="seconds"),
        }
        for row in ExcerptOpening.objects.for_learner(learner)
        .order_by("opened_at", "pk")
        .values("excerpt_title", "what", "opened_at")
    ]


def excerpt_openings_erase(learner) -> int:
    """Erase every opening logged for the learner; returns how many (0 the second time)."""
    deleted, _by_model = ExcerptOpening.objects.for_learner(learner).delete()
    return deleted
