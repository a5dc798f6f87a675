"""Opaque, signed cursors for paginated lists.

A cursor holds where the previous page stopped (for stories: the last item's publication time and
id, so pages stay stable while new stories arrive; for search: an offset into the ranked hits).
It is signed, so a cursor the server did not make is refused with 400 instead of being trusted.
"""

from __future__ import annotations

from typing import Any

from django.core import signing

from nutgraf.web.api.errors import ApiError

SALT = "nutgraf.api.cursor"


def cursor_encode(value: dict[str, Any]) -> str:
    return signing.dumps(value, salt=SALT, compress=True)


def cursor_decode(raw: str, *, kind: str) -> dict[str, Any]:
    """The value of a cursor made by cursor_encode for a list of `kind`; ApiError(400) if not."""
    try:
        value = signing.loads(raw, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        value = None
    if not isinstance(value, dict) or value.get("k") != kind:
        raise ApiError(400, "The cursor is not one this list gave out.", code="bad_cursor")
    return value
