"""Settings for running past one machine: Celery on a broker, fetching manners, log format.

Imported at the end of `base` (one settings family); each value comes from the environment:

CELERY_BROKER_URL      redis://127.0.0.1:6379/0 (or amqp://...) runs jobs on Celery workers;
                       empty (default) runs them in-process. REDIS_URL is used when it is unset.
NUTGRAF_JOB_QUEUE      the Celery queue the site's jobs go to; default "nutgraf"
NUTGRAF_JOB_VISIBILITY seconds before a job taken by a worker that died is handed to another
                       (Redis brokers); default 3600
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
    "visibility_timeout": _number("NUTGRAF_JOB_VISIBILITY", 3600),
    "unacked_restore_interval": 1,
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
