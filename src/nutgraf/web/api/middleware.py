"""The API's gate: every request under /api/ passes here before and after its view.

Before: CORS preflight, the rate limit of its kind (read, brief, write), the body's size and
content type. After: Django's own plain 404, 405 and 500 pages become the API's JSON error shape,
and CORS headers are added. Pages outside /api/ pass through untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from nutgraf.web.api import cors
from nutgraf.web.api.errors import error_response
from nutgraf.web.limits.clients import client_address
from nutgraf.web.limits.services import Rate, limit_hit

PREFIX = "/api/"
UNLIMITED = ("/api/v1/openapi.json", "/api/v1/docs")
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


def _scope(request: HttpRequest) -> tuple[str, str]:
    """The rate-limit scope of a request and the setting holding its rate."""
    if request.method == "POST":
        if request.path.rstrip("/").endswith("/briefs"):
            return "api-brief", "API_BRIEF_RATE"
        return "api-write", "API_WRITE_RATE"
    return "api-read", "API_READ_RATE"


def _client(request: HttpRequest) -> str:
    """Who is counted: the token when one is sent (editors share offices), else the address."""
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return "token:" + hashlib.sha256(auth[7:].strip().encode()).hexdigest()[:32]
    return client_address(request)


def _refusal(request: HttpRequest) -> HttpResponse | None:
    if not request.path.startswith(UNLIMITED):
        scope, setting = _scope(request)
        rate = Rate.parse(getattr(settings, setting))
        decision = limit_hit(scope=scope, address=_client(request), rate=rate)
        if not decision.allowed:
            response = error_response(
                429, f"Too many requests: at most {rate.count} every {rate.seconds} seconds."
            )
            response["Retry-After"] = str(decision.retry_after)
            return response
    if request.method in ("POST", "PUT", "PATCH"):
        try:
            length = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            return error_response(400, "Content-Length is not a number.")
        limit = settings.API_MAX_BODY_BYTES
        if length > limit:
            return error_response(413, f"The request body is larger than {limit} bytes.")
        kind = request.content_type or ""
        if length and kind != "application/json":
            return error_response(415, f"Send the body as application/json, not {kind!r}.")
    return None


def _as_json_error(response: HttpResponse) -> HttpResponse:
    """Django's own error pages (unknown path, wrong method, crash) in the API's shape."""
    if response.status_code not in (404, 405, 500) or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    allow = response.get("Allow")
    converted = error_response(
        response.status_code, f"This address takes only {allow}." if allow else None
    )
    if allow:
        converted["Allow"] = allow
    return converted


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if cors.is_preflight(request):
            return cors.preflight_response(request)
        response = _refusal(request) or _as_json_error(self.get_response(request))
        if request.path.startswith("/api/v1/docs"):
            response["Content-Security-Policy"] = DOCS_POLICY
        return cors.cors_headers_add(request, response)
