"""The whole-page cache (NUTGRAF_PAGE_CACHE seconds): shared pages for anonymous readers.

Why not Django's cache middleware: a story page carries the comment form's CSRF token, so
Django either refuses to cache it (the response sets the CSRF cookie) or keeps one copy per
reader (Vary: Cookie); and its `Cache-Control: max-age` lets a browser show a page without the
comment its reader has just posted, or without an editor's change.

What this cache does:
- serves from memory only GET/HEAD requests without a query string and without cookies other
  than the CSRF one (a session means an editor; the comments cookie means the reader has
  comments waiting that only they see);
- stores only 200 responses that set no cookie, did not touch the session and are not
  private/no-store;
- stores no CSRF token: each token in the page is replaced by a mark, and every reader gets
  their own token (and cookie, via CsrfViewMiddleware) put back in, so forms keep working;
- drops every page within CHECK_SECONDS of any change: services call `pages_invalidate()`,
  which moves a generation number in the shared cache (every worker process sees it), and
  at the moment a scheduled story becomes visible (freshness.py);
- puts fresh per-reader values back into every copy it serves: the CSRF token, and whatever
  fields apps register with `fresh_field` (the comment form's signed timestamp);
- tells browsers `Cache-Control: max-age=0, must-revalidate`: the server keeps the copy.
It sits after CsrfViewMiddleware in MIDDLEWARE, so a hit still passes its response phase.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from nutgraf.web.stories.freshness import current_generation, pages_invalidate, valid_until

__all__ = ["PAGES", "PageCacheMiddleware", "fresh_field", "pages_invalidate"]

MAX_PAGES = 2000
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
TOKEN_MARK = rb"\1\0csrf\0\2"
CACHED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")


Refresh = Callable[[re.Match[bytes], HttpRequest], bytes]
#: (pattern, refresh) pairs applied to every page served from the cache; refresh gets the
#: request too (the comment form's token is issued for the reader's own browser).
FRESH_FIELDS: list[tuple[re.Pattern[bytes], Refresh]] = []


def fresh_field(pattern: re.Pattern[bytes], refresh: Refresh) -> None:
    """Have every served copy's matches of `pattern` replaced by `refresh(match, request)`."""
    FRESH_FIELDS.append((pattern, refresh))


@dataclass(frozen=True, slots=True)
class _Page:
    expires: float
    generation: object
    headers: tuple[tuple[str, str], ...]
    body: bytes
    has_token: bool


# One store per process (every middleware instance of the process shares it).
PAGES: dict[str, _Page] = {}


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS

    def _shareable_request(self, request: HttpRequest) -> bool:
        return (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.META.get("QUERY_STRING")
            and all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._shareable_request(request):
            return self.get_response(request)
        key = f"{request.scheme}://{request.get_host()}{request.path}"
        generation = current_generation()
        page = PAGES.get(key)
        if page is not None and page.generation == generation and page.expires > time.time():
            return self._serve(page, request)
        response = self.get_response(request)
        if self._shareable_response(request, response):
            body = response.content
            if len(PAGES) >= MAX_PAGES:
                PAGES.pop(next(iter(PAGES)))  # the oldest entry
            PAGES[key] = _Page(
                expires=valid_until(now=time.time(), seconds=self.seconds),
                generation=generation,
                headers=tuple(response.items()),
                body=TOKEN.sub(TOKEN_MARK, body),
                has_token=TOKEN.search(body) is not None,
            )
            response["X-Page-Cache"] = "miss"
        return response

    def _shareable_response(self, request: HttpRequest, response: HttpResponse) -> bool:
        control = response.get("Cache-Control", "")
        session = getattr(request, "session", None)
        shareable = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.accessed)
            and "private" not in control
            and "no-store" not in control
            and response.get("Content-Type", "").startswith(CACHED_TYPES)
        )
        if shareable:
            response["Cache-Control"] = "max-age=0, must-revalidate"
        return shareable

    def _serve(self, page: _Page, request: HttpRequest) -> HttpResponse:
        body = page.body
        if page.has_token:
            # This reader's own token (CsrfViewMiddleware sets their cookie on the way out).
            body = body.replace(b"\0csrf\0", get_token(request).encode())
        for pattern, refresh in FRESH_FIELDS:
            body = pattern.sub(lambda match, refresh=refresh: refresh(match, request), body)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        for name, value in page.headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        return response
