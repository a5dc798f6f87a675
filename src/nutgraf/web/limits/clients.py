"""Who a request comes from: the site's one answer, for rate limits, lockouts and reports."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str:
    """The client's address: the socket's, or behind a trusted proxy the hop the proxy added.

    Only the rightmost X-Forwarded-For entry is trusted, and only with NUTGRAF_BEHIND_PROXY: a
    client can write anything to the left of it, or the whole header when no proxy is there.
    """
    if request is None:
        return ""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def client_key(address: str) -> str:
    """A keyed hash of an address: counts and reports need identity, not the address itself."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()
