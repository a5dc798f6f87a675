"""The `nutgraf` command: one parser, with each group of sub-commands in its own module.

Each module exposes `add_commands(subparsers)`; a sub-command sets `func(args) -> int`.
Errors the engine raises on purpose (NutgrafError) print one sentence on stderr and exit 2;
nothing the user does should ever show a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nutgraf import __version__


def build_parser() -> argparse.ArgumentParser:
    from nutgraf.cli import bench, briefs, data, jobs, site, stories

    parser = argparse.ArgumentParser(
        prog="nutgraf",
        description="Turn news articles into clear, sourced briefs, and publish them.",
    )
    parser.add_argument("--version", action="version", version=f"nutgraf {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    briefs.add_commands(commands)
    stories.add_commands(commands)
    bench.add_commands(commands)
    site.add_commands(commands)
    jobs.add_commands(commands)
    data.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from nutgraf.engine.errors import NutgrafError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NutgrafError as error:
        print(f"nutgraf: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nutgraf: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
