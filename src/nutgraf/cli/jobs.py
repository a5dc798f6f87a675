"""Sub-commands that run the site's background work (see README, "Running at scale").

nutgraf worker      a Celery worker taking the site's jobs from CELERY_BROKER_URL
nutgraf scheduler   polls subscribed feeds when they are due (one or several may run)
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

SETTINGS = "nutgraf.web.settings.base"


def add_commands(commands: Any) -> None:
    worker = commands.add_parser(
        "worker",
        help="run a Celery worker for the site's jobs (needs CELERY_BROKER_URL)",
        description="A Celery worker: fetch, extract, compose and re-compose jobs, feed polls.",
    )
    worker.add_argument(
        "--concurrency", type=int, default=1, help="jobs run at once by this worker (1)"
    )
    worker.add_argument("--name", default="nutgraf", help="worker name, before @host (nutgraf)")
    worker.set_defaults(func=run_worker)

    scheduler = commands.add_parser(
        "scheduler",
        help="poll subscribed feeds and sitemaps when they are due",
        description="Every --tick seconds, enqueue a poll of each feed that is due.",
    )
    scheduler.add_argument("--tick", type=float, default=5.0, help="seconds between looks (5)")
    scheduler.add_argument("--once", action="store_true", help="look once, then exit")
    scheduler.set_defaults(func=run_scheduler)


def run_worker(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    os.environ.setdefault("NUTGRAF_LOG_FORMAT", "json")
    if not (os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")):
        print(
            "nutgraf worker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0); without "
            "a broker, jobs run inside the web process and need no worker.",
            file=sys.stderr,
        )
        return 2
    pool = ["--pool=solo"] if args.concurrency == 1 else [f"--concurrency={args.concurrency}"]
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "nutgraf.web.celery",
        "worker",
        "-n",
        f"{args.name}@%h",
        "-Q",
        os.environ.get("NUTGRAF_JOB_QUEUE", "nutgraf"),
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
        *pool,
    ]
    # Become the worker: signals (SIGTERM for a warm shutdown) reach Celery directly.
    os.execve(sys.executable, command, os.environ.copy())  # noqa: S606 - fixed argument list
    return 0  # not reached


def run_scheduler(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    os.environ.setdefault("NUTGRAF_LOG_FORMAT", "json")
    import django

    django.setup()
    from nutgraf.web.subscriptions.scheduler import scheduler_run

    scheduler_run(tick=args.tick, once=args.once)
    return 0
