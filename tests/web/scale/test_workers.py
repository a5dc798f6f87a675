"""Real Celery workers on Redis and PostgreSQL (run by `make test-postgres`).

- Under the default settings, a worker SIGKILLed in the middle of a batch: its job is handed
  to another worker, which finishes the batch within 5 minutes; nothing is lost (every article
  becomes a story) and nothing is duplicated (one story each, each stored once).
- A job that runs longer than the visibility timeout stays with its live worker (its delivery
  is renewed with its lease): it is not handed to a second worker and fetched again.
- Two deliveries of a job on the same key never run at once.
- A transient failure is retried with back-off until the server answers.
- POST /api/v1/articles goes through the queue: 202 and a submission to follow; the same
  article posted twice, even before the first is done, is one story.
"""

from __future__ import annotations

import signal
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection

from nutgraf.web.api.services import token_create
from nutgraf.web.jobs.models import Ingested, JobLock, Submission
from nutgraf.web.jobs.services import job_enqueue
from nutgraf.web.stories.models import Story

from .feedserver import feed_site, sample_articles
from .workers import wait_for, workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.slow]

BATCH = 6
HANDED_ON_WITHIN = 300.0  # seconds: the "within 5 minutes", under the defaults


def enqueue(site, path: str) -> None:
    url = f"{site.base}{path}"
    job_enqueue(name="article_ingest", key=url, arguments={"url": url})


def test_a_killed_workers_batch_is_finished_by_another_under_the_defaults(settings, tmp_path):
    with feed_site(sample_articles(BATCH)) as site:
        paths = list(site.articles)
        site.hold[paths[0]] = 10.0  # the first answer is slow: the worker is mid-job when killed
        arrived = site.arrived.setdefault(paths[0], threading.Event())
        with workers(connection, settings, tmp_path, environment={}) as start:
            first = start("first")
            for path in paths:
                enqueue(site, path)
            wait_for(arrived.is_set, seconds=120, what="the first worker to start the batch")
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed = time.monotonic()
            start("second")
            wait_for(
                lambda: Story.objects.count() == len(paths),
                seconds=HANDED_ON_WITHIN,
                what="the other worker to finish the batch",
            )
            recovered = time.monotonic() - killed
    print(f"\nbatch of {len(paths)} finished {recovered:.0f} s after the SIGKILL (defaults)")
    assert site.asked[paths[0]] == 2  # fetched by the killed worker, then by the other one
    assert Story.objects.count() == len(paths)
    assert Ingested.objects.count() == len(paths)
    assert sorted(Story.objects.values_list("source__url", flat=True)) == sorted(
        f"{site.base}{p}" for p in paths
    )
    assert not JobLock.objects.filter(key__startswith="job:").exists()


def test_a_long_job_stays_with_its_live_worker(settings, site, tmp_path):
    path = next(iter(site.articles))
    # Three times the visibility timeout below, and inside the fetcher's 15 s deadline.
    site.hold[path] = 12.0
    fast = {"NUTGRAF_JOB_VISIBILITY": "4", "NUTGRAF_JOB_LEASE": "3", "NUTGRAF_HOST_DELAY": "0"}
    with workers(connection, settings, tmp_path, environment=fast) as start:
        start("one"), start("two")
        enqueue(site, path)
        wait_for(lambda: Story.objects.count() == 1, seconds=120, what="the story")
        time.sleep(8)  # a delivery handed on would now run again on the other worker
    assert site.asked[path] == 1
    assert Story.objects.count() == 1 and Ingested.objects.count() == 1


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


TEXT = """Lighthouse keepers return to Skerra Point

The Skerra Point lighthouse will be staffed again from June, the coastal board said on Friday,
after two groundings in a year on the reef below it.

Board chair Ines Morrow said automatic lamps had failed twice in storms. Three keepers will live
on the point in rotation, at a cost of 400,000 crowns a year.
"""  # fictional


def test_the_api_queues_articles_and_one_article_is_one_story(
    settings, site, tmp_path, client, django_user_model
):
    cache.clear()
    editor = django_user_model.objects.create_superuser("api", "api@example.org", "pw-api-123")
    auth = {"Authorization": f"Bearer {token_create(name='tests', user=editor)[1]}"}

    def post(**body):
        return client.post("/api/v1/articles", body, content_type="application/json", headers=auth)

    with workers(connection, settings, tmp_path) as start:
        # Twice before any worker runs: both are queued, and become one story.
        first, second = post(text=TEXT), post(text=TEXT.replace("\n", "\r\n"))
        url = f"{site.base}{next(iter(site.articles))}"
        by_url = post(url=url)
        assert [r.status_code for r in (first, second, by_url)] == [202, 202, 202]
        assert first["Location"] == f"/api/v1/submissions/{first.json()['id']}"
        assert first.json()["status"] == "queued" and first.json()["story_id"] is None
        start("only")

        def done() -> bool:
            return not Submission.objects.filter(status=Submission.Status.QUEUED).exists()

        wait_for(done, seconds=120, what="the worker to make the submissions into stories")
        answers = [client.get(r["Location"], headers=auth).json() for r in (first, second)]
        assert [a["status"] for a in answers] == ["done", "done"]
        assert answers[0]["story_id"] == answers[1]["story_id"]
        # Known now: the same text and the same URL are answered with their stories at once.
        again = post(text=TEXT)
        assert again.status_code == 201 and again.json()["story_id"] == answers[0]["story_id"]
        assert post(url=url).status_code == 201
    assert Story.objects.count() == 2
    assert client.get("/api/v1/submissions/not-a-uuid", headers=auth).status_code == 404
