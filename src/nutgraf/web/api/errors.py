"""The API's one error shape, `{"error": {"code", "message"}}`, and its stable codes.

Every refusal the API makes goes through `error_response`: the handlers in api.py, the middleware
(sizes, content types, rate limits, Django's own 404 and 405) and the catch-all for 500. A message
is one sentence for a person; nothing from a traceback or the database ever reaches it.
"""

from __future__ import annotations

from django.http import JsonResponse

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}
MESSAGES = {
    400: "The request could not be read.",
    401: "This needs an API token: send 'Authorization: Bearer <token>'.",
    403: "This token may not do that.",
    404: "There is nothing here.",
    405: "This address does not take that method.",
    412: "The resource has changed.",
    413: "The request body is too large.",
    415: "Send the body as application/json.",
    422: "The request is not valid.",
    429: "Too many requests; wait a moment and try again.",
    500: "Something went wrong on our side; it has been logged.",
    503: "The site is busy; try again in a moment.",
}


class ApiError(Exception):
    """Raised by views for a refusal with its own message."""

    def __init__(self, status: int, message: str | None = None, *, code: str | None = None):
        super().__init__(message or MESSAGES[status])
        self.status = status
        self.code = code or CODES[status]
        self.message = message or MESSAGES[status]


def error_response(
    status: int, message: str | None = None, *, code: str | None = None
) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code or CODES[status], "message": message or MESSAGES[status]}},
        status=status,
    )
