"""Leases in the database: one holder per key, on SQLite and PostgreSQL alike.

A lease is a row with a unique key and an expiry. Taking it deletes an expired row for the key
and inserts a new one; the unique constraint decides between two takers. A worker renews its
lease from a thread while the job runs, so a long job keeps it and a dead worker loses it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from nutgraf.web.jobs.models import JobLock

log = logging.getLogger("nutgraf.jobs")


def lock_acquire(*, key: str, owner: str, lease: float) -> bool:
    now = timezone.now()
    with transaction.atomic():
        JobLock.objects.filter(key=key, expires_at__lt=now).delete()
        try:
            with transaction.atomic():
                JobLock.objects.create(
                    key=key, owner=owner, expires_at=now + timedelta(seconds=lease)
                )
        except IntegrityError:
            return False
    return True


def lock_renew(*, key: str, owner: str, lease: float) -> bool:
    until = timezone.now() + timedelta(seconds=lease)
    return JobLock.objects.filter(key=key, owner=owner).update(expires_at=until) == 1


def lock_release(*, key: str, owner: str) -> None:
    JobLock.objects.filter(key=key, owner=owner).delete()


def _renew_until(
    stop: threading.Event, key: str, owner: str, lease: float, beat: Callable[[], None] | None
) -> None:
    try:
        while not stop.wait(lease / 3):
            try:
                lock_renew(key=key, owner=owner, lease=lease)
            except DatabaseError as error:  # the next beat tries again, within the lease
                log.warning("lease not renewed", extra={"key": key, "error": str(error)})
            if beat is not None:
                beat()
    finally:
        connection.close()  # this thread's own connection


@contextlib.contextmanager
def lock_hold(*, key: str, lease: float, beat: Callable[[], None] | None = None) -> Iterator[bool]:
    """Yield True while holding `key`, False when another holder has it (nothing is waited for).

    A thread renews the lease every lease/3 seconds while the holder runs, and calls `beat`
    each time, so a long job keeps its lease (and its broker delivery) and a dead one loses it.
    """
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    if not lock_acquire(key=key, owner=owner, lease=lease):
        yield False
        return
    stop = threading.Event()
    renewer = threading.Thread(
        target=_renew_until, args=(stop, key, owner, lease, beat), daemon=True
    )
    renewer.start()
    try:
        yield True
    finally:
        stop.set()
        renewer.join()
        lock_release(key=key, owner=owner)
