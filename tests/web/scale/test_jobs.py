"""Jobs in-process: article jobs are idempotent by URL and content hash, leases exclude,
the interface runs jobs here without a broker, and logs can be JSON lines."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from nutgraf.engine.errors import FetchError
from nutgraf.web.jobs.locks import lock_acquire, lock_hold, lock_release, lock_renew
from nutgraf.web.jobs.models import Ingested, JobLock
from nutgraf.web.jobs.services import job_enqueue
from nutgraf.web.logs import JsonFormatter
from nutgraf.web.stories.models import Story, StoryRevision

pytestmark = pytest.mark.django_db


def test_an_article_job_is_idempotent_by_url_and_content(jobs_here, site):
    path = next(iter(site.articles))
    url = f"{site.base}{path}"
    run = lambda: job_enqueue(name="article_ingest", key=url, arguments={"url": url})  # noqa: E731
    assert run() == "created"
    assert run() == "unchanged"
    assert (Story.objects.count(), Ingested.objects.count()) == (1, 1)
    # New bytes at the same URL re-compose that URL's story instead of making another.
    site.articles[path] = site.articles[path].replace(
        b"</p>", b" It was confirmed on Monday.</p>", 1
    )
    assert run() == "updated"
    story = Story.objects.get()
    assert b"confirmed on Monday" in bytes(story.source.content)
    assert Ingested.objects.filter(story=story).count() == 2
    assert list(StoryRevision.objects.filter(story=story).values_list("action", flat=True)) == [
        "recomposed",
        "composed",
    ]
    assert site.asked[path] == 3


def test_a_transient_failure_reaches_the_caller_to_be_retried(jobs_here, site):
    site.failing = True
    url = f"{site.base}{next(iter(site.articles))}"
    with pytest.raises(FetchError, match="503"):
        job_enqueue(name="article_ingest", key=url, arguments={"url": url})
    assert Ingested.objects.count() == 0


def test_an_unknown_job_fails_in_the_caller(jobs_here):
    with pytest.raises(ValueError, match="no job called"):
        job_enqueue(name="article_eat", key="x")


def test_a_lease_has_one_holder_until_it_expires():
    assert lock_acquire(key="story:1", owner="a", lease=30)
    assert not lock_acquire(key="story:1", owner="b", lease=30)
    assert lock_renew(key="story:1", owner="a", lease=30)
    assert not lock_renew(key="story:1", owner="b", lease=30)
    lock_release(key="story:1", owner="b")  # not b's to release
    assert JobLock.objects.filter(key="story:1", owner="a").exists()
    # A holder that died stops renewing; once the lease has passed another may take it.
    JobLock.objects.filter(key="story:1").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert lock_acquire(key="story:1", owner="b", lease=30)
    assert list(JobLock.objects.values_list("owner", flat=True)) == ["b"]


def test_lock_hold_releases_and_reports_a_busy_key():
    with lock_hold(key="feed:9", lease=30, renew=False) as held:
        assert held
        with lock_hold(key="feed:9", lease=30, renew=False) as again:
            assert not again
    assert not JobLock.objects.filter(key="feed:9").exists()


def test_json_log_lines_carry_the_extra_fields():
    record = logging.LogRecord("nutgraf.jobs", logging.INFO, __file__, 1, "job done", (), None)
    record.job, record.seconds = "article_ingest", 1.25
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "job done" and line["level"] == "info"
    assert (line["job"], line["seconds"]) == ("article_ingest", 1.25)
