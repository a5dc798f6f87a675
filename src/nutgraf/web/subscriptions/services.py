"""Writes for subscriptions: subscribe, poll one feed (a job), schedule the feeds that are due.

A poll, in order:
    1. robots.txt     the host's rules must allow the feed's URL, or the feed is "disallowed"
    2. host's turn    one request at a time per host, NUTGRAF_HOST_DELAY apart (politeness.py)
    3. conditional    If-None-Match / If-Modified-Since from the last answer; a 304 ends here
    4. parse          RSS/Atom (engine.feeds) or sitemap (engine.sitemaps), from bytes only
    5. new items      links not seen in this feed before; each gets one article_ingest job
A failed poll doubles the wait before the next (interval × 2^failures, at most MAX_BACKOFF).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from nutgraf.engine.errors import FetchError, InputError
from nutgraf.engine.feeds import parse_feed
from nutgraf.engine.sitemaps import parse_sitemap
from nutgraf.web.jobs.articles import sha256
from nutgraf.web.jobs.errors import JobQueueDown
from nutgraf.web.jobs.politeness import fetcher_make, host_turn, robots_allow
from nutgraf.web.jobs.services import job_enqueue
from nutgraf.web.subscriptions.models import Feed, FeedEntry

log = logging.getLogger("nutgraf.feeds")

MAX_BACKOFF = timedelta(hours=12)
MAX_ITEMS = 200  # items read per poll: a sitemap of a whole archive is not a news feed
QUEUE_DOWN_RETRY = timedelta(minutes=1)  # a poll the job queue refused is due again then


def feed_subscribe(
    *, url: str, kind: str = Feed.Kind.FEED, interval: int | None = None, editor: Any = None
) -> Feed:
    """Follow `url` (polled every `interval` seconds, default NUTGRAF_FEED_INTERVAL)."""
    interval = interval or settings.FEED_INTERVAL_SECONDS
    feed, _ = Feed.objects.get_or_create(
        url=url.strip(),
        defaults={
            "kind": kind,
            "interval": max(int(interval), 30),
            "created_by": editor if getattr(editor, "pk", None) else None,
        },
    )
    return feed


def _backoff(feed: Feed) -> timedelta:
    return min(timedelta(seconds=feed.interval * 2**feed.failures), MAX_BACKOFF)


def _fail(feed: Feed, status: str, error: str, now: datetime) -> str:
    feed.failures += 1
    feed.status = status
    feed.last_error = error[:500]
    feed.next_poll_at = now + _backoff(feed)
    feed.save()
    log.warning("feed failed", extra={"feed": feed.id, "url": feed.url, "error": error})
    return status


def feed_poll(*, feed_id: int) -> str:
    """Poll one feed (the `feed_poll` job); returns its new status."""
    feed = Feed.objects.filter(id=feed_id, active=True).first()
    if feed is None:
        return "gone"
    fetcher = fetcher_make()
    conditions = [("If-None-Match", feed.etag)] if feed.etag else []
    if feed.last_modified:
        conditions.append(("If-Modified-Since", feed.last_modified))
    now = timezone.now()
    feed.last_polled_at, feed.polls = now, feed.polls + 1
    try:
        with host_turn(url=feed.url):
            if not robots_allow(url=feed.url, fetcher=fetcher):
                return _fail(feed, Feed.Status.DISALLOWED, "robots.txt disallows this URL", now)
            result = fetcher.fetch(feed.url, headers=conditions, keep_statuses=frozenset({304}))
    except FetchError as error:
        return _fail(feed, Feed.Status.FAILING, str(error), now)
    if result.status == 304:
        feed.status, feed.failures, feed.last_error = Feed.Status.NOT_MODIFIED, 0, ""
        feed.not_modified += 1
        feed.last_success_at, feed.next_poll_at = now, now + timedelta(seconds=feed.interval)
        feed.save()
        return feed.status
    try:
        items = _items(feed, result.content)
    except InputError as error:
        return _fail(feed, Feed.Status.FAILING, str(error), now)
    headers = {name.lower(): value for name, value in result.headers}
    feed.etag = headers.get("etag", "")[:500]
    feed.last_modified = headers.get("last-modified", "")[:100]
    new = _remember(feed, items)
    feed.items_added += len(new)
    feed.status, feed.failures, feed.last_error = Feed.Status.OK, 0, ""
    feed.last_success_at, feed.next_poll_at = now, now + timedelta(seconds=feed.interval)
    feed.save()
    log.info("feed read", extra={"feed": feed.id, "items": len(items), "new": len(new)})
    for sent, url in enumerate(new):
        try:
            job_enqueue(name="article_ingest", key=url, arguments={"url": url})
        except JobQueueDown as error:
            return _forget(feed, new[sent:], str(error))
    return feed.status


def _forget(feed: Feed, urls: list[str], error: str) -> str:
    """The job queue refused the items `urls`: unsee them and the feed's validators, so the
    next poll (after the failure's back-off) reads them again and sends them then."""
    FeedEntry.objects.filter(feed=feed, url_hash__in=[sha256(u.encode()) for u in urls]).delete()
    feed.items_added -= len(urls)
    feed.etag, feed.last_modified = "", ""
    return _fail(feed, Feed.Status.FAILING, error, timezone.now())


def _items(feed: Feed, content: bytes) -> list[tuple[str, str]]:
    """(link, title) of the feed's items, first MAX_ITEMS, only http(s) links."""
    if feed.kind == Feed.Kind.SITEMAP:
        pairs = [(e.url, e.title or "") for e in parse_sitemap(content) if not e.is_sitemap]
    else:
        parsed = parse_feed(content)
        if parsed and parsed[0].feed_title and not feed.title:
            feed.title = parsed[0].feed_title[:300]
        pairs = [(item.link or "", item.title) for item in parsed]
    return [(u.strip(), t) for u, t in pairs if u.strip().startswith(("http://", "https://"))][
        :MAX_ITEMS
    ]


def _remember(feed: Feed, items: list[tuple[str, str]]) -> list[str]:
    """Links not seen in `feed` before, now recorded; each is returned once across workers."""
    new = []
    for url, title in items:
        try:
            with transaction.atomic():
                FeedEntry.objects.create(
                    feed=feed, url=url[:2000], url_hash=sha256(url.encode()), title=title[:500]
                )
        except IntegrityError:
            continue
        new.append(url)
    return new


def feeds_schedule(*, now: datetime | None = None) -> list[int]:
    """Enqueue a poll of every active feed that is due; returns the ids of those enqueued.

    A feed is claimed by moving its next poll time with a compare-and-set, so two schedulers
    running at once enqueue it once; the poll sets the real next time when it ends. When the
    job queue refuses a poll, the feed is due again after QUEUE_DOWN_RETRY.
    """
    now = now or timezone.now()
    due = Feed.objects.filter(active=True, next_poll_at__lte=now).values_list(
        "id", "next_poll_at", "interval"
    )
    claimed = []
    for feed_id, next_poll_at, interval in list(due[:500]):
        claim = now + timedelta(seconds=max(interval, 60))
        if Feed.objects.filter(id=feed_id, next_poll_at=next_poll_at).update(next_poll_at=claim):
            claimed.append(feed_id)
    enqueued = []
    for feed_id in claimed:
        try:
            feed_poll_enqueue(feed_id=feed_id)
        except JobQueueDown:
            continue
        enqueued.append(feed_id)
    return enqueued


def feed_poll_enqueue(*, feed_id: int) -> None:
    """Send a poll of the feed to the jobs; JobQueueDown when the queue refuses it, and then
    the feed is due again in QUEUE_DOWN_RETRY, for the scheduler to send it when it is back."""
    try:
        job_enqueue(name="feed_poll", key=f"feed:{feed_id}", arguments={"feed_id": feed_id})
    except JobQueueDown:
        Feed.objects.filter(id=feed_id).update(next_poll_at=timezone.now() + QUEUE_DOWN_RETRY)
        raise
