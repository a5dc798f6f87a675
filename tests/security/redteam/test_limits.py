"""Broken 5: a burst let 6 comments through a limit of 5, because counting was a read and a
write (Django's cache incr() on the database cache) and two web processes could read the same
count. Here two gunicorn servers on one site are made to read in the same instant: a hook in
each process holds every read of the counting tables outside a transaction until the other
process has made its read too. Exact counting does no such read, so nothing is held."""

from __future__ import annotations

import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.web.comments.live import Reader, gunicorn, site_environment, story_path

# Loaded by each server process (sitecustomize on PYTHONPATH): a two-process barrier on reads.
HOOK = textwrap.dedent(
    """
    import os, time
    from pathlib import Path
    from django.db.backends.signals import connection_created

    BARRIER = Path(os.environ["REDTEAM_BARRIER"])
    TABLES = ("nutgraf_cache", "nutgraf_limit")
    seen = {"n": 0}

    def meet(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        armed = (BARRIER / "armed").exists()
        reads = sql.lstrip().upper().startswith("SELECT") and any(t in sql for t in TABLES)
        if armed and reads and not context["connection"].in_atomic_block:
            seen["n"] += 1
            (BARRIER / f"{seen['n']}-{os.getpid()}").touch()
            deadline = time.monotonic() + 5
            while len(list(BARRIER.glob(f"{seen['n']}-*"))) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
        return result

    def install(sender, connection, **kwargs):
        connection.execute_wrappers.append(meet)

    connection_created.connect(install)
    """
)


@pytest.mark.slow
def test_two_processes_reading_the_count_at_once_still_count_exactly(tmp_path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = site_environment(
        tmp_path / "site", NUTGRAF_COMMENT_RATE="2/3600", NUTGRAF_COMMENT_MIN_SECONDS="0"
    )
    env["PYTHONPATH"] = f"{hook}:{env.get('PYTHONPATH', '')}".rstrip(":")
    env["REDTEAM_BARRIER"] = str(barrier)
    with (
        gunicorn(env, log=tmp_path / "a.log", workers=1) as first,
        gunicorn(env, log=tmp_path / "b.log", workers=1) as second,
    ):
        path = story_path(first)
        readers = [Reader(server, path) for server in (first, first, second)]
        for reader in readers:
            reader.open_story()

        def send(n: int) -> int:
            status, _, _ = readers[n].post_comment(
                comment=f"Comment number {n}, from the same address.",
                name=f"Reader {n}",
                email=f"reader{n}@example.org",
            )
            return status

        assert send(0) == 303  # one of the two allowed
        (barrier / "armed").touch()
        with ThreadPoolExecutor(2) as pool:
            codes = sorted(pool.map(send, (1, 2)))
        for reader in readers:
            reader.close()
    assert codes == [303, 429], codes
