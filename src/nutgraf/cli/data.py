"""Sub-commands for the site's data.

nutgraf backup FILE    write a consistent copy of the live database (SQLite backup API,
                       pg_dump on PostgreSQL) to FILE
nutgraf restore FILE   replace the database's contents with such a copy

Both use the site's settings (DATABASE_URL, NUTGRAF_DATA_DIR), like `nutgraf manage`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def add_commands(commands: Any) -> None:
    """Register `backup` and `restore` on the `nutgraf` parser."""
    backup = commands.add_parser(
        "backup",
        help="write a consistent copy of the site's database to FILE",
        description="Copy the live database (SQLite backup API, or pg_dump) to FILE; "
        "safe while the site runs.",
    )
    backup.add_argument("file", type=Path, metavar="FILE", help="where to write the copy")
    backup.set_defaults(func=run_backup)

    restore = commands.add_parser(
        "restore",
        help="replace the site's database with the copy in FILE",
        description="Put back a copy made by `nutgraf backup` (SQLite, or pg_restore --clean).",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a copy made by nutgraf backup")
    restore.set_defaults(func=run_restore)


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")
    django.setup()


def run_backup(args: argparse.Namespace) -> int:
    _setup()
    from nutgraf.web.backups import database_backup

    report = database_backup(path=args.file)
    counted = f", {report.stories} stories" if report.stories is not None else ""
    print(
        f"nutgraf: {report.engine} backup written to {report.path} ({report.size} bytes{counted})."
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    _setup()
    from nutgraf.web.backups import database_restore

    report = database_restore(path=args.file)
    counted = f", {report.stories} stories" if report.stories is not None else ""
    print(f"nutgraf: {report.engine} database restored from {report.path}{counted}.")
    return 0
