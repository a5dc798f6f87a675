"""The API object: django-ninja, its OpenAPI document, docs page, token auth and error handlers.

Every exception a view can raise ends here as `{"error": {"code", "message"}}` (errors.py):
validation problems are 422 with the fields named, the engine's NutgrafError is 422 with its
own sentence (413 for a text longer than the engine reads, 503 for a brief that used its time
budget), and anything unexpected is logged and answered with a bare 500, never a traceback.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from nutgraf.engine import (
    BlockedAddressError,
    ExtractionError,
    FetchError,
    NutgrafError,
    TextTooLongError,
    TimeBudgetError,
)
from nutgraf.web.api.errors import CODES, ApiError, error_response

logger = logging.getLogger("nutgraf.api")

DESCRIPTION = """\
Sourced briefs of news articles, and the stories published on this site.

* `POST /briefs` turns text, HTML or a URL into a brief (the engine's JSON contract,
  docs/brief-json.md) without storing anything.
* The `GET` endpoints read published stories, their source articles and the entities they name;
  lists are cursor-paginated and every answer carries `ETag` and `Last-Modified`.
* `GET /coverages` lists coverages (one event told by several outlets: the merged brief, each
  story's role, independent-report counts); `GET /stories/{id}/coverage` gives a story's.
* `POST /articles` ingests an article as a draft story; it needs an editor's API token
  (`Authorization: Bearer ngk_...`), made in the desk under *API tokens*.

Errors are always `{"error": {"code": "...", "message": "..."}}`.
"""


api = NinjaAPI(
    title="nutgraf API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _engine_code(exc: NutgrafError) -> str:
    if isinstance(exc, BlockedAddressError):
        return "blocked_address"
    if isinstance(exc, FetchError):
        return "fetch_failed"
    if isinstance(exc, ExtractionError):
        return "no_article"
    return "bad_input"


def _field(loc: list[object]) -> str:
    # ninja prefixes the parameter's source ("body", "query", "path") and the model's name.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "data")]
    return ".".join(parts) or "body"


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.message, code=exc.code)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = [f"{_field(list(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in exc.errors]
    message = "; ".join(problems[:3]) or "The request is not valid."
    return error_response(422, message[:500] + ("" if message.endswith(".") else "."))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(401, "A valid API token is needed: 'Authorization: Bearer ngk_...'.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code if exc.status_code in CODES else 400
    if status == 400:
        return error_response(400, "The request body is not valid JSON.")
    return error_response(status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404)


@api.exception_handler(NutgrafError)
def _engine_refused(request: HttpRequest, exc: NutgrafError) -> HttpResponse:
    if isinstance(exc, TextTooLongError):
        return error_response(413, str(exc), code="text_too_long")
    if isinstance(exc, TimeBudgetError):
        return error_response(503, str(exc), code="too_slow")
    return error_response(422, str(exc), code=_engine_code(exc))


@api.exception_handler(Exception)
def _crashed(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API request failed: %s %s", request.method, request.path)
    return error_response(500)


from nutgraf.web.api import views  # noqa: E402  (the routes register themselves on `api`)

api.add_router("", views.router)
