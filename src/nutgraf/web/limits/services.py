"""Rate limits: "at most N actions in S seconds" per client, exact across web processes.

A limit is counted by limits.counters (Redis INCR or one SQL upsert): the N+1th action in a
window is refused however many processes, threads or machines serve the burst. The window
starts at a client's first action and lasts S seconds; `retry_after` says when it ends.

Every place that counts uses `limit_hit`: comments and reports (comments.views), the API's
reads, briefs and writes (api.middleware); sign-in failures count through the same counters
(desk.lockout).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from nutgraf.web.limits.clients import client_key
from nutgraf.web.limits.counters import counter_add


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


def limit_key(*, scope: str, address: str) -> str:
    """The counter's name for one client in one scope (the address itself is not kept)."""
    return f"rate:{scope}:{client_key(address)[:32]}"


def limit_hit(*, scope: str, address: str, rate: Rate, now: float | None = None) -> Decision:
    """Count one action of `address` in `scope`; refuse it when the window is already full."""
    now = time.time() if now is None else now
    count = counter_add(name=limit_key(scope=scope, address=address), seconds=rate.seconds, now=now)
    if count.hits > rate.count:
        return Decision(allowed=False, retry_after=max(1, math.ceil(count.expires - now)))
    return Decision(allowed=True, retry_after=0)
