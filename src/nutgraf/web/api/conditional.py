"""JSON responses with validators: an ETag over the exact body and a Last-Modified time.

Conditional requests are answered by Django's own RFC 9110 logic (get_conditional_response):
If-None-Match wins over If-Modified-Since, and a match gives 304 with no body. Caches must
revalidate every time (max-age=0), which the ETag makes cheap; it also keeps the optional
whole-page cache from storing API answers.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

CACHE_CONTROL = "public, max-age=0, must-revalidate"


def json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def conditional_json(
    request: HttpRequest, payload: Any, *, last_modified: datetime | None
) -> HttpResponse:
    body = json_bytes(payload)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    stamp = int(last_modified.timestamp()) if last_modified else None
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    answer = get_conditional_response(request, etag=etag, last_modified=stamp, response=response)
    # Given a response, Django returns it or a 304/412 in its place; the stub allows None.
    assert answer is not None
    return answer
