"""/healthz checks the database and, when jobs use one, the broker; 503 says which failed."""

from __future__ import annotations

import pytest

from .workers import BROKER, missing

pytestmark = pytest.mark.django_db


def test_healthy_in_process(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "in-process"}
    assert response["Cache-Control"] == "no-store"


def test_healthy_with_a_live_broker(client, settings):
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        missing(f"no Redis at {BROKER}: {error}")
    settings.CELERY_BROKER_URL = BROKER
    response = client.get("/healthz")
    assert (response.status_code, response.json()["broker"]) == (200, "ok")


def test_a_dead_broker_is_a_503(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["broker"].startswith("unreachable")
