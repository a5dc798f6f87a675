"""Jobs without a broker: one background thread per process runs them, each when it is due.

The embedded default (`nutgraf serve` on SQLite, no CELERY_BROKER_URL) still gets jobs off the
request thread: a desk's "Poll now" returns at once and the poll and its articles run here,
with the same lease, retry and back-off rules as a Celery worker (services.retry_after). What
is queued here lives in memory: a process that stops drops it, and the feeds' schedule (or the
editor) asks again. The runner belongs to the jobs app (apps.JobsConfig.runner).
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.db import close_old_connections

from nutgraf.web.jobs.errors import JobLater

log = logging.getLogger("nutgraf.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    key: str
    arguments: dict[str, Any] = field(default_factory=dict)
    failures: int = 0  # transient failures so far


class LocalRunner:
    """A queue of jobs ordered by when each is due, and the thread that runs them.

    With `background` (the site) a daemon thread starts with the first job; without it (the
    tests) jobs wait until `run_pending` runs them on the caller's thread.
    """

    def __init__(self, *, background: bool) -> None:
        self.background = background
        self._due: list[tuple[float, int, Job]] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._running = 0
        self._thread: threading.Thread | None = None

    def queue(self, *, name: str, key: str, arguments: dict[str, Any], delay: float = 0.0) -> None:
        """Run job `name` on `key` on this process's thread, `delay` seconds from now."""
        self.submit(Job(name=name, key=key, arguments=arguments), delay=delay)

    def submit(self, job: Job, *, delay: float = 0.0) -> None:
        with self._changed:
            heapq.heappush(self._due, (time.monotonic() + delay, next(self._order), job))
            self._changed.notify_all()
            if self.background and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._serve, name="nutgraf-jobs")
                self._thread.daemon = True
                self._thread.start()

    def run_pending(self) -> int:
        """Run every queued job on this thread, waiting for those not yet due, until none is
        left (jobs a job queues included); returns how many runs there were."""
        runs = 0
        while True:
            with self._changed:
                if not self._due:
                    return runs
                when, _, job = heapq.heappop(self._due)
            time.sleep(max(0.0, when - time.monotonic()))
            self._run(job)
            runs += 1

    def clear(self) -> int:
        """Drop every job not yet started; returns how many there were."""
        with self._changed:
            dropped = len(self._due)
            self._due.clear()
            self._changed.notify_all()
        return dropped

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is queued or running (True), or `timeout` seconds pass."""
        end = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            while self._due or self._running:
                left = None if end is None else end - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._changed.wait(left if left is not None else 1.0)
        return True

    def _serve(self) -> None:
        while True:
            with self._changed:
                while not self._due or self._due[0][0] > time.monotonic():
                    wait = self._due[0][0] - time.monotonic() if self._due else None
                    self._changed.wait(wait)
                _, _, job = heapq.heappop(self._due)
                self._running += 1
            try:
                self._run(job)
            finally:
                close_old_connections()  # this thread's connection, as after a request
                with self._changed:
                    self._running -= 1
                    self._changed.notify_all()

    def _run(self, job: Job) -> None:
        from nutgraf.web.jobs.services import job_run, retry_after

        try:
            job_run(name=job.name, key=job.key, arguments=job.arguments)
        except Exception as error:  # every outcome is logged; the thread lives on
            wait = retry_after(error, failures=job.failures)
            extra = {"job": job.name, "key": job.key, "error": str(error)}
            if wait is None:
                log.warning("job failed", extra=extra, exc_info=not _expected(error))
                return
            counted = job.failures if isinstance(error, JobLater) else job.failures + 1
            self.submit(dataclasses.replace(job, failures=counted), delay=wait)


def _expected(error: BaseException) -> bool:
    from nutgraf.engine.errors import NutgrafError

    return isinstance(error, NutgrafError)
