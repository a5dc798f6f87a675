"""Reads for subscriptions: which feeds are healthy, in words an editor acts on."""

from __future__ import annotations

from django.utils import timezone
from django.utils.timesince import timeuntil

from nutgraf.web.subscriptions.models import Feed


def feed_health(*, feed: Feed) -> str:
    """One line: healthy, unchanged, failing (how often, when it is tried again), ..."""
    if not feed.active:
        return "paused"
    if feed.status == Feed.Status.NEW:
        return "waiting for its first poll"
    if feed.failures:
        again = timeuntil(feed.next_poll_at, timezone.now())
        label = "blocked by robots.txt" if feed.status == Feed.Status.DISALLOWED else "failing"
        return f"{label}: {feed.failures} poll(s) in a row, next try in {again}"
    return "healthy"


def feeds_failing_count() -> int:
    return Feed.objects.filter(active=True, failures__gt=0).count()
