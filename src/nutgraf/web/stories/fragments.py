"""Parts of public pages that every reader shares, kept in each web process until they change.

The navigation's sections, a story's Related Articles and the home page's story listing are
the same for every reader and change only when content does. They are kept in memory and dropped when the content
generation moves, after MAX_SECONDS, or when a scheduled story becomes visible (freshness.py).
The story itself, its comments and everything per reader are read on every request, with or
without the page cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from nutgraf.web.stories import freshness

MAX_SECONDS = 300.0
MAX_ITEMS = 5000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Kept:
    generation: object
    expires: float
    value: Any


_kept: dict[Hashable, _Kept] = {}


def kept(key: Hashable, build: Callable[[], T]) -> T:
    """The value kept under `key`, or `build()`'s, kept from now on."""
    generation = freshness.current_generation()
    now = time.time()
    item = _kept.get(key)
    if item is not None and item.generation == generation and item.expires > now:
        return item.value  # type: ignore[no-any-return]
    value = build()
    if len(_kept) >= MAX_ITEMS:
        _kept.pop(next(iter(_kept)))  # the oldest entry
    expires = freshness.valid_until(now=now, seconds=MAX_SECONDS)
    _kept[key] = _Kept(generation, expires, value)
    return value


def forget() -> None:
    """Drop everything kept in this process (tests; a process after a restore)."""
    _kept.clear()
