"""A job queue that does not answer never gives a 500: the editor is told, the API answers 503
in its error shape, and feeds are polled once the queue is back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from nutgraf.web.api.services import token_create
from nutgraf.web.jobs.models import Submission
from nutgraf.web.subscriptions import services as feeds
from nutgraf.web.subscriptions.models import Feed, FeedEntry

from .workers import producer_at

pytestmark = pytest.mark.django_db

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def dead_broker(settings):
    pytest.importorskip("celery", reason="the scale extra (Celery) is not installed")
    settings.CELERY_BROKER_URL = DEAD
    was = producer_at(DEAD, settings.JOB_QUEUE)
    yield
    producer_at(was, settings.JOB_QUEUE)


def test_poll_now_tells_the_editor_and_the_feed_is_polled_later(dead_broker, client, editor):
    feed = feeds.feed_subscribe(url="https://news.example.org/feed.xml")
    Feed.objects.filter(id=feed.id).update(next_poll_at=timezone.now() + timedelta(hours=1))
    client.force_login(editor)
    response = client.post(
        reverse("admin:subscriptions_feed_changelist"),
        {"action": "poll_now", "_selected_action": [feed.id]},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The job queue is not answering" in page
    assert "polled automatically" in page
    feed.refresh_from_db()
    assert feed.next_poll_at <= timezone.now() + feeds.QUEUE_DOWN_RETRY  # due again soon


def test_the_scheduler_keeps_a_refused_poll_due(dead_broker):
    feed = feeds.feed_subscribe(url="https://news.example.org/feed.xml", interval=900)
    assert feeds.feeds_schedule() == []
    feed.refresh_from_db()
    assert feed.next_poll_at <= timezone.now() + feeds.QUEUE_DOWN_RETRY  # not 900 s away


def test_the_api_answers_503_in_its_error_shape(dead_broker, client, editor):
    cache.clear()
    raw = token_create(name="tests", user=editor)[1]
    response = client.post(
        "/api/v1/articles",
        {"text": "Council approves ferry route\n\nThe council voted 7 to 2 on Tuesday."},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["code"] == "unavailable"
    assert "job queue" in body["error"]["message"]
    assert not Submission.objects.exists()  # nothing half-made is left behind


def test_a_poll_whose_items_cannot_be_queued_sends_them_next_time(jobs_here, site, settings):
    feed = feeds.feed_subscribe(url=f"{site.base}/feed.xml")
    pytest.importorskip("celery", reason="the scale extra (Celery) is not installed")
    settings.CELERY_BROKER_URL = DEAD
    was = producer_at(DEAD, settings.JOB_QUEUE)
    try:
        assert feeds.feed_poll(feed_id=feed.id) == Feed.Status.FAILING
    finally:
        producer_at(was, settings.JOB_QUEUE)
    feed.refresh_from_db()
    assert "job queue" in feed.last_error
    assert (FeedEntry.objects.count(), feed.items_added, feed.etag) == (0, 0, "")
    settings.CELERY_BROKER_URL = ""  # the queue is back (here: jobs in-process)
    assert feeds.feed_poll(feed_id=feed.id) == Feed.Status.OK  # read whole again, not a 304
    assert FeedEntry.objects.count() == len(site.articles)
