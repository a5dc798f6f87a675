"""The jobs interface: `job_enqueue` sends a job to Celery or runs it here; `job_run` runs one.

Jobs are named in JOBS and called with keyword arguments that are plain JSON values. The `key`
names what the job works on (an article URL, a story, a feed): two jobs with the same key never
run at once. A job that finds its key busy, or its host not yet ready, is run again later.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

from nutgraf.web.jobs.locks import lock_hold
from nutgraf.web.jobs.politeness import JobLater

log = logging.getLogger("nutgraf.jobs")

JOBS = {
    "article_ingest": "nutgraf.web.jobs.articles:article_ingest",
    "story_recompose": "nutgraf.web.jobs.articles:story_recompose_job",
    "feed_poll": "nutgraf.web.subscriptions.services:feed_poll",
}


def jobs_use_workers() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def _function(name: str) -> Callable[..., Any]:
    if name not in JOBS:
        raise ValueError(f"There is no job called {name!r}.")
    module, attribute = JOBS[name].split(":")
    return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]


def job_enqueue(
    *, name: str, key: str, arguments: dict[str, Any] | None = None, countdown: float = 0
) -> Any:
    """Run job `name` on `key`: on a Celery worker when a broker is configured (returns the
    task id), else here and now (returns the job's result)."""
    _function(name)  # an unknown name fails here, in the caller, not later in a worker
    arguments = arguments or {}
    if jobs_use_workers():
        from nutgraf.web.jobs.worker import run_job

        sent = run_job.apply_async(
            kwargs={"name": name, "key": key, "arguments": arguments},
            countdown=countdown,
            queue=settings.JOB_QUEUE,
        )
        log.info("job queued", extra={"job": name, "key": key, "task": sent.id})
        return sent.id
    for _attempt in range(20):
        try:
            return job_run(name=name, key=key, arguments=arguments, in_worker=False)
        except JobLater as later:
            time.sleep(min(later.seconds, 5.0))
    log.warning("job given up: its key stayed busy", extra={"job": name, "key": key})
    return None


def job_run(*, name: str, key: str, arguments: dict[str, Any], in_worker: bool) -> Any:
    """Run one job under the lease on its key; JobLater when the key is held elsewhere."""
    function = _function(name)
    started = time.monotonic()
    with lock_hold(key=f"job:{key}", lease=_lease(in_worker), renew=in_worker) as held:
        if not held:
            raise JobLater(1.0, f"a job on {key} is running")
        result = function(**arguments, in_worker=in_worker)
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


def _lease(in_worker: bool) -> float:
    # In-process there is no renewing thread: the lease covers the longest job outright.
    return settings.JOB_LEASE_SECONDS if in_worker else 600.0
