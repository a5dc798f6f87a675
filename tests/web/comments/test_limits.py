"""Rate limits: 429 with a clear message, per client address, shared by every web process."""

from __future__ import annotations

import hashlib
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client

from nutgraf.web.comments.models import Comment
from nutgraf.web.limits.services import Rate, limit_hit

from .conftest import REDIS, missing, post
from .live import Reader, gunicorn, site_environment, story_path


def test_rate_parsing():
    assert Rate.parse("5/60") == Rate(5, 60)
    for bad in ["5", "0/60", "5/0", "x/y", "-1/60"]:
        with pytest.raises(ValueError):
            Rate.parse(bad)


def test_window_counts_and_resets(db):
    address = f"10.0.{uuid.uuid4().int % 250}.1"
    rate = Rate(3, 60)
    start = 1_000_020.0  # the start of a window
    got = [
        limit_hit(scope="t", address=address, rate=rate, now=start + i).allowed for i in range(5)
    ]
    assert got == [True, True, True, False, False]
    refused = limit_hit(scope="t", address=address, rate=rate, now=start + 10)
    assert refused.retry_after == 50
    assert limit_hit(scope="t", address=address, rate=rate, now=start + 61).allowed
    assert limit_hit(scope="other", address=address, rate=rate, now=start + 10).allowed


def test_too_many_comments_get_429_with_a_clear_message(story, settings):
    settings.COMMENT_RATE = "2/60"
    reader = Client(REMOTE_ADDR="10.20.30.40")
    codes = [
        post(reader, story, comment=f"Comment {i} with its own words.").status_code
        for i in range(4)
    ]
    assert codes == [303, 303, 429, 429]
    response = post(reader, story, comment="One more.")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "Too many comments from your connection" in page
    assert "Nothing was saved" in page
    assert Comment.objects.count() == 2
    # another address is not affected
    assert post(Client(REMOTE_ADDR="10.20.30.41"), story).status_code == 303


def test_behind_a_proxy_the_last_forwarded_hop_is_the_client(story, settings):
    settings.COMMENT_RATE = "1/60"
    settings.BEHIND_PROXY = True
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    first = post(proxy, story, headers={"X-Forwarded-For": "1.2.3.4, 10.0.0.7"})
    # the client forged the left part: it changes nothing, the hop the proxy added counts
    second = post(proxy, story, comment="Again.", headers={"X-Forwarded-For": "9.9.9.9, 10.0.0.7"})
    other = post(proxy, story, comment="Someone else.", headers={"X-Forwarded-For": "10.0.0.8"})
    assert [first.status_code, second.status_code, other.status_code] == [303, 429, 303]


def test_reports_are_limited_too(story, settings):
    settings.REPORT_RATE = "1/3600"
    comment = Comment.objects.create(
        story=story, name="A", email="a@example.org", text="x", status=Comment.Status.APPROVED
    )
    reader = Client(REMOTE_ADDR="10.20.30.50")
    assert reader.post(f"/comments/{comment.id}/report/").status_code == 200
    response = reader.post(f"/comments/{comment.id}/report/")
    assert response.status_code == 429
    assert b"Too many reports" in response.content


def _site_services(request: pytest.FixtureRequest, store: str) -> dict[str, str]:
    """The environment that puts the site's counters on `store`."""
    if store == "redis":
        redis = pytest.importorskip("redis")
        try:
            redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            missing(f"no Redis at {REDIS}: {error}")
        return {"CACHE_URL": REDIS}
    if store == "postgresql":
        return {"DATABASE_URL": request.getfixturevalue("postgres_database")}
    return {}


@pytest.mark.slow
@pytest.mark.parametrize("store", ["sqlite", "postgresql", "redis"])
def test_the_limit_holds_across_gunicorn_workers(tmp_path, request, store):
    """Ten posts at once from one address, five to each of two web processes: exactly the
    limit gets through, whichever process counts first.

    Deterministic by construction: the two processes are two gunicorn servers on one site (so
    each surely serves half the burst), the window starts at the first post and lasts an hour
    (no burst can straddle two windows), and the form's minimum typing time is off (no
    waiting). Only an inexact count could change the outcome.
    """
    extra = {
        "NUTGRAF_COMMENT_RATE": "5/3600",
        "NUTGRAF_COMMENT_MIN_SECONDS": "0",
        **_site_services(request, store),
    }
    env = site_environment(tmp_path / "site", **extra)
    readers: list[Reader] = []
    try:
        with (
            gunicorn(env, log=tmp_path / "a.log", workers=1) as first,
            gunicorn(env, log=tmp_path / "b.log", workers=1) as second,
        ):
            path = story_path(first)
            readers.extend(Reader(first if n % 2 else second, path) for n in range(10))
            for reader in readers:
                reader.open_story()
            start = threading.Barrier(10)

            def send(n: int) -> int:
                start.wait(timeout=60)
                status, _, _ = readers[n].post_comment(
                    comment=f"Concurrent comment number {n}, written by hand.",
                    name=f"Reader {n}",
                    email=f"reader{n}@example.org",
                )
                readers[n].close()
                return status

            with ThreadPoolExecutor(10) as pool:
                codes = list(pool.map(send, range(10)))
    finally:
        if store == "redis":
            _forget_redis_counts(env, [reader.hidden.get("ts", "") for reader in readers])
    for server in (first, second):
        posts = [line for line in server.log.read_text().splitlines() if " POST " in line]
        assert len(posts) == 5, posts  # each process served half of the burst
    assert sorted(codes) == [303] * 5 + [429] * 5, codes


def _forget_redis_counts(env: dict[str, str], tokens: list[str]) -> None:
    """Delete this site's keys from the shared Redis: its rate count (keyed by its secret) and
    the comment forms it used up (their nonces are in the forms' signed tokens)."""
    import redis
    from django.core import signing

    from nutgraf.web.comments.forms import TOKEN_SALT

    address = hashlib.sha256(f"{env['SECRET_KEY']}|127.0.0.1".encode()).hexdigest()[:32]
    keys = [f"nutgraf:limit:rate:comment:{address}"]
    for token in tokens:
        try:
            nonce = signing.loads(token, key=env["SECRET_KEY"], salt=TOKEN_SALT)["n"]
        except (signing.BadSignature, KeyError, TypeError):
            continue
        keys.append(f"nutgraf:limit:comment-form:{nonce}")
    redis.Redis.from_url(REDIS).delete(*keys)
