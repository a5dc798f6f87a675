"""The loop `nutgraf scheduler` runs: every tick, enqueue a poll of each feed that is due.

Run one or several: a feed is claimed before it is enqueued (services.feeds_schedule), so
schedulers never enqueue the same poll twice. Without a broker the polls run in this process,
on its job thread (jobs/local.py).
"""

from __future__ import annotations

import logging
import signal
import threading

from django.db import close_old_connections

from nutgraf.web.jobs.services import local_runner
from nutgraf.web.subscriptions.services import feeds_schedule

log = logging.getLogger("nutgraf.scheduler")


def scheduler_run(*, tick: float = 5.0, once: bool = False) -> None:
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stop.set())
    log.info("scheduler started", extra={"tick": tick})
    while not stop.is_set():
        close_old_connections()
        try:
            claimed = feeds_schedule()
        except Exception:
            log.exception("scheduling failed")
            claimed = []
        if claimed:
            log.info("feeds enqueued", extra={"feeds": ",".join(map(str, claimed))})
        if once:
            # Without a broker the polls run on this process's job thread: let them finish.
            local_runner().wait_idle()
            return
        stop.wait(tick)
    log.info("scheduler stopped")
