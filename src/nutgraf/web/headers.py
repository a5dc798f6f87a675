"""Security headers Django 5.2 does not set itself: Content-Security-Policy and Permissions-Policy.

No page runs inline script: the one script is a static file loaded with `defer`. JSON-LD blocks
are data, which CSP does not govern. The desk (Django admin) keeps inline style attributes, so
only its policy allows them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DESK_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        desk = request.path.startswith("/desk/")
        response.headers.setdefault("Content-Security-Policy", DESK_POLICY if desk else POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        return response
