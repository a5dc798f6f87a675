"""Parts of public pages that every reader shares, kept in each web process until they change.

The navigation's sections, a story's Related Articles, the home page's story listing, the
feeds and the sitemaps are the same for every reader and change only when content does. They
are kept in memory and dropped when the content generation moves, after MAX_SECONDS, or when
a scheduled story becomes visible (freshness.py).
The story itself, its comments and everything per reader are read on every request, with or
without the page cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

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


_MISSING = object()


def _lookup(key: Hashable) -> Any:
    item = _kept.get(key)
    if (
        item is not None
        and item.generation == freshness.current_generation()
        and item.expires > time.time()
    ):
        return item.value
    return _MISSING


def _keep(key: Hashable, value: Any, generation: object) -> None:
    if len(_kept) >= MAX_ITEMS:
        _kept.pop(next(iter(_kept)))  # the oldest entry
    expires = freshness.valid_until(now=time.time(), seconds=MAX_SECONDS)
    _kept[key] = _Kept(generation, expires, value)


def kept(key: Hashable, build: Callable[[], T]) -> T:
    """The value kept under `key`, or `build()`'s, kept from now on."""
    value = _lookup(key)
    if value is not _MISSING:
        return value  # type: ignore[no-any-return]
    generation = freshness.current_generation()  # read before building: a change meanwhile wins
    value = build()
    _keep(key, value, generation)
    return value  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def kept_response(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`view`, with its 200 responses to GET/HEAD without a query string kept per host and
    path: for views whose answer is the same for every reader (feeds, sitemaps)."""

    @wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
            return view(request, *args, **kwargs)
        key = ("response", request.get_host(), request.path)
        hit = _lookup(key)
        if isinstance(hit, _Response):
            response = HttpResponse(hit.body, status=hit.status)
            for name, value in hit.headers:
                response[name] = value
            return response
        generation = freshness.current_generation()
        response = view(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render):
            render()  # a TemplateResponse (the sitemap view)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = bytes(response.content)
            _keep(key, _Response(200, tuple(response.items()), body), generation)
        return response

    return serve


def forget() -> None:
    """Drop everything kept in this process (tests; a process after a restore)."""
    _kept.clear()
