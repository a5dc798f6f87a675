"""Real Celery workers for the scale tests: separate processes on Redis and PostgreSQL.

They need the test database to be PostgreSQL (a worker cannot see SQLite's in-memory test
database) and a Redis broker. `make test-postgres` provides both and sets
NUTGRAF_REQUIRE_SERVICES=1, which turns a missing service into a failure, never a skip.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BROKER = os.environ.get("NUTGRAF_TEST_BROKER", "redis://127.0.0.1:6379/11")
# One queue (and Redis key prefix) per test session: this process's producer keeps its
# connection, and other sessions on the same Redis never see these jobs.
QUEUE = f"nutgraf-test-{uuid.uuid4().hex[:10]}"


def missing(reason: str) -> None:
    if os.environ.get("NUTGRAF_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (NUTGRAF_REQUIRE_SERVICES=1: a missing service fails the run)")
    pytest.skip(f"{reason}; `make test-postgres` runs this")


def require_services(connection) -> None:
    if connection.vendor != "postgresql":
        missing("Celery worker tests need the test database on PostgreSQL (DATABASE_URL)")
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        missing(f"no Redis broker at {BROKER}: {error}")


# Shorter than the defaults, for the tests that are not about them: a dead worker's job is
# handed on after 5 s, its lease expires after 4 s, and one host is asked every 0.05 s.
FAST = {
    "NUTGRAF_JOB_VISIBILITY": "5",
    "NUTGRAF_JOB_LEASE": "4",
    "NUTGRAF_HOST_DELAY": "0.05",
}


def producer_at(url: str, queue: str) -> str:
    """Point this process's Celery app at `url` (queue `queue`); returns the URL it had.

    The app builds its connection pool once, from the broker URL it had then; tests that move
    it (a live broker, a dead one) drop the pools so the next job is sent to the new URL."""
    from nutgraf.web.celery import app

    was = app.conf.broker_url
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"global_keyprefix": f"{queue}:"}
    app._pool = None
    app.amqp._producer_pool = None
    return was


def worker_environment(
    connection, queue: str, data_dir: Path, settings: dict[str, str]
) -> dict[str, str]:
    database = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUTGRAF_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="nutgraf.web.settings.base",
        SECRET_KEY="worker-test-secret-" + "w" * 40,
        NUTGRAF_HTTPS="0",
        NUTGRAF_DATA_DIR=str(data_dir),
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        CELERY_BROKER_URL=BROKER,
        NUTGRAF_JOB_QUEUE=queue,
        NUTGRAF_FETCH_PRIVATE="1",
        NUTGRAF_LOG_FORMAT="json",
    )
    env.update(settings)
    return env


@contextmanager
def workers(
    connection, settings, tmp_path: Path, environment: dict[str, str] | None = None
) -> Iterator[Callable[[str], subprocess.Popen]]:
    """A function that starts a named worker; every worker started is stopped at the end.

    The workers get `environment` on top of the test's own (FAST when None; {} for the
    site's defaults)."""
    require_services(connection)
    queue = QUEUE
    settings.CELERY_BROKER_URL, settings.JOB_QUEUE = BROKER, queue
    producer_at(BROKER, queue)
    env = worker_environment(
        connection, queue, tmp_path, FAST if environment is None else environment
    )
    started: list[subprocess.Popen] = []
    logs: list = []

    def start(name: str) -> subprocess.Popen:
        log = (tmp_path / f"{name}.log").open("w")
        logs.append(log)
        process = subprocess.Popen(
            # As an operator starts one (README, "Running at scale"): one job at a time.
            [sys.executable, "-m", "nutgraf.cli", "worker", "--concurrency", "1", "--name", name],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def wait_for(check: Callable[[], bool], *, seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds:.0f}s for {what}")
