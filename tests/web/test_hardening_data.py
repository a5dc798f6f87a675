"""Data: SQLite that takes concurrent writers, ingest that is atomic and idempotent, and
`nutgraf backup` / `nutgraf restore` round trips on a live database (SQLite and PostgreSQL).

The backup tests run the real CLI in a subprocess against a database of its own, made with the
production settings (WAL, IMMEDIATE, busy timeout from DATABASE_URL), while a thread writes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from nutgraf.web.settings.database import database_from_url
from nutgraf.web.stories import services
from nutgraf.web.stories.models import SourceDocument, Story

ARTICLE = (
    "<html><head><title>Tram depot to reopen in Port Ellery</title>"
    '<meta name="author" content="Ana Sousa"></head><body><article>'
    "<h1>Tram depot to reopen in Port Ellery</h1>"
    "<p>The tram depot in Port Ellery will reopen next month after repairs, the transit "
    "authority said on Tuesday. The depot closed in March when a storm damaged its roof.</p>"
    "<p>Repairs cost 4.2 million euros, according to the authority's figures. Mayor Ravi "
    "Menon said the reopening would add forty trams to the evening timetable.</p>"
    "</article></body></html>"
)


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "backup-test-" + "s" * 50,
        "NUTGRAF_HTTPS": "0",
        "NUTGRAF_DATA_DIR": str(tmp_path),
        "DATABASE_URL": url,
    }


def _nutgraf(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _migrate(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nutgraf.web", "migrate", "--no-input", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# SQLite settings ---------------------------------------------------------------------------


def test_sqlite_settings_take_concurrent_writers(tmp_path: Path) -> None:
    """Four processes' worth of writers (threads with their own connections) on the production
    settings: no 'database is locked', every write lands."""
    options = database_from_url(f"sqlite:///{tmp_path}/w.sqlite3", base_dir=tmp_path)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    path = tmp_path / "w.sqlite3"
    setup = sqlite3.connect(path)
    setup.executescript(options["init_command"] + "CREATE TABLE t (writer INT, n INT);")
    setup.close()
    errors: list[str] = []

    def write(writer: int) -> None:
        connection = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
        connection.executescript(options["init_command"])
        try:
            for _ in range(200):
                connection.execute("BEGIN IMMEDIATE")
                total = connection.execute("SELECT count(*) FROM t").fetchone()[0]
                connection.execute("INSERT INTO t VALUES (?, ?)", (writer, total))
                connection.execute("COMMIT")
        except sqlite3.Error as exc:
            errors.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = sqlite3.connect(path)
    rows = check.execute("SELECT count(*), count(DISTINCT n) FROM t").fetchone()
    mode = check.execute("PRAGMA journal_mode").fetchone()[0]
    check.close()
    assert errors == []
    assert rows == (800, 800)  # read-then-write under IMMEDIATE: no two writers saw one count
    assert mode == "wal"


# Ingest: idempotent and atomic ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_upload_twice_makes_one_story() -> None:
    first = services.story_ingest_upload(name="depot.html", content=ARTICLE.encode())
    second = services.story_ingest_upload(name="other-name.html", content=ARTICLE.encode())
    assert first.pk == second.pk
    assert Story.objects.count() == 1 and SourceDocument.objects.count() == 1
    assert len(SourceDocument.objects.get().content_hash) == 64


@pytest.mark.django_db(transaction=True)
def test_pasted_text_twice_makes_one_story() -> None:
    text = "The depot reopens next month, the transit authority said on Tuesday. " * 5
    assert services.story_ingest_text(text=text).pk == services.story_ingest_text(text=text).pk
    assert Story.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failure_inside_ingest_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(story: Story) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_index", broken)  # fails after source, story, tags, entities
    with pytest.raises(RuntimeError):
        services.story_ingest_upload(name="depot.html", content=ARTICLE.encode())
    assert Story.objects.count() == 0 and SourceDocument.objects.count() == 0
    monkeypatch.undo()
    assert services.story_ingest_upload(name="depot.html", content=ARTICLE.encode()).pk


# Backup and restore --------------------------------------------------------------------------


def _pairs(path: Path) -> tuple[int, int]:
    connection = sqlite3.connect(path)
    try:
        tags = connection.execute("SELECT count(*) FROM stories_tag").fetchone()[0]
        cats = connection.execute("SELECT count(*) FROM stories_category").fetchone()[0]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    return tags, cats


@pytest.mark.slow
def test_sqlite_backup_and_restore_round_trip_while_a_writer_runs(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    env = _env(tmp_path, f"sqlite:///{live}")
    _migrate(env)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        # Each transaction adds a tag and a category: a consistent copy holds as many of each.
        connection = sqlite3.connect(live, timeout=20, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        n = 0
        while not stop.is_set():
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO stories_tag (name, slug) VALUES (?, ?)", (f"t{n}", f"t{n}")
            )
            connection.execute(
                "INSERT INTO stories_category (name, slug, description, position) "
                "VALUES (?, ?, '', 1)",
                (f"c{n}", f"c{n}"),
            )
            connection.execute("COMMIT")
            n += 1
            written[0] = n
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 50:
            time.sleep(0.01)
        copies = []
        for k in range(3):
            copy = tmp_path / f"copy{k}.sqlite3"
            result = _nutgraf(env, "backup", str(copy))
            assert result.returncode == 0, result.stderr
            copies.append(copy)
    finally:
        stop.set()
        thread.join()
    counts = [_pairs(copy) for copy in copies]
    assert all(tags == cats and tags >= 50 for tags, cats in counts), counts
    assert counts[-1][0] <= written[0]

    # Restore the first copy over the live database, which has moved on since.
    assert _pairs(live)[0] == written[0] > counts[0][0]
    result = _nutgraf(env, "restore", str(copies[0]))
    assert result.returncode == 0, result.stderr
    assert _pairs(live) == counts[0]
    check = subprocess.run(
        [sys.executable, "-m", "nutgraf.web", "migrate", "--check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr  # a whole, current schema


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    env = _env(tmp_path, f"sqlite:///{tmp_path}/live.sqlite3")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a database at all")
    result = _nutgraf(env, "restore", str(junk))
    assert result.returncode == 2
    assert "is not an SQLite backup" in result.stderr and "Traceback" not in result.stderr


def _postgres_up() -> bool:
    try:
        import psycopg

        psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=2
        ).close()
    except Exception:  # noqa: BLE001 - any failure means no PostgreSQL to test against
        return False
    return True


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_backup_and_restore_round_trip(tmp_path: Path) -> None:
    if not _postgres_up():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    import psycopg

    name = f"nutgraf_backup_{os.getpid()}"
    admin = psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = _env(tmp_path, f"postgres://postgres@127.0.0.1:5432/{name}")
        _migrate(env)
        dsn = f"host=127.0.0.1 user=postgres dbname={name}"
        with psycopg.connect(dsn, autocommit=True) as db:
            for n in range(20):
                db.execute(
                    "INSERT INTO stories_tag (name, slug) VALUES (%s, %s)", (f"t{n}", f"t{n}")
                )
        copy = tmp_path / "pg.dump"
        result = _nutgraf(env, "backup", str(copy))
        assert result.returncode == 0, result.stderr
        with psycopg.connect(dsn, autocommit=True) as db:
            db.execute("DELETE FROM stories_tag WHERE slug LIKE 't1%'")
            db.execute("INSERT INTO stories_tag (name, slug) VALUES ('late', 'late')")
        result = _nutgraf(env, "restore", str(copy))
        assert result.returncode == 0, result.stderr
        with psycopg.connect(dsn) as db:
            slugs = {row[0] for row in db.execute("SELECT slug FROM stories_tag")}
        assert slugs == {f"t{n}" for n in range(20)}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
