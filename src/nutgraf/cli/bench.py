"""`nutgraf bench ...`: quality and speed against the public benchmark data."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: Any) -> None:
    parser = commands.add_parser("bench", help="run benchmarks (quality and speed)")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)


__all__ = ["add_commands", "argparse"]
