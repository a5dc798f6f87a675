"""Docs and code agree: the CLI reference and the settings the site reads."""

from __future__ import annotations

import re

from nutgraf.cli.reference import render_reference

from .conftest import ROOT


def test_cli_reference_is_current() -> None:
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render_reference(), (
        "docs/cli.md is stale: run `python -m nutgraf.cli.reference > docs/cli.md`"
    )


def test_every_setting_read_from_the_environment_is_documented() -> None:
    settings = ROOT / "src" / "nutgraf" / "web" / "settings"
    read = set()
    for path in settings.glob("*.py"):
        read |= set(re.findall(r"environ(?:\.get)?\(\s*[\"']([A-Z_]+)[\"']", path.read_text()))
        read |= set(re.findall(r"_(?:flag|list|int)\(\s*[\"']([A-Z_]+)[\"']", path.read_text()))
    documented = (ROOT / "README.md").read_text(encoding="utf-8")
    documented += (settings / "base.py").read_text(encoding="utf-8").split('"""')[1]
    missing = sorted(name for name in read if name not in documented)
    assert read, "no settings found: the scan itself is broken"
    assert missing == []
