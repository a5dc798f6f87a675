"""Sub-commands that run the site (serve, ...): the site work fills this module."""

from __future__ import annotations

from typing import Any


def add_commands(commands: Any) -> None:
    """Register the site's sub-commands on the `nutgraf` parser."""
    del commands
