"""`nutgraf brief`: one article in, one brief out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "brief",
        help="make a sourced brief of one article",
        description=(
            "Make a brief of one article: summary, key points, FAQ, sections, timeline, "
            "entities and quotes, each citing the source sentences it rests on."
        ),
    )
    parser.add_argument(
        "input",
        nargs="?",
        help="a .html/.htm/.txt/.md file, - for standard input, or an http(s) URL "
        "(default: the bundled sample article)",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("json", "markdown", "html"),
        default="json",
        help="output format (default: json, the versioned contract in docs/brief-json.md)",
    )
    parser.add_argument(
        "--points", "-n", type=int, default=7, help="at most this many key points (default: 7)"
    )
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(func=run_brief)


def sample_path() -> Path:
    """The bundled sample article: fictional, written for the demo."""
    return Path(__file__).resolve().parent.parent / "samples" / "harbor-strike.md"


def run_brief(args: argparse.Namespace) -> int:
    from nutgraf.engine import NutgrafError, Options, brief
    from nutgraf.engine.render import render

    if args.points < 1:
        raise NutgrafError("--points must be at least 1.")
    location = args.input or str(sample_path())
    result = brief(location, options=Options(points=args.points))
    text = render(result, args.format)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise NutgrafError(f"Cannot write {args.output}: {error.strerror}.") from error
        print(f"nutgraf: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
