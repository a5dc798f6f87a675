"""Fetching with manners: robots.txt obeyed, one request at a time per host, a delay between.

Every byte comes through the engine's HttpFetcher (its address and size checks included);
`NUTGRAF_FETCH_PRIVATE=1` relaxes only the address and port policy, for tests and intranets.
The host's turn is a lease (locks.py) plus the time its next request may go (Host.next_at), so
the rule holds across every worker. A job that cannot have its turn now raises JobLater
(errors.py).
"""

from __future__ import annotations

import contextlib
import time
import urllib.robotparser
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from nutgraf.engine.errors import FetchError
from nutgraf.engine.fetch import HttpFetcher
from nutgraf.web.jobs.errors import JobLater
from nutgraf.web.jobs.locks import lock_hold
from nutgraf.web.jobs.models import Host

ROBOTS_AGENT = "nutgraf"
ROBOTS_MAX_AGE = timedelta(hours=24)
# Short waits are slept through; longer ones hand the job back to the queue.
SLEEP_AT_MOST = 5.0


def fetcher_make() -> HttpFetcher:
    if settings.FETCH_PRIVATE:
        return HttpFetcher(allow_private=True, allowed_ports=None)
    return HttpFetcher()


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc.rsplit("@", 1)[-1] or "").lower()


@contextlib.contextmanager
def host_turn(*, url: str) -> Iterator[None]:
    """Hold `url`'s host for one request, after the host's delay; JobLater when it is busy.

    Runs on a worker or the local runner's thread, never a request's: a wait of up to
    SLEEP_AT_MOST seconds is slept through, a longer one goes back to the queue.
    """
    name = host_of(url)
    delay = settings.HOST_DELAY_SECONDS
    with lock_hold(key=f"host:{name}", lease=settings.JOB_LEASE_SECONDS + delay) as held:
        if not held:
            raise JobLater(max(delay, 1.0), f"another request to {name} is under way")
        host, _ = Host.objects.get_or_create(name=name)
        wait = (host.next_at - timezone.now()).total_seconds()
        if wait > SLEEP_AT_MOST:
            raise JobLater(wait, f"{name} may be asked again in {wait:.0f}s")
        if wait > 0:
            time.sleep(wait)
        try:
            yield
        finally:
            Host.objects.filter(name=name).update(next_at=timezone.now() + timedelta(seconds=delay))


def robots_allow(*, url: str, fetcher: HttpFetcher) -> bool:
    """robots.txt of `url`'s host permits nutgraf to fetch it (RFC 9309: a missing file allows
    everything; a server error or no answer allows nothing). Cached for a day per host."""
    parts = urlsplit(url)
    name = host_of(url)
    host, _ = Host.objects.get_or_create(name=name)
    # An unreachable robots.txt is asked again soon: a host that was down is not shut out a day.
    max_age = ROBOTS_MAX_AGE if host.robots_status != "unreachable" else timedelta(minutes=10)
    fresh = host.robots_fetched_at and timezone.now() - host.robots_fetched_at < max_age
    if not fresh:
        try:
            result = fetcher.fetch(
                f"{parts.scheme}://{parts.netloc}/robots.txt",
                keep_statuses=frozenset(range(400, 500)),
            )
        except FetchError:
            host.robots, host.robots_status = "", "unreachable"
        else:
            ok = result.status < 400
            text = result.content.decode("utf-8", "replace") if ok else ""
            host.robots, host.robots_status = text, "ok" if ok else "none"
        host.robots_fetched_at = timezone.now()
        host.save(update_fields=["robots", "robots_status", "robots_fetched_at"])
    if host.robots_status == "unreachable":
        return False
    rules = urllib.robotparser.RobotFileParser()
    rules.parse(host.robots.splitlines())
    return rules.can_fetch(ROBOTS_AGENT, url)
