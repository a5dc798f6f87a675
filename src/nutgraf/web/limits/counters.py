"""Exact counters and slots shared by every web process: one atomic operation each.

Rate limits, sign-in lockouts and the pool of concurrent briefs count here. A count must be
exact under concurrency: two requests of one client in the same instant must never both read
"4" and both write "5". So nothing here reads and then writes:

    store        when                                 a hit is
    Redis        settings.CACHES is Redis (CACHE_URL)   one Lua script: INCRBY, then PEXPIRE on
                                                      the first hit of a window
    database     otherwise (SQLite or PostgreSQL)     one INSERT ... ON CONFLICT DO UPDATE ...
                                                      RETURNING (limits.models.Counter)

A counter's window starts at its first hit and lasts `seconds`; the hit after it ends starts a
new one. Django's cache API is not used: its incr() is a read and a write on the database
cache, which is how a burst once let 6 comments through a limit of 5.

Slots are places in a small pool (at most N briefs at once): taking one is one atomic
"insert, or take over if its holder's lease has run out" (SET NX PX on Redis); giving it back
deletes it only if this holder still has it.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.db import connection

from nutgraf.web.limits.models import Counter, Slot


@dataclass(frozen=True, slots=True)
class Count:
    hits: int  # hits in the current window, this one included
    expires: float  # Unix time at which the window ends


class Store(Protocol):
    def add(self, name: str, *, seconds: float, delta: int, now: float) -> Count: ...
    def peek(self, name: str, *, now: float) -> int: ...
    def clear(self, name: str) -> None: ...
    def take(self, name: str, *, holder: str, seconds: float, now: float) -> bool: ...
    def give_back(self, name: str, *, holder: str) -> None: ...


class DatabaseStore:
    """Counters and slots in two tables of the site's database; one statement per operation."""

    def _tables(self) -> tuple[str, str]:
        quote = connection.ops.quote_name
        return quote(Counter._meta.db_table), quote(Slot._meta.db_table)

    def add(self, name: str, *, seconds: float, delta: int, now: float) -> Count:
        counters, _ = self._tables()
        fresh = now + seconds
        with connection.cursor() as cursor:
            # Both SET expressions read the row as it was: a window that has ended restarts.
            cursor.execute(
                f"INSERT INTO {counters} (name, hits, expires) VALUES (%s, %s, %s) "  # noqa: S608 - table names from models, values bound
                "ON CONFLICT (name) DO UPDATE SET "
                f"hits = CASE WHEN {counters}.expires <= %s THEN excluded.hits "
                f"ELSE {counters}.hits + excluded.hits END, "
                f"expires = CASE WHEN {counters}.expires <= %s THEN excluded.expires "
                f"ELSE {counters}.expires END "
                "RETURNING hits, expires",
                [name, delta, fresh, now, now],
            )
            hits, expires = cursor.fetchone()
            if expires == fresh:
                # A window began: a cheap moment to drop the windows that have ended (an
                # index on expires), so the table holds only live counters.
                cursor.execute(f"DELETE FROM {counters} WHERE expires <= %s", [now])  # noqa: S608
        return Count(hits=int(hits), expires=float(expires))

    def peek(self, name: str, *, now: float) -> int:
        counters, _ = self._tables()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT hits FROM {counters} WHERE name = %s AND expires > %s",  # noqa: S608
                [name, now],
            )
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def clear(self, name: str) -> None:
        counters, _ = self._tables()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {counters} WHERE name = %s", [name])  # noqa: S608

    def take(self, name: str, *, holder: str, seconds: float, now: float) -> bool:
        _, slots = self._tables()
        with connection.cursor() as cursor:
            # A row comes back only when it was inserted or taken over from an expired lease.
            cursor.execute(
                f"INSERT INTO {slots} (name, holder, expires) VALUES (%s, %s, %s) "  # noqa: S608
                "ON CONFLICT (name) DO UPDATE SET "
                "holder = excluded.holder, expires = excluded.expires "
                f"WHERE {slots}.expires <= %s RETURNING holder",
                [name, holder, now + seconds, now],
            )
            return cursor.fetchone() is not None

    def give_back(self, name: str, *, holder: str) -> None:
        _, slots = self._tables()
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {slots} WHERE name = %s AND holder = %s",  # noqa: S608
                [name, holder],
            )


