"""Jobs in-process: article jobs are idempotent by URL and content hash, leases exclude, the
interface queues jobs off the caller's thread without a broker, and logs can be JSON lines."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from nutgraf.engine.errors import FetchError
from nutgraf.web.jobs.articles import article_ingest
from nutgraf.web.jobs.local import Job, LocalRunner
from nutgraf.web.jobs.locks import lock_acquire, lock_hold, lock_release, lock_renew
from nutgraf.web.jobs.models import Ingested, JobLock
from nutgraf.web.jobs.services import MAX_FETCH_RETRIES, job_enqueue, retry_after
from nutgraf.web.logs import JsonFormatter
from nutgraf.web.stories.models import Story, StoryRevision

pytestmark = pytest.mark.django_db


def test_an_article_job_is_idempotent_by_url_and_content(jobs_here, site, run_jobs):
    path = next(iter(site.articles))
    url = f"{site.base}{path}"
    assert article_ingest(url=url) == "created"
    assert article_ingest(url=url) == "unchanged"
    assert (Story.objects.count(), Ingested.objects.count()) == (1, 1)
    # New bytes at the same URL re-compose that URL's story instead of making another.
    site.articles[path] = site.articles[path].replace(
        b"</p>", b" It was confirmed on Monday.</p>", 1
    )
    assert article_ingest(url=url) == "updated"
    story = Story.objects.get()
    assert b"confirmed on Monday" in bytes(story.source.content)
    assert Ingested.objects.filter(story=story).count() == 2
    assert list(StoryRevision.objects.filter(story=story).values_list("action", flat=True)) == [
        "recomposed",
        "composed",
    ]
    assert site.asked[path] == 3


def test_a_queued_job_waits_for_the_runner_not_the_caller(jobs_here, site, run_jobs):
    url = f"{site.base}{next(iter(site.articles))}"
    job_enqueue(name="article_ingest", key=url, arguments={"url": url})
    assert Story.objects.count() == 0  # queued: the caller did not run it
    assert run_jobs() == 1
    assert Story.objects.count() == 1


def test_a_transient_failure_is_retried_with_back_off(jobs_here, site, run_jobs, monkeypatch):
    site.failing = True
    url = f"{site.base}{next(iter(site.articles))}"
    with pytest.raises(FetchError, match="503"):
        article_ingest(url=url)  # the job itself lets the failure reach its runner
    waits = [retry_after(FetchError("503"), failures=n) for n in range(MAX_FETCH_RETRIES + 1)]
    assert waits == [2, 4, 8, 16, 32, None]
    # The runner retries it: no waiting here (its sleeps are patched out), two runs in all.
    monkeypatch.setattr("nutgraf.web.jobs.local.time.sleep", lambda seconds: None)
    job_enqueue(name="article_ingest", key=url, arguments={"url": url})

    def recover() -> None:
        site.failing = False

    monkeypatch.setattr(
        "nutgraf.web.jobs.local.LocalRunner.submit",
        _calling_first(LocalRunner.submit, recover),
    )
    assert run_jobs() == 2
    assert Ingested.objects.count() == 1


def _calling_first(method, before):
    def submit(self, job: Job, *, delay: float = 0.0) -> None:
        if job.failures:
            before()
        method(self, job, delay=delay)

    return submit


def test_an_unknown_job_fails_in_the_caller(jobs_here):
    with pytest.raises(ValueError, match="no job called"):
        job_enqueue(name="article_eat", key="x")


def test_the_sites_runner_thread_runs_jobs_off_the_request_thread():
    """The thread the site uses (JOBS_LOCAL_THREAD=1), on a job that needs no database."""
    ran = []
    runner = LocalRunner(background=True)
    done = threading.Event()

    def job_run(*, name, key, arguments):
        ran.append((threading.current_thread().name, name, key))
        done.set()

    import nutgraf.web.jobs.services as services

    original, services.job_run = services.job_run, job_run
    try:
        started = time.monotonic()
        runner.submit(Job(name="feed_poll", key="feed:1"), delay=0.2)
        assert ran == []  # submit returned at once
        assert done.wait(30)
        assert runner.wait_idle(30)
    finally:
        services.job_run = original
    assert ran == [("nutgraf-jobs", "feed_poll", "feed:1")]
    assert time.monotonic() - started >= 0.2  # not before it was due


def test_the_jobs_app_holds_this_process_runner():
    runner = apps.get_app_config("jobs").runner
    assert isinstance(runner, LocalRunner) and runner.background is False  # test settings


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
    with lock_hold(key="feed:9", lease=30) as held:
        assert held
        with lock_hold(key="feed:9", lease=30) as again:
            assert not again
    assert not JobLock.objects.filter(key="feed:9").exists()


def test_json_log_lines_carry_the_extra_fields():
    record = logging.LogRecord("nutgraf.jobs", logging.INFO, __file__, 1, "job done", (), None)
    record.job, record.seconds = "article_ingest", 1.25
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "job done" and line["level"] == "info"
    assert (line["job"], line["seconds"]) == ("article_ingest", 1.25)
