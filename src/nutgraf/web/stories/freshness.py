"""How long what a reader sees stays true: the content generation and the publishing schedule.

Two things change public pages. A service changes content (an edit, a publication, an approved
comment) and calls `pages_invalidate()`, which moves a generation number in the shared cache;
every web process reads it at most every CHECK_SECONDS. Or the clock reaches the publication
time of a story an editor scheduled: nothing runs then, so `valid_until()` says when that
happens and copies kept in memory (whole pages, page fragments) expire at that moment.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
CHECK_SECONDS = 1.0


_generation: list[object] = [None, float("-inf")]  # the last generation read, and when


def pages_invalidate() -> None:
    """Everything kept for readers is stale (called by the services after any change).

    This process sees it at once; the others within CHECK_SECONDS.
    """
    generation = time.time_ns()
    cache.set(GENERATION_KEY, generation, timeout=None)
    _generation[:] = [generation, time.monotonic()]


def current_generation() -> object:
    now = time.monotonic()
    if now - float(_generation[1]) >= CHECK_SECONDS:  # type: ignore[arg-type]
        _generation[:] = [cache.get(GENERATION_KEY), now]
    return _generation[0]


@dataclass(frozen=True, slots=True)
class _Schedule:
    generation: object
    next_visible: float  # epoch seconds of the next scheduled publication, or inf


_schedule: list[_Schedule] = []


def valid_until(*, now: float, seconds: float) -> float:
    """Epoch time until which something read at `now` may be kept (at most `seconds`)."""
    generation = current_generation()
    if not _schedule or _schedule[0].generation != generation or _schedule[0].next_visible <= now:
        _schedule[:] = [_Schedule(generation, _next_publication(now))]
    return min(now + seconds, _schedule[0].next_visible)


def forget() -> None:
    """Read the generation and the schedule afresh on next use (tests)."""
    _generation[:] = [None, float("-inf")]
    _schedule.clear()


def _next_publication(now: float) -> float:
    from nutgraf.web.stories.models import Story

    after = datetime.fromtimestamp(now, tz=UTC)
    upcoming = (
        Story.objects.filter(status=Story.Status.PUBLISHED, published_at__gt=after)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming is not None else float("inf")
