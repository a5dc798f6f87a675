"""The exact counters and slots (nutgraf.web.limits.counters) on both stores: the database
(one upsert per hit) and Redis (one script). Windows start at the first hit; slots are leased."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import override_settings

from nutgraf.web.limits.counters import (
    counter_add,
    counter_clear,
    counter_peek,
    slot_give_back,
    slot_take,
)
from nutgraf.web.limits.models import Counter

REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture(params=["database", "redis"])
def store(request, db) -> Iterator[str]:
    if request.param == "database":
        yield "database"
        return
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS}")
    prefix = f"counters-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        },
        "pages": settings.CACHES["pages"],
    }
    with override_settings(CACHES=caches):
        try:
            yield "redis"
        finally:  # only this test's keys: the database may be shared
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)


def test_hits_add_up_within_a_window_that_starts_at_the_first(store) -> None:
    name = f"t:{uuid.uuid4().hex}"
    first = counter_add(name=name, seconds=60, now=1000.0)
    second = counter_add(name=name, seconds=60, now=1030.0)
    assert (first.hits, second.hits) == (1, 2)
    if store == "database":  # Redis keeps time itself; the window's end is its own
        assert first.expires == second.expires == 1060.0
        assert counter_add(name=name, seconds=60, now=1060.0).hits == 1  # a new window
    else:
        assert second.expires > 1030.0


def test_peek_clear_and_giving_back(store) -> None:
    name = f"t:{uuid.uuid4().hex}"
    assert counter_peek(name=name) == 0
    for _ in range(3):
        counter_add(name=name, seconds=60)
    assert counter_peek(name=name) == 3
    assert counter_add(name=name, seconds=60, delta=-1).hits == 2
    counter_clear(name=name)
    assert counter_peek(name=name) == 0


def test_a_pool_has_as_many_places_as_its_size(store) -> None:
    pool = f"p:{uuid.uuid4().hex}"
    held = [slot_take(pool=pool, size=2, seconds=60) for _ in range(3)]
    assert held[0] and held[1] and held[2] is None
    slot_give_back(handle=held[0])
    again = slot_take(pool=pool, size=2, seconds=60)
    assert again is not None
    slot_give_back(handle=held[0])  # a second give-back frees nothing another holds
    assert slot_take(pool=pool, size=2, seconds=60) is None
    assert slot_take(pool=pool, size=0, seconds=60) is None


def test_a_place_whose_lease_ran_out_is_taken_over(db) -> None:
    pool = f"p:{uuid.uuid4().hex}"
    dead = slot_take(pool=pool, size=1, seconds=30, now=1000.0)  # its process was killed
    assert dead is not None
    assert slot_take(pool=pool, size=1, seconds=30, now=1029.0) is None
    taken = slot_take(pool=pool, size=1, seconds=30, now=1031.0)
    assert taken is not None
    slot_give_back(handle=dead)  # the dead holder's late give-back leaves the new one's place
    assert slot_take(pool=pool, size=1, seconds=30, now=1032.0) is None


def test_windows_that_ended_are_deleted_when_a_new_one_begins(db) -> None:
    for n in range(5):
        counter_add(name=f"old:{n}", seconds=10, now=1000.0)
    counter_add(name="new", seconds=10, now=2000.0)
    assert sorted(Counter.objects.values_list("name", flat=True)) == ["new"]
