"""Sub-commands that run the site.

nutgraf serve      set up the database, load the sample stories into an empty site, make
                   an editor account, print where to sign in, and serve on 127.0.0.1:8000
nutgraf manage     Django's management commands for the site (migrate, createsuperuser, ...)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def add_commands(commands: Any) -> None:
    """Register the site's sub-commands on the `nutgraf` parser."""
    serve = commands.add_parser(
        "serve",
        help="run the site with sample stories on 127.0.0.1:8000",
        description="Set up the site (database, samples, editor account) and serve it.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("NUTGRAF_DATA_DIR", "var")),
        help="where the database, secret key and static files live (./var)",
    )
    serve.add_argument("--workers", type=int, default=4, help="web server processes (4)")
    serve.add_argument("--no-samples", action="store_true", help="do not load sample stories")
    serve.add_argument(
        "--reset-password", action="store_true", help="give the editor account a new password"
    )
    serve.add_argument(
        "--prepare-only", action="store_true", help="set everything up, then exit without serving"
    )
    serve.set_defaults(func=run_serve)

    manage = commands.add_parser(
        "manage",
        help="run a Django management command for the site",
        description="Django's manage.py for the site, e.g. `nutgraf manage check --deploy`.",
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER, help="the command and its options")
    manage.set_defaults(func=run_manage)


def run_serve(args: argparse.Namespace) -> int:
    from nutgraf.web.install import local_environment, site_prepare

    data_dir = args.data_dir.resolve()
    os.environ.update(local_environment(data_dir=data_dir, host=args.host))
    print(f"nutgraf: preparing the site in {data_dir} ...", flush=True)
    prepared = site_prepare(
        data_dir=data_dir, samples=not args.no_samples, reset_password=args.reset_password
    )
    if prepared.stories_loaded:
        print(f"nutgraf: loaded {prepared.stories_loaded} sample stories (fictional).")
    url = f"http://{args.host}:{args.port}/"
    print(f"\n  Site:           {url}")
    print(f"  Editors' desk:  {url}desk/")
    print(f"  Sign in as:     {prepared.editor}")
    if prepared.password:
        print(f"  Password:       {prepared.password}   (kept in {prepared.password_file})")
    else:
        print("  Password:       run `nutgraf serve --reset-password` to set a new one")
    print("\n  Press Ctrl+C to stop.\n", flush=True)
    if args.prepare_only:
        return 0
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nutgraf.web.asgi",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        # gunicorn's asgi worker reads each request whole on an event loop before Django sees
        # it: 200 clients trickling headers or bodies left /healthz at p99 56 ms, where the
        # gthread worker's threads were all held and every probe timed out
        # (`nutgraf bench slowclients`). Views still run on one thread per process.
        "--worker-class",
        "asgi",
        "--no-control-socket",
        "--access-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    # Become gunicorn: Ctrl+C and service managers' signals then reach it directly.
    os.execve(sys.executable, command, os.environ.copy())  # noqa: S606 - fixed argument list
    return 0  # not reached


def run_manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")
    execute_from_command_line(["nutgraf manage", *args.arguments])
    return 0
