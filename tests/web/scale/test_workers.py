"""Real Celery workers on Redis and PostgreSQL (run by `make test-postgres`).

- A worker killed with SIGKILL in the middle of a job: the job runs again on another worker;
  nothing is lost (every article becomes a story) and nothing is duplicated (one story each).
- Two deliveries of a job on the same key never run at once.
- A transient failure is retried with back-off until the server answers.
"""

from __future__ import annotations

import signal

import pytest
from django.db import connection

from nutgraf.web.jobs.models import Ingested, JobLock
from nutgraf.web.jobs.services import job_enqueue
from nutgraf.web.stories.models import Story

from .workers import wait_for, workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.slow]


def enqueue(site, path: str) -> None:
    url = f"{site.base}{path}"
    job_enqueue(name="article_ingest", key=url, arguments={"url": url})


def test_a_job_on_a_killed_worker_runs_again_elsewhere(settings, site, tmp_path):
    paths = list(site.articles)
    site.hold[paths[0]] = 4.0  # the first answer is slow: the worker is mid-job when killed
    with workers(connection, settings, tmp_path) as start:
        first = start("first")
        enqueue(site, paths[0])
        wait_for(site.arrived.setdefault(paths[0], __import__("threading").Event()).is_set,
                 seconds=60, what="the first worker to start the job")  # fmt: skip
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        start("second")
        for path in paths[1:]:
            enqueue(site, path)
        wait_for(lambda: Story.objects.count() == len(paths), seconds=120, what="every story")
    assert site.asked[paths[0]] == 2  # fetched by the killed worker, then by the other one
    assert Story.objects.count() == len(paths)
    assert Ingested.objects.count() == len(paths)
    assert sorted(Story.objects.values_list("source__url", flat=True)) == sorted(
        f"{site.base}{p}" for p in paths
    )
    assert not JobLock.objects.exists()  # the dead worker's leases expired and were taken


def test_the_same_story_is_never_worked_on_twice_at_once(settings, site, tmp_path):
    path = next(iter(site.articles))
    site.hold[path] = 2.0
    with workers(connection, settings, tmp_path) as start:
        start("one"), start("two")
        enqueue(site, path)
        enqueue(site, path)
        wait_for(lambda: Story.objects.count() == 1 and site.asked[path] == 2
                 and not JobLock.objects.filter(key__startswith="job:").exists(),
                 seconds=120, what="both deliveries to finish")  # fmt: skip
    assert site.most_in_flight[path] == 1
    assert Story.objects.count() == 1 and Ingested.objects.count() == 1


def test_a_transient_failure_is_retried_with_back_off(settings, site, tmp_path):
    path = next(iter(site.articles))
    site.failing = True
    with workers(connection, settings, tmp_path) as start:
        start("only")
        enqueue(site, path)
        wait_for(lambda: site.asked[path] >= 2, seconds=60, what="a retry")
        site.failing = False
        wait_for(lambda: Story.objects.count() == 1, seconds=60, what="the story")
    assert site.answered[(path, 503)] >= 2 and site.answered[(path, 200)] == 1
