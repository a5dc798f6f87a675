"""Crash test: an ingest process killed with SIGKILL at random moments, twenty times.

Each run starts tests/web/ingest_worker.py on a database of its own made with the production
settings (WAL, IMMEDIATE), lets it store its first story, then kills it within a random 0-500 ms. After
every kill: `PRAGMA integrity_check` is ok and no story is partial (each has its source, its
"composed" revision and its search row, each source belongs to a story).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nutgraf.web.stories import composition
from tests.conftest import ROOT
from tests.web.test_hardening_data import ARTICLE, _env, _migrate

RUNS = 20


def partial_stories(path: Path) -> list[str]:
    """Every way a story in the database at `path` is incomplete, as sentences."""
    db = sqlite3.connect(path)
    try:
        problems = []
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        checks = {
            "story without its source": "SELECT count(*) FROM stories_story s "
            "LEFT JOIN stories_sourcedocument d ON d.id = s.source_id WHERE d.id IS NULL",
            "source without a story": "SELECT count(*) FROM stories_sourcedocument d "
            "WHERE NOT EXISTS (SELECT 1 FROM stories_story s WHERE s.source_id = d.id)",
            "story without its 'composed' revision": "SELECT count(*) FROM stories_story s "
            "WHERE NOT EXISTS (SELECT 1 FROM stories_storyrevision r "
            "WHERE r.story_id = s.id AND r.action = 'composed')",
            "story missing from search": "SELECT count(*) FROM stories_story s "
            "WHERE NOT EXISTS (SELECT 1 FROM stories_search f WHERE f.rowid = s.id)",
            "search row without a story": "SELECT count(*) FROM stories_search f "
            "WHERE NOT EXISTS (SELECT 1 FROM stories_story s WHERE s.id = f.rowid)",
            "story with no entities though its brief names some": "SELECT count(*) FROM "
            "stories_story s WHERE json_array_length(s.brief, '$.entities') > 0 AND NOT EXISTS "
            "(SELECT 1 FROM stories_storyentity e WHERE e.story_id = s.id)",
        }
        for label, sql in checks.items():
            count = db.execute(sql).fetchone()[0]
            if count:
                problems.append(f"{count} {label}")
        return problems
    finally:
        db.close()


def stories(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT count(*) FROM stories_story").fetchone()[0])
    finally:
        db.close()


@pytest.mark.slow
def test_ingest_killed_at_random_points_leaves_no_partial_story(tmp_path: Path) -> None:
    live = tmp_path / "crash.sqlite3"
    env = _env(tmp_path, f"sqlite:///{live}")
    _migrate(env)
    composed = composition.compose_from_bytes(
        location="depot.html", content=ARTICLE.encode(), media_type="text/html"
    )
    data = tmp_path / "composed.json"
    data.write_text(json.dumps({"brief": composed.brief, "content": composed.content.decode()}))
    env["PYTHONPATH"] = str(ROOT)
    rng = random.Random(4)
    before = 0
    killed_after: list[int] = []
    for run in range(RUNS):
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.web.ingest_worker", str(data), str(run * 100_000)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert worker.stdout is not None
            line = worker.stdout.readline()
            assert line.strip() == "ready", line
            line = worker.stdout.readline()  # the first story: Django is warm, kills now land
            assert line.startswith("stored"), line  # among the stream of ingests
            time.sleep(rng.uniform(0.0, 0.5))
            os.kill(worker.pid, signal.SIGKILL)
        finally:
            worker.kill()
            worker.communicate(timeout=30)  # drains and closes the pipes
        assert worker.returncode == -signal.SIGKILL
        assert partial_stories(live) == [], f"run {run}"
        after = stories(live)
        killed_after.append(after - before - 1)  # stored after the first
        before = after
    print(f"\ncrash: {RUNS} SIGKILLs, stories stored per run {killed_after}, total {before}")
    assert sum(killed_after) >= RUNS  # the kills landed in a stream of ingests
