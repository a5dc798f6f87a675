"""Backups of the site's database: a consistent copy of a live database, and putting one back.

    SQLite       the SQLite backup API: a snapshot as of one moment, taken while other
                 processes keep reading and writing (WAL); restore copies pages back the same
                 way, under the database's write lock, so readers never see half of it
    PostgreSQL   pg_dump --format=custom (one snapshot transaction); pg_restore --clean in a
                 single transaction

`database_backup` and `database_restore` read the connection from Django's settings
(DATABASE_URL); both raise BackupError with one sentence when something is wrong.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.engine.errors import NutgrafError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(NutgrafError):
    """A backup could not be written or restored."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    engine: str  # "sqlite" or "postgresql"
    stories: int | None  # stories in the copy, when it can be counted cheaply
    size: int


def _database() -> dict[str, Any]:
    from django.db import connections

    return dict(connections["default"].settings_dict)


def _engine(database: dict[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def database_backup(*, path: Path) -> BackupReport:
    """Write a consistent copy of the live database to `path` (replaced if it exists)."""
    database = _database()
    engine = _engine(database)
    path = path.resolve()
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    if engine == "sqlite":
        _sqlite_copy(Path(database["NAME"]), partial, source_must_exist=True)
        stories = _sqlite_stories(partial)
    else:
        _run(["pg_dump", "--format=custom", "--file", str(partial), database["NAME"]], database)
        stories = None
    os.replace(partial, path)  # a reader of `path` sees the old copy or the new, never half
    return BackupReport(path=path, engine=engine, stories=stories, size=path.stat().st_size)


def database_restore(*, path: Path) -> BackupReport:
    """Replace the live database's contents with the copy at `path`."""
    database = _database()
    engine = _engine(database)
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if engine == "sqlite":
        if head != SQLITE_MAGIC:
            raise BackupError(f"{path} is not an SQLite backup.")
        _sqlite_check(path)
        _sqlite_copy(path, Path(database["NAME"]), source_must_exist=True)
        stories = _sqlite_stories(Path(database["NAME"]))
    else:
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{path} is not a pg_dump custom-format backup.")
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run([*command, "--dbname", database["NAME"], str(path)], database)
        stories = None
    return BackupReport(path=path, engine=engine, stories=stories, size=path.stat().st_size)


def _sqlite_copy(source: Path, target: Path, *, source_must_exist: bool) -> None:
    if source_must_exist and not source.is_file():
        raise BackupError(f"There is no database at {source}.")
    try:
        reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            writer = sqlite3.connect(target, timeout=30)
            try:
                reader.backup(writer)  # all pages in one step: one consistent snapshot
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite copy from {source} to {target} failed ({exc}).") from None
    _sqlite_check(target)


def _sqlite_check(path: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} is not a readable SQLite database ({exc}).") from None
    if not result or result[0] != "ok":
        raise BackupError(f"{path} fails SQLite's integrity check ({result}).")


def _sqlite_stories(path: Path) -> int | None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(connection.execute("SELECT count(*) FROM stories_story").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return None  # a database without the site's tables yet


def _run(command: list[str], database: dict[str, Any]) -> None:
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[variable] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools).") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{command[0]} failed: {detail[-1] if detail else 'no message'}.")
