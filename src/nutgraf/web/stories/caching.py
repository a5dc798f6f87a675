"""Pages every anonymous reader shares, kept with Django's cache framework.

    1. generation  `content_generation()` names the state of everything readers see. Services
                   call `content_changed()` after an edit, a publication, an approved comment
                   or a rename; it deletes the number from the default cache (the database
                   table, or Redis: every process reads the same one) and the next request makes
                   a new one. A number also runs out when a scheduled story becomes visible,
                   since nothing writes at that moment.
    2. pages       SharedPageMiddleware keeps whole pages for NUTGRAF_PAGE_CACHE seconds (0: off)
                   in the "pages" cache, LocMem in each process and bounded by its MAX_ENTRIES,
                   under (generation, canonical site, path). The canonical site is
                   NUTGRAF_SITE_URL when set, so a Host header with another port shares the copy.
                   Template fragments ({% cache %} in base, home and story templates) use the
                   same cache and the same generation, with the page cache on or off.
    3. headers     a shared page says `Cache-Control: max-age=0, s-maxage=1`, for the reverse
                   proxy's one-second micro-cache (deploy/nginx.conf), and `ETag: "<generation>"`;
                   Django's ConditionalGetMiddleware answers If-None-Match and If-Modified-Since
                   with 304. An answer to a personal request (the desk's session, the comments
                   cookie: see PERSONAL_COOKIES) is `private` and never kept.

A page is shared only if it carries nothing per reader: no cookie set, no session read, no CSRF
token issued. The comment forms get their reader's tokens from a private endpoint
(comments/views.py, comment_tokens).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

GENERATION_KEY = "nutgraf:content-generation"
PAGES = "pages"  # the cache alias of whole pages and template fragments
SHARED_CONTROL = "max-age=0, s-maxage=1"
SHARED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")


def content_changed(*args: object, **kwargs: object) -> None:
    """What readers see has changed: every kept page and fragment is stale.

    Deleted now and again once the transaction commits: the database cache deletes inside the
    writer's transaction, and Redis would otherwise let a reader keep the old rows under a new
    number. Takes and ignores a signal's arguments (stories/apps.py connects it).
    """
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def content_generation() -> int:
    """The current generation: a number that changes whenever what readers see changes."""
    now = time.time()
    value = cache.get(GENERATION_KEY)
    if value is None or value[1] <= now:
        value = (time.time_ns(), _next_publication(now))
        cache.set(GENERATION_KEY, value, timeout=None)
    return int(value[0])


def generation_time(generation: int) -> datetime:
    """When `generation` began: nothing readers see changed after it (for Last-Modified)."""
    return datetime.fromtimestamp(generation / 1e9, tz=UTC)


def _next_publication(now: float) -> float:
    from nutgraf.web.stories.models import Story

    upcoming = (
        Story.objects.filter(
            status=Story.Status.PUBLISHED, published_at__gt=datetime.fromtimestamp(now, tz=UTC)
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming is not None else float("inf")


def canonical_site(request: HttpRequest) -> str:
    """The site's absolute base URL: NUTGRAF_SITE_URL when set, else the request's own."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


class SharedPageMiddleware:
    """Whole shared pages from the "pages" cache, and the headers of shared and personal
    answers. Sits after CsrfViewMiddleware, which marks a response that issued a token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.pages = caches[PAGES]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        # Read before the view reads any content: a change meanwhile leaves what this request
        # keeps under a number nobody asks for again.
        generation = content_generation()
        request.content_generation = generation  # type: ignore[attr-defined]
        if any(name in request.COOKIES for name in settings.PERSONAL_COOKIES):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        key = None
        if self.seconds > 0 and request.method == "GET" and not request.META.get("QUERY_STRING"):
            key = f"page:{generation}:{canonical_site(request)}{request.path}"
            kept = self.pages.get(key)
            if kept is not None:
                status, headers, body = kept
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        if self._shareable(request, response):
            response["Cache-Control"] = SHARED_CONTROL
            response["ETag"] = f'"{generation:x}"'
            if key is not None:
                self.pages.set(key, (200, tuple(response.items()), response.content), self.seconds)
        return response

    @staticmethod
    def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
        session = getattr(request, "session", None)
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.accessed)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in control
            and "no-store" not in control
            and response.get("Content-Type", "").startswith(SHARED_TYPES)
        )
