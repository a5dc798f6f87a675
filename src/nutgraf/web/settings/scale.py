"""Settings for running past one machine: Celery on a broker, fetching manners, log format.

Imported at the end of `base` (one settings family); each value comes from the environment:

CELERY_BROKER_URL      redis://127.0.0.1:6379/0 (or amqp://...) runs jobs on Celery workers;
                       empty (default) runs them in-process. REDIS_URL is used when it is unset.
NUTGRAF_JOB_QUEUE      the Celery queue the site's jobs go to; default "nutgraf"
NUTGRAF_JOB_VISIBILITY seconds before a job taken by a worker that died is handed to another
                       (Redis brokers; a live worker keeps renewing its running job); default 120
NUTGRAF_JOB_LEASE      seconds a job's lock lives without its worker renewing it; default 30
NUTGRAF_HOST_DELAY     seconds between two requests to the same host; default 1
NUTGRAF_FEED_INTERVAL  default seconds between two polls of a subscribed feed; default 900
NUTGRAF_FETCH_PRIVATE  "1" lets feeds and articles be fetched from private addresses and any
                       port (tests, an intranet); off by default
NUTGRAF_LOG_FORMAT     "json" for one JSON object per log line; "text" (default)
"""

from __future__ import annotations

import os


def _number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "") or os.environ.get("REDIS_URL", "")
JOB_QUEUE = os.environ.get("NUTGRAF_JOB_QUEUE", "nutgraf")
JOB_LEASE_SECONDS = _number("NUTGRAF_JOB_LEASE", 30)
JOB_VISIBILITY_SECONDS = _number("NUTGRAF_JOB_VISIBILITY", 120)
# Without a broker, jobs run on one background thread of each process (jobs/local.py); the
# tests turn the thread off and run queued jobs themselves, inside their transaction.
JOBS_LOCAL_THREAD = True
HOST_DELAY_SECONDS = _number("NUTGRAF_HOST_DELAY", 1)
FEED_INTERVAL_SECONDS = int(_number("NUTGRAF_FEED_INTERVAL", 900))
FETCH_PRIVATE = os.environ.get("NUTGRAF_FETCH_PRIVATE", "").strip().lower() in ("1", "true", "yes")

CELERY_TASK_DEFAULT_QUEUE = JOB_QUEUE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker holds one job: the others take the rest
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis has no consumer to notice a dead worker: a job not acknowledged VISIBILITY seconds
    # after delivery goes back to the queue. A worker renews the delivery of the job it is
    # running (jobs/tasks.py), so a long job stays with it and only a dead worker's are handed
    # on: within VISIBILITY plus one sweep (every 5 s) under the default settings.
    "visibility_timeout": JOB_VISIBILITY_SECONDS,
    "unacked_restore_interval": 5,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 3,
    # Every key under the queue's name: sites sharing a Redis never restore each other's jobs.
    "global_keyprefix": f"{JOB_QUEUE}:",
}

LOG_FORMAT = os.environ.get("NUTGRAF_LOG_FORMAT", "text").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "nutgraf.web.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"nutgraf": {"level": "INFO"}},
}
