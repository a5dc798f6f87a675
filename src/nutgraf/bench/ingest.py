"""`nutgraf bench ingest`: articles per second from a feed to composed, stored stories.

    1. feed      a local feed server on 127.0.0.1 with ARTICLES distinct articles (the bundled
                 samples, each copy made unique by a dateline paragraph)
    2. sqlite    a fresh site on SQLite, jobs in-process: `nutgraf scheduler --once` polls the
                 feed and ingests every item in that one process
    3. postgres  a fresh PostgreSQL database per run, `nutgraf scheduler --once` enqueues on
                 Redis, 1 and then 2 Celery workers (models loaded before the clock starts)
    4. pages     the story page under load (bench.web's gunicorn and client) on each database
    5. report    articles/s per set-up, and where an article's time goes (fetch, compose, store:
                 summed from the workers' JSON "article stored" log lines)

The clock runs from the scheduler's start to the last story stored. Politeness delay is 0 here
(one host serves every article; a real desk keeps NUTGRAF_HOST_DELAY). Needs PostgreSQL and
Redis on 127.0.0.1 (NUTGRAF_BENCH_PG, NUTGRAF_BENCH_REDIS override the URLs).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PG = os.environ.get("NUTGRAF_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("NUTGRAF_BENCH_REDIS", "redis://127.0.0.1:6379/12")
ARTICLES = 24
PAGE_SECONDS = 5.0
PAGE_CLIENTS = 16

# -- 1. the feed -------------------------------------------------------------------------------


def _articles(count: int) -> dict[str, bytes]:
    import nutgraf

    paths = sorted((Path(nutgraf.__file__).parent / "samples" / "site").glob("*.html"))
    articles = {}
    for n in range(count):
        source = paths[n % len(paths)]
        line = f"<p>Dispatch {n + 1} of the bench desk, filed from desk {n % 7}.</p>"
        html = source.read_bytes().replace(b"</h1>", b"</h1>" + line.encode(), 1)
        articles[f"/news/{n:03d}-{source.stem}.html"] = html
    return articles


@contextlib.contextmanager
def _feed_server(articles: dict[str, bytes]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            assert isinstance(self.server, ThreadingHTTPServer)
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>{p}</title><link>{base}{p}</link>"
                    f"<pubDate>{formatdate(1_700_000_000 + n, usegmt=True)}</pubDate></item>"
                    for n, p in enumerate(articles)
                )
                body, kind = (
                    (
                        f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
                        f"{items}</channel></rss>"
                    ).encode(),
                    "application/rss+xml",
                )
            elif self.path in articles:
                body, kind = articles[self.path], "text/html"
            else:
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


# -- 2, 3. sites, workers, the clock -----------------------------------------------------------


@contextlib.contextmanager
def _postgres_database() -> Iterator[str]:
    import psycopg

    name = f"nutgraf_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{PG}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _site(data_dir: Path, **extra: str) -> dict[str, str]:
    """A fresh, migrated site's environment (no samples unless asked)."""
    from nutgraf.web.install import local_environment

    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUTGRAF_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    env.update(local_environment(data_dir=data_dir, host="127.0.0.1"))
    samples = [] if extra.pop("samples", None) else ["--no-samples"]
    env.update(
        NUTGRAF_FETCH_PRIVATE="1", NUTGRAF_HOST_DELAY="0", NUTGRAF_LOG_FORMAT="json", **extra
    )
    subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", "serve", "--prepare-only", "--data-dir",
         str(data_dir), *samples],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return env


def _manage_python(env: dict[str, str], code: str) -> str:
    """Run `code` with the site's Django set up; returns what it printed."""
    program = "import django; django.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def _subscribe(env: dict[str, str], feed: str) -> None:
    _manage_python(
        env,
        "from nutgraf.web.subscriptions.services import feed_subscribe\n"
        f"feed_subscribe(url={feed!r})",
    )


def _stories(env: dict[str, str]) -> int:
    code = "from nutgraf.web.stories.models import Story\nprint(Story.objects.count())"
    return int(_manage_python(env, code))


def _stages(logs: list[Path]) -> dict[str, float]:
    """Seconds summed per stage over every "article stored" line of the logs."""
    totals = {"fetch": 0.0, "compose": 0.0, "store": 0.0, "articles": 0.0}
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            if '"article stored"' not in line:
                continue
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                for stage in ("fetch", "compose", "store"):
                    totals[stage] += float(entry.get(stage, 0))
                totals["articles"] += 1
    return totals


def _in_process(scratch: Path, feed: str, count: int) -> dict[str, float]:
    env = _site(scratch / "sqlite")
    _subscribe(env, feed)
    log = scratch / "sqlite-scheduler.log"
    # The model is loaded first, as a running web process has it: the clock starts after.
    program = (
        "import django, time; django.setup()\n"
        "from nutgraf.engine.nlp import load_model; load_model()\n"
        "from nutgraf.web.subscriptions.services import feeds_schedule\n"
        "from django.apps import apps\n"
        "started = time.perf_counter(); feeds_schedule()\n"
        "apps.get_app_config('jobs').runner.wait_idle()\n"
        "print(time.perf_counter() - started)"
    )
    with log.open("w") as out:
        done = subprocess.run(
            [sys.executable, "-c", program], env=env, check=True, stdout=subprocess.PIPE,
            stderr=out, text=True,
        )  # fmt: skip
    seconds = float(done.stdout.strip().splitlines()[-1])
    return {"seconds": seconds, "stories": float(_stories(env)), **_stages([log])}


