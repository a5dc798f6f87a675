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


def worker_environment(connection, queue: str, data_dir: Path) -> dict[str, str]:
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
        NUTGRAF_JOB_VISIBILITY="5",  # a dead worker's job is handed on after 5 s
        NUTGRAF_JOB_LEASE="4",
        NUTGRAF_FETCH_PRIVATE="1",
        NUTGRAF_HOST_DELAY="0.05",
        NUTGRAF_LOG_FORMAT="json",
    )
    return env


@contextmanager
def workers(connection, settings, tmp_path: Path) -> Iterator[Callable[[str], subprocess.Popen]]:
    """A function that starts a named worker; every worker started is stopped at the end."""
    require_services(connection)
    queue = QUEUE
    settings.CELERY_BROKER_URL, settings.JOB_QUEUE = BROKER, queue
    from nutgraf.web.celery import app

    app.conf.broker_url = BROKER
    app.conf.broker_transport_options = {"global_keyprefix": f"{queue}:"}
    env = worker_environment(connection, queue, tmp_path)
    started: list[subprocess.Popen] = []
    logs: list = []

    def start(name: str) -> subprocess.Popen:
        log = (tmp_path / f"{name}.log").open("w")
        logs.append(log)
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "nutgraf.web.celery", "worker",
                "--pool=solo", "-n", f"{name}@%h", "-Q", queue,
                "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info",
            ],
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
