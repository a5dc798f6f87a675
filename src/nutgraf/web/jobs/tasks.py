"""The Celery task that runs the site's jobs on a worker: `nutgraf.job`, one job by name.

One task for every job (services.JOBS) because every job shares the same delivery rules:
- acks_late + reject_on_worker_lost: a message is acknowledged only when its job has finished;
  a worker killed mid-job leaves it unacknowledged and the broker hands it to another worker
  (Redis: NUTGRAF_JOB_VISIBILITY seconds after delivery; the worker running a job renews its
  delivery with its lease, so only a dead worker's jobs go back to the queue).
- retries with back-off for transient failures (services.retry_after); JobLater (the key or
  the host is busy) puts the job back after the wait it names, without counting a failure.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from celery import current_app, shared_task
from django.conf import settings

from nutgraf.engine.errors import NutgrafError
from nutgraf.web.jobs.errors import JobLater
from nutgraf.web.jobs.services import job_run, retry_after

log = logging.getLogger("nutgraf.jobs")


@shared_task(
    name="nutgraf.job", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None
)
def run_job(self: Any, *, name: str, key: str, arguments: dict[str, Any], failures: int = 0) -> Any:
    """`failures` counts transient failures only; waiting for a busy key or host is free."""
    try:
        return job_run(name=name, key=key, arguments=arguments, beat=_delivery_keeper(self.request))
    except Exception as error:
        wait = retry_after(error, failures=failures)
        if wait is None:
            if not isinstance(error, NutgrafError):
                raise  # a defect: Celery records it as the task's failure
            log.warning("job failed", extra={"job": name, "key": key, "error": str(error)})
            return None
        counted = failures if isinstance(error, JobLater) else failures + 1
        if counted != failures:
            extra = {"job": name, "key": key, "in": wait, "error": str(error)}
            log.info("job retried", extra=extra)
        again = {"name": name, "key": key, "arguments": arguments, "failures": counted}
        # A countdown is held unacknowledged by the worker: keep it well inside the visibility
        # timeout, or Redis would hand the waiting job to a second worker.
        countdown = min(wait, settings.JOB_VISIBILITY_SECONDS / 2)
        raise self.retry(countdown=countdown, kwargs=again) from None


def _delivery_keeper(request: Any) -> Callable[[], None] | None:
    """A function that renews this delivery on a Redis broker, or None on others.

    kombu's Redis transport keeps each unacknowledged delivery in a sorted set scored by the
    time it was delivered (the transport option `unacked_index_key`) and puts back those older
    than the visibility timeout. Moving this delivery's score to now while its job runs keeps
    a long job with its live worker. ZADD XX only updates: a delivery already acknowledged or
    put back is left alone. AMQP brokers see a dead worker's connection close instead.
    """
    tag = (getattr(request, "properties", None) or {}).get("delivery_tag")
    if not tag:
        return None
    app = current_app._get_current_object()

    def renew() -> None:
        try:
            with app.connection_for_write() as connection:
                channel = connection.default_channel
                index = getattr(channel, "unacked_index_key", None)
                if index is None:
                    return
                # conn_or_acquire gives a plain client (channel.client is the event loop's).
                with channel.conn_or_acquire() as client:
                    client.zadd(index, {tag: time.time()}, xx=True)
        except Exception as error:  # noqa: BLE001 - a missed renewal is retried next beat
            log.warning("delivery not renewed", extra={"tag": tag, "error": str(error)})

    return renew
