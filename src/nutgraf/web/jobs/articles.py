"""Article jobs: fetch → extract and compose → store, and re-compose a stored story.

Idempotent by (URL, SHA-256 of the bytes): the same bytes at the same URL become a story once,
however often the job is delivered; new bytes at a known URL re-compose that URL's story. The
unique constraint on Ingested is the last word when two deliveries race past the lock. An
article already made into a story another way (the desk, the API: same URL or same content)
is that story, not a second one (stories.services.story_ingest_or_get).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import time

from django.db import IntegrityError, transaction

from nutgraf.web.jobs.errors import JobLater
from nutgraf.web.jobs.models import Ingested
from nutgraf.web.jobs.politeness import fetcher_make, host_turn, robots_allow
from nutgraf.web.stories import composition, services
from nutgraf.web.stories.models import SourceDocument, Story

log = logging.getLogger("nutgraf.jobs")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_ingest(*, url: str) -> str:
    """Make `url` into a draft story; returns "created", "updated", "unchanged" or "disallowed".

    FetchError (a transient failure as far as the caller knows) propagates, to be retried.
    """
    from nutgraf.engine import read_source

    fetcher = fetcher_make()
    clock = [time.perf_counter()]
    with host_turn(url=url):
        if not robots_allow(url=url, fetcher=fetcher):
            return "disallowed"
        source = read_source(url, fetcher=fetcher)
    clock.append(time.perf_counter())
    url_hash, content_hash = sha256(url.encode()), sha256(source.content)
    if Ingested.objects.filter(url_hash=url_hash, content_hash=content_hash).exists():
        return "unchanged"
    composed = composition.compose_from_source(source)  # HTML cleaned, as on every path
    earlier = (
        Ingested.objects.filter(url_hash=url_hash, story__isnull=False)
        .order_by("-created_at")
        .first()
    )
    clock.append(time.perf_counter())
    try:
        with transaction.atomic():
            if earlier is not None and earlier.story is not None:
                story = _story_refresh(earlier.story, composed)
                outcome = "updated"
            else:
                story, created = services.story_ingest_or_get(composed=composed)
                outcome = "created" if created else "unchanged"
            Ingested.objects.create(
                url=url[:2000], url_hash=url_hash, content_hash=content_hash, story=story
            )
    except IntegrityError:
        if Ingested.objects.filter(url_hash=url_hash, content_hash=content_hash).exists():
            return "unchanged"  # another delivery of the same job stored it first
        # A race on a shared row (a new category, tag or entity made by another worker at
        # the same moment): nothing was stored, so run again.
        raise JobLater(0.5, f"{url} raced another job on a shared row") from None
    clock.append(time.perf_counter())
    # Where an article's time goes (`nutgraf bench ingest` adds these up).
    fetch, compose, store = (round(b - a, 4) for a, b in itertools.pairwise(clock))
    log.info(
        "article stored",
        extra={"url": url, "outcome": outcome, "fetch": fetch, "compose": compose, "store": store},
    )
    return outcome


def _story_refresh(story: Story, composed: composition.Composed) -> Story:
    """New bytes for a story's source: keep them, then re-compose (editors' choices stay)."""
    source = story.source
    source.content = composed.content
    source.media_type = composed.media_type
    fields = ["content", "media_type"]
    if not SourceDocument.objects.filter(content_hash=composed.digest).exists():
        source.content_hash = composed.digest  # the new version is found by its content too
        fields.append("content_hash")
    source.save(update_fields=fields)
    return services.story_recompose(story=story)


def story_recompose_job(*, story_id: int) -> str:
    story = Story.objects.select_related("source").filter(id=story_id).first()
    if story is None:
        return "gone"
    services.story_recompose(story=story)
    return "recomposed"
