"""The Celery app and its one task, `nutgraf.job`, which runs a named job (services.JOBS).

Delivery guarantees, from the settings in settings/scale.py and the task options below:
- acks_late + reject_on_worker_lost: a message is acknowledged only when its job has finished;
  a worker killed mid-job leaves it unacknowledged and the broker hands it to another worker
  (Redis: after NUTGRAF_JOB_VISIBILITY seconds).
- retries with exponential back-off for FetchError (the network, the source's server);
  a BlockedAddressError or bad input is final and is logged, not retried.
- JobLater (the key or the host is busy) puts the job back after the wait it names.
Run a worker with `nutgraf worker` (or `celery -A nutgraf.web.jobs.worker worker`).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import django
from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")
django.setup()

from nutgraf.engine.errors import BlockedAddressError, FetchError, NutgrafError  # noqa: E402
from nutgraf.web.jobs.politeness import JobLater  # noqa: E402
from nutgraf.web.jobs.services import job_run  # noqa: E402

log = logging.getLogger("nutgraf.jobs")

app = Celery("nutgraf")
app.config_from_object("django.conf:settings", namespace="CELERY")

MAX_FETCH_RETRIES = 5


@worker_init.connect
def _load_model(**_: Any) -> None:
    """Load the language model before the first job (pool children inherit it by fork)."""
    from nutgraf.engine.nlp import load_model

    load_model()


def backoff(retries: int) -> float:
    """2, 4, 8, 16, 32 seconds: a server that is down gets time to come back."""
    return float(2 ** (retries + 1))


@app.task(
    name="nutgraf.job", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None
)
def run_job(self: Any, *, name: str, key: str, arguments: dict[str, Any], failures: int = 0) -> Any:
    """`failures` counts transient failures only; waiting for a busy key or host is free."""
    try:
        return job_run(name=name, key=key, arguments=arguments, in_worker=True)
    except JobLater as later:
        raise self.retry(countdown=later.seconds) from None
    except BlockedAddressError as error:
        log.warning("job refused", extra={"job": name, "key": key, "error": str(error)})
        return None
    except FetchError as error:
        if failures >= MAX_FETCH_RETRIES:
            log.warning("job failed", extra={"job": name, "key": key, "error": str(error)})
            return None
        wait = backoff(failures)
        log.info("job retried", extra={"job": name, "key": key, "in": wait, "error": str(error)})
        again = {"name": name, "key": key, "arguments": arguments, "failures": failures + 1}
        raise self.retry(countdown=wait, kwargs=again) from None
    except NutgrafError as error:
        log.warning("job failed", extra={"job": name, "key": key, "error": str(error)})
        return None
