"""The jobs' own exceptions.

JobLater        the job cannot run now (its key or its host is busy); run it again later
JobQueueDown    the broker did not take the job; the caller tells the person and tries later
"""

from __future__ import annotations


class JobLater(Exception):  # noqa: N818 - it is a request to run later, not an error
    """The job cannot run now (its key or its host is busy); try again in `seconds`."""

    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(reason)
        self.seconds = max(seconds, 0.1)


class JobQueueDown(Exception):  # noqa: N818 - named for what the caller tells a person
    """The job queue (CELERY_BROKER_URL) did not take the job; nothing was sent."""
