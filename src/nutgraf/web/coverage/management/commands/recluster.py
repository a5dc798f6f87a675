"""`nutgraf manage recluster`: re-cluster every published story into coverage, in one batch."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nutgraf.web.coverage import services


class Command(BaseCommand):
    help = (
        "Re-cluster the whole archive of published stories into coverage with the engine's "
        "batch pass, keep each coverage's address where most of its stories stay, and merge "
        "every coverage again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rounds",
            type=int,
            default=0,
            help="the engine's reassign-and-merge rounds after the online pass (default 0)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        done = services.coverage_recluster(rounds=options["rounds"])
        self.stdout.write(
            f"recluster: {done.stories} stories in {done.coverages} coverages, "
            f"{done.moved} moved, {time.monotonic() - started:.1f}s"
        )
