"""Leases in the database: one holder per key, on SQLite and PostgreSQL alike.

A lease is a row with a unique key and an expiry. Taking it deletes an expired row for the key
and inserts a new one; the unique constraint decides between two takers. A worker renews its
lease from a thread while the job runs, so a long job keeps it and a dead worker loses it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from nutgraf.web.jobs.models import JobLock


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


def _renew_until(stop: threading.Event, key: str, owner: str, lease: float) -> None:
    try:
        while not stop.wait(lease / 3):
            lock_renew(key=key, owner=owner, lease=lease)
    finally:
        connection.close()  # this thread's own connection


@contextlib.contextmanager
def lock_hold(*, key: str, lease: float, renew: bool) -> Iterator[bool]:
    """Yield True while holding `key`, False when another holder has it (nothing is waited for).

    `renew` starts the renewing thread (workers); in-process jobs run inside a web request
    and take a lease long enough instead, since a second connection may not see their rows.
    """
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    if not lock_acquire(key=key, owner=owner, lease=lease):
        yield False
        return
    stop = threading.Event()
    renewer = None
    if renew:
        renewer = threading.Thread(target=_renew_until, args=(stop, key, owner, lease), daemon=True)
        renewer.start()
    try:
        yield True
    finally:
        stop.set()
        if renewer is not None:
            renewer.join()
        lock_release(key=key, owner=owner)
