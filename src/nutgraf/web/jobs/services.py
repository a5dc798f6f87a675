"""The jobs interface: `job_enqueue` hands a job to Celery or to this process's runner;
`job_run` runs one; `retry_after` says when a failed job is tried again.

Jobs are named in JOBS and called with keyword arguments that are plain JSON values. The `key`
names what the job works on (an article URL, a story, a feed): two jobs with the same key never
run at once. A job that finds its key busy, or its host not yet ready, is run again later.

    web request ──job_enqueue──► Celery (CELERY_BROKER_URL set) ──► tasks.run_job ──► job_run
                            └──► local.LocalRunner (no broker) ──── background thread ─┘

Neither path runs the job, or waits for it, in the caller's thread.
"""

from __future__ import annotations

import importlib
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol, cast

from django.apps import apps
from django.conf import settings

from nutgraf.engine.errors import BlockedAddressError, FetchError
from nutgraf.web.jobs.errors import JobLater, JobQueueDown
from nutgraf.web.jobs.locks import lock_hold

log = logging.getLogger("nutgraf.jobs")

JOBS = {
    "article_ingest": "nutgraf.web.jobs.articles:article_ingest",
    "story_recompose": "nutgraf.web.jobs.articles:story_recompose_job",
    "submission_ingest": "nutgraf.web.api.services:submission_ingest",
    "feed_poll": "nutgraf.web.subscriptions.services:feed_poll",
}
MAX_FETCH_RETRIES = 5


class Runner(Protocol):
    """What this process's runner of jobs offers (local.LocalRunner, made by jobs/apps.py)."""

    def queue(
        self, *, name: str, key: str, arguments: dict[str, Any], delay: float = 0.0
    ) -> None: ...

    def wait_idle(self, timeout: float | None = None) -> bool: ...


def local_runner() -> Runner:
    """This process's runner of jobs, kept on the jobs app's config when it is ready.

    Named by its shape: local.py imports this module, so this module cannot import it."""
    return cast(Runner, getattr(apps.get_app_config("jobs"), "runner"))  # noqa: B009


def jobs_use_workers() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def _function(name: str) -> Callable[..., Any]:
    if name not in JOBS:
        raise ValueError(f"There is no job called {name!r}.")
    module, attribute = JOBS[name].split(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), attribute)
    return function


def job_enqueue(
    *, name: str, key: str, arguments: dict[str, Any] | None = None, countdown: float = 0
) -> str:
    """Send job `name` on `key` to run soon; returns its id.

    With a broker it goes to the Celery workers, or JobQueueDown is raised (the broker did not
    take it, after a second's retries); without one it goes to this process's runner.
    """
    _function(name)  # an unknown name fails here, in the caller, not later in a worker
    arguments = arguments or {}
    if not jobs_use_workers():
        local_runner().queue(name=name, key=key, arguments=arguments, delay=countdown)
        return uuid.uuid4().hex
    from kombu.exceptions import KombuError

    from nutgraf.web.celery import app

    try:
        sent = app.send_task(
            "nutgraf.job",
            kwargs={"name": name, "key": key, "arguments": arguments},
            countdown=countdown,
            queue=settings.JOB_QUEUE,
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.4},
        )
    except (KombuError, OSError) as error:
        log.warning("job not queued", extra={"job": name, "key": key, "error": str(error)})
        raise JobQueueDown(
            f"The job queue is not answering ({type(error).__name__}); nothing was sent."
        ) from error
    log.info("job queued", extra={"job": name, "key": key, "task": sent.id})
    return str(sent.id)


def job_run(
    *,
    name: str,
    key: str,
    arguments: dict[str, Any],
    beat: Callable[[], None] | None = None,
) -> Any:
    """Run one job under the lease on its key; JobLater when the key is held elsewhere.

    `beat` is called each time the lease is renewed (a worker renews its broker delivery).
    """
    function = _function(name)
    started = time.monotonic()
    with lock_hold(key=f"job:{key}", lease=settings.JOB_LEASE_SECONDS, beat=beat) as held:
        if not held:
            raise JobLater(1.0, f"a job on {key} is running")
        result = function(**arguments)
    log.info(
        "job done",
        extra={
            "job": name,
            "key": key,
            "seconds": round(time.monotonic() - started, 3),
            "result": result,
        },
    )
    return result


def backoff(retries: int) -> float:
    """2, 4, 8, 16, 32 seconds: a server that is down gets time to come back."""
    return float(2 ** (retries + 1))


def retry_after(error: BaseException, *, failures: int) -> float | None:
    """Seconds before a job that raised `error` runs again, or None: it is not run again.

    A busy key or host is waited for; a transient fetch failure is retried with back-off up to
    MAX_FETCH_RETRIES times; a blocked address, bad input or a defect is final.
    """
    if isinstance(error, JobLater):
        return error.seconds
    if isinstance(error, FetchError) and not isinstance(error, BlockedAddressError):
        return backoff(failures) if failures < MAX_FETCH_RETRIES else None
    return None
