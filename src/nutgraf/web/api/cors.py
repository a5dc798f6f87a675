"""Cross-origin access to the API for the origins named in NUTGRAF_CORS_ORIGINS.

No origin is allowed by default. "*" allows any: the API uses no cookies (tokens travel in the
Authorization header), so a wildcard exposes nothing a plain HTTP client could not already read.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type, If-None-Match, If-Modified-Since"
EXPOSE_HEADERS = "ETag, Last-Modified, Retry-After"
PREFLIGHT_SECONDS = "600"


def allowed_origin(request: HttpRequest) -> str | None:
    """The value for Access-Control-Allow-Origin, or None when the origin is not allowed."""
    origin = request.headers.get("Origin")
    allowed = getattr(settings, "API_CORS_ORIGINS", [])
    if not origin:
        return None
    if "*" in allowed:
        return "*"
    return origin if origin in allowed else None


def is_preflight(request: HttpRequest) -> bool:
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def preflight_response(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    origin = allowed_origin(request)
    if origin is not None:
        response["Access-Control-Allow-Methods"] = ALLOW_METHODS
        response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
        response["Access-Control-Max-Age"] = PREFLIGHT_SECONDS
    return cors_headers_add(request, response)


def cors_headers_add(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    origin = allowed_origin(request)
    if origin is not None:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
    if origin != "*":
        patch_vary_headers(response, ["Origin"])
    return response