# INCRBY, and the window's expiry set on its first hit (a key without one gets it too, so
# no count can outlive its window). Returns the count and the milliseconds left.
_ADD = """
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {hits, left}
"""
_GIVE_BACK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@cache
def _redis_client(url: str) -> Any:
    import redis  # the `scale` extra; only reached when CACHE_URL names Redis

    # One connection pool per process and URL, as Django's own Redis cache keeps (thread-safe).
    return redis.Redis.from_url(url)


class RedisStore:
    """Counters and slots as Redis keys under `<KEY_PREFIX>:nutgraf:limit:`."""

    def __init__(self, url: str, prefix: str) -> None:
        self.client = _redis_client(url)
        self.prefix = f"{prefix}:nutgraf:limit:" if prefix else "nutgraf:limit:"

    def add(self, name: str, *, seconds: float, delta: int, now: float) -> Count:
        milliseconds = max(1, round(seconds * 1000))
        hits, left = self.client.eval(_ADD, 1, self.prefix + name, milliseconds, delta)
        return Count(hits=int(hits), expires=now + int(left) / 1000)

    def peek(self, name: str, *, now: float) -> int:
        value = self.client.get(self.prefix + name)
        return int(value) if value is not None else 0

    def clear(self, name: str) -> None:
        self.client.delete(self.prefix + name)

    def take(self, name: str, *, holder: str, seconds: float, now: float) -> bool:
        milliseconds = max(1, round(seconds * 1000))
        return bool(self.client.set(self.prefix + name, holder, nx=True, px=milliseconds))

    def give_back(self, name: str, *, holder: str) -> None:
        self.client.eval(_GIVE_BACK, 1, self.prefix + name, holder)


def store() -> Store:
    """Redis when the site's cache is Redis, else the database: the same choice as CACHES."""
    default = settings.CACHES.get("default", {})
    if str(default.get("BACKEND", "")).endswith("RedisCache"):
        location = default["LOCATION"]
        url = location[0] if isinstance(location, list | tuple) else str(location).split(",")[0]
        return RedisStore(url, str(default.get("KEY_PREFIX", "")))
    return DatabaseStore()


def counter_add(*, name: str, seconds: float, delta: int = 1, now: float | None = None) -> Count:
    """Add `delta` to the counter `name` (a window of `seconds` starts at its first hit)."""
    return store().add(name, seconds=seconds, delta=delta, now=time.time() if now is None else now)


def counter_peek(*, name: str, now: float | None = None) -> int:
    """The counter's hits in its current window; 0 when it has none."""
    return store().peek(name, now=time.time() if now is None else now)


def counter_clear(*, name: str) -> None:
    store().clear(name)


def slot_take(*, pool: str, size: int, seconds: float, now: float | None = None) -> str | None:
    """A place in `pool` (at most `size` held at once), or None when every place is held.

    The place is leased for `seconds`: give it back with `slot_give_back`; if its holder dies,
    the lease runs out and another request takes it. Returns an opaque handle.
    """
    if size < 1:
        return None
    at = time.time() if now is None else now
    holder = secrets.token_hex(16)
    chosen = store()
    start = secrets.randbelow(size)  # spread concurrent takers over the places
    for i in range(size):
        name = f"{pool}:{(start + i) % size}"
        if chosen.take(name, holder=holder, seconds=seconds, now=at):
            return f"{name}|{holder}"
    return None


def slot_give_back(*, handle: str) -> None:
    name, _, holder = handle.rpartition("|")
    store().give_back(name, holder=holder)