def _with_workers(scratch: Path, feed: str, count: int, workers: int) -> dict[str, float]:
    queue = f"nutgraf-bench-{uuid.uuid4().hex[:8]}"
    with _postgres_database() as database:
        env = _site(
            scratch / f"pg{workers}",
            DATABASE_URL=database,
            CELERY_BROKER_URL=REDIS,
            NUTGRAF_JOB_QUEUE=queue,
        )
        _subscribe(env, feed)
        logs = [scratch / f"pg{workers}-worker{n}.log" for n in range(workers)]
        processes = []
        outs = [log.open("w") for log in logs]
        try:
            for n, out in enumerate(outs):
                command = [sys.executable, "-m", "nutgraf.cli", "worker", "--name", f"bench{n}"]
                processes.append(
                    subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
                )
            deadline = time.monotonic() + 120
            while not all(" ready." in log.read_text(errors="replace") for log in logs):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the workers did not start; see {logs}")
                time.sleep(0.2)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "nutgraf.cli", "scheduler", "--once"],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
            stored = _wait_for_stories(database, count, timeout=600)
            seconds = time.perf_counter() - started
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=60)
            for out in outs:
                out.close()
        import redis

        client = redis.Redis.from_url(REDIS)
        for key in client.scan_iter(f"{queue}*"):
            client.delete(key)
    return {"seconds": seconds, "stories": float(stored), **_stages(logs)}


def _wait_for_stories(database: str, count: int, *, timeout: float) -> int:
    import psycopg

    deadline = time.monotonic() + timeout
    with psycopg.connect(database, autocommit=True) as db:
        while True:
            row = db.execute("SELECT count(*) FROM stories_story").fetchone()
            stored = int(row[0]) if row else 0
            if stored >= count or time.monotonic() > deadline:
                return stored
            time.sleep(0.05)


# -- 4. the story page on each database -------------------------------------------------------


def _story_page(scratch: Path, **extra: str) -> dict[str, float]:
    from nutgraf.bench.web import _free_port, _gunicorn, _story_path, measure

    env = _site(scratch, samples="1", **extra)
    port = _free_port()
    with _gunicorn(env, port=port, workers=2, threads=2, cache=0):
        return measure(
            host="127.0.0.1",
            port=port,
            path=_story_path(port),
            concurrency=PAGE_CLIENTS,
            duration=PAGE_SECONDS,
        )


# -- 5. run and report -------------------------------------------------------------------------


def run_ingest_bench(
    *, progress: Callable[[int, int], None] | None = None, articles: int = ARTICLES
) -> dict[str, Any]:
    """Run every set-up once; returns {set-up: figures} (see format_ingest_report)."""
    steps = ("sqlite", "postgres_1_worker", "postgres_2_workers", "page_sqlite", "page_postgres")
    figures: dict[str, Any] = {"articles": articles, "cpus": os.cpu_count() or 0}
    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-ingest-") as folder:
        scratch = Path(folder)
        with _feed_server(_articles(articles)) as feed:
            for done, step in enumerate(steps, start=1):
                if step == "sqlite":
                    figures[step] = _in_process(scratch, feed, articles)
                elif step.startswith("postgres_"):
                    workers = int(step.split("_")[1])
                    figures[step] = _with_workers(scratch, feed, articles, workers)
                elif step == "page_sqlite":
                    figures[step] = _story_page(scratch / "page-sqlite")
                else:
                    with _postgres_database() as database:
                        figures[step] = _story_page(scratch / "page-pg", DATABASE_URL=database)
                if progress:
                    progress(done, len(steps))
    return figures


def format_ingest_report(figures: dict[str, Any]) -> str:
    lines = [
        f"ingest: {figures['articles']} articles from a local feed to stored stories, "
        f"{figures['cpus']} CPUs",
        f"  {'set-up':<34}{'stories':>8}{'seconds':>9}{'articles/s':>11}"
        f"{'fetch':>8}{'compose':>9}{'store':>8}",
    ]
    names = {
        "sqlite": "SQLite, jobs in-process",
        "postgres_1_worker": "PostgreSQL + Redis, 1 worker",
        "postgres_2_workers": "PostgreSQL + Redis, 2 workers",
    }
    for key, label in names.items():
        row = figures.get(key)
        if not row:
            continue
        per = row["articles"] or 1
        lines.append(
            f"  {label:<34}{int(row['stories']):>8}{row['seconds']:>9.1f}"
            f"{row['stories'] / row['seconds']:>11.2f}"
            f"{row['fetch'] / per * 1000:>6.0f}ms{row['compose'] / per * 1000:>7.0f}ms"
            f"{row['store'] / per * 1000:>6.0f}ms"
        )
    lines.append("  (fetch, compose, store: mean per article, from the job logs)")
    for key, label in (("page_sqlite", "SQLite"), ("page_postgres", "PostgreSQL")):
        row = figures.get(key)
        if row:
            lines.append(
                f"  story page on {label:<11} {row['rps']:>7.0f} req/s  p50 {row['p50_ms']:.1f} ms"
                f"  p99 {row['p99_ms']:.1f} ms  ({PAGE_CLIENTS} clients, gunicorn 2x2)"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    print(
        format_ingest_report(
            run_ingest_bench(articles=int(sys.argv[1]) if len(sys.argv) > 1 else ARTICLES)
        )
    )
