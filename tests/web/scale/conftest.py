"""Fixtures of the scale tests: the local feed server and settings for in-process jobs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .feedserver import FeedSite, feed_site, sample_articles


@pytest.fixture
def jobs_here(settings):
    """Jobs in this process, fetching from 127.0.0.1 with a short politeness delay."""
    settings.CELERY_BROKER_URL = ""
    settings.FETCH_PRIVATE = True
    settings.HOST_DELAY_SECONDS = 0.05
    return settings


@pytest.fixture(scope="session", autouse=True)
def _no_redis_keys_left_over():
    """This session's queue and bindings go from Redis when the session ends."""
    yield
    try:
        import redis
    except ImportError:
        return  # no scale extra: nothing was made
    from .workers import BROKER, QUEUE

    try:
        client = redis.Redis.from_url(BROKER, socket_connect_timeout=3)
        for key in client.scan_iter(f"{QUEUE}:*"):
            client.delete(key)
    except redis.RedisError:
        pass  # no Redis: nothing was made


@pytest.fixture(autouse=True)
def _no_jobs_left_over():
    """Jobs one test queued in this process are never run by the next."""
    from django.apps import apps

    yield
    apps.get_app_config("jobs").runner.clear()


@pytest.fixture
def run_jobs():
    """Run the jobs queued in this process (test settings keep the runner's thread off), on
    the test's thread and inside its transaction; returns how many runs there were."""
    from django.apps import apps

    return apps.get_app_config("jobs").runner.run_pending


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site(sample_articles(3)) as running:
        yield running
