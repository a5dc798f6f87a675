"""Rate limits per client address, shared by every web process through Django's cache.

The cache is Redis when CACHE_URL is set and the database otherwise (settings.CACHES), so
gunicorn's workers, and several machines behind one proxy, count together. A limit is
"N/S": at most N actions in a fixed window of S seconds.

On Redis the count is an atomic INCR. On the database cache Django's incr() is a read and a
write; on SQLite they run in one IMMEDIATE transaction and so cannot interleave; on PostgreSQL
two requests of one client in the same instant may both read the same count, so a burst can
pass a limit by a request or two. That is the price of needing no extra service.
"""

from __future__ import annotations

import hashlib
import time
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.http import HttpRequest


@dataclass(frozen=True, slots=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> Rate:
        """'5/60' -> five per minute. Raises ValueError for anything else."""
        count, _, seconds = value.partition("/")
        rate = cls(int(count), int(seconds))
        if rate.count < 1 or rate.seconds < 1:
            raise ValueError(f"a rate needs a positive count and window: {value!r}")
        return rate


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends; 0 when allowed


def client_address(request: HttpRequest) -> str:
    """The client's address: the socket's, or behind a trusted proxy the hop the proxy added.

    Only the rightmost X-Forwarded-For entry is trusted: the client can write anything to the
    left of it.
    """
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def client_key(address: str) -> str:
    """A keyed hash of an address: counts and reports need identity, not the address itself."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()


def limit_hit(*, scope: str, address: str, rate: Rate, now: float | None = None) -> Decision:
    """Count one action of `address` in `scope`; refuse it when the window is already full."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"limit:{scope}:{client_key(address)[:32]}:{window}"
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    # Only the database cache needs the transaction (see above); on Redis it would take
    # SQLite's write lock for nothing.
    guard = transaction.atomic() if isinstance(cache, DatabaseCache) else nullcontext()
    with guard:
        if cache.add(key, 1, timeout=rate.seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, timeout=rate.seconds + 1)
                count = 1
    if count > rate.count:
        return Decision(allowed=False, retry_after=retry_after)
    return Decision(allowed=True, retry_after=0)
