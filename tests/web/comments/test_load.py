"""Load: 5,000 comment posts from 64 concurrent clients to gunicorn on 127.0.0.1.

The site runs as deployed (SQLite in WAL mode by default; PostgreSQL in a database made for the
test and dropped after), behind a trusted proxy so that each client has its own address
(X-Forwarded-For), with the rate limit raised to let a test's worth of posts through (it still
counts every post, exactly, in the database). Each client, like a browser following the 303,
loads the story again after each post: a comment form is good for one comment. Checked: no
server error or dropped connection, and the comments stored are exactly the posts the site
accepted. The figures (a post and a page view each) are printed.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from .live import Reader, gunicorn, site_environment, story_path

POSTS = 5000
CLIENTS = 64


def hammer(server, path: str) -> tuple[Counter[str], float]:
    tickets = itertools.count()
    lock = threading.Lock()
    outcomes: Counter[str] = Counter()
    ready = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        reader = Reader(server, path, forwarded_for=f"10.77.{n // 250}.{n % 250 + 1}")
        try:
            reader.open_story()
            ready.wait()
            while True:
                with lock:
                    ticket = next(tickets)
                if ticket >= POSTS:
                    return
                try:
                    status, _, _ = reader.post_comment(
                        comment=f"Load test comment {ticket} from client {n}: the figures "
                        f"in section {ticket % 7} deserve a second look.",
                        name=f"Load Reader {n}",
                        email=f"load-{n}@loadtest.example",
                    )
                except OSError as error:
                    kind = f"connection error {type(error).__name__}"
                else:
                    kind = {303: "accepted", 429: "rate limited"}.get(
                        status, f"server error {status}" if status >= 500 else f"refused {status}"
                    )
                with lock:
                    outcomes[kind] += 1
                # As a browser follows the 303 back to the story: a fresh form, good once.
                reader.open_story()
        finally:
            reader.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.monotonic() - started


def check(outcomes: Counter[str], stored: int, seconds: float, log: Path, label: str) -> None:
    print(
        f"\nload ({label}): {POSTS} posts from {CLIENTS} clients in {seconds:.1f}s "
        f"({POSTS / seconds:.0f}/s): {dict(outcomes)}; stored {stored}"
    )
    assert sum(outcomes.values()) == POSTS
    assert [k for k in outcomes if k.startswith(("server error", "connection error"))] == []
    assert stored == outcomes["accepted"]
    assert outcomes["accepted"] == POSTS  # nothing refused or limited: the posts were valid
    server_log = log.read_text()
    assert "@loadtest.example" not in server_log  # no email address in the server's log
    assert "Traceback" not in server_log


# The clients post as fast as the machine allows: the form's minimum typing time is off.
ENV = {
    "NUTGRAF_BEHIND_PROXY": "1",
    "NUTGRAF_COMMENT_RATE": "1000/60",
    "NUTGRAF_COMMENT_MIN_SECONDS": "0",
}


@pytest.mark.slow
def test_load_on_sqlite(tmp_path, capsys):
    env = site_environment(tmp_path / "site", **ENV)
    with gunicorn(env, log=tmp_path / "server.log", workers=3, threads=8) as server:
        outcomes, seconds = hammer(server, story_path(server))
    with sqlite3.connect(tmp_path / "site" / "nutgraf.sqlite3") as db:
        stored = db.execute("SELECT count(*) FROM comments_comment").fetchone()[0]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with capsys.disabled():
        check(outcomes, stored, seconds, server.log, "SQLite")


@pytest.mark.slow
@pytest.mark.postgres
def test_load_on_postgres(tmp_path, capsys, postgres_database):
    import psycopg

    env = site_environment(tmp_path / "site", DATABASE_URL=postgres_database, **ENV)
    with gunicorn(env, log=tmp_path / "server.log", workers=3, threads=8) as server:
        outcomes, seconds = hammer(server, story_path(server))
    with psycopg.connect(postgres_database) as db:
        stored = db.execute("SELECT count(*) FROM comments_comment").fetchone()[0]
    with capsys.disabled():
        check(outcomes, stored, seconds, server.log, "PostgreSQL")
