"""Docs and code agree: the CLI reference, the settings the site reads, the README's commands."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
from pathlib import Path

from nutgraf.cli import build_parser
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


# The README's commands: each `nutgraf ...` it shows parses, each `make` target and
# `python -m` module exists, and each file it names is in the checkout.
README = ROOT / "README.md"
NUTGRAF = ("nutgraf", ".venv/bin/nutgraf")
# A usage line, not a command: placeholders and alternatives ("INPUT", "[--points N]", "a|b").
SYNOPSIS = re.compile(r"[\[|]|\.\.\.|\b[A-Z]{2,}\b|\bN\b")


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _shell_commands() -> list[list[str]]:
    """Each simple command of the README's sh blocks (pipes, `&` and `;` split), as words."""
    commands: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", _readme(), re.S):
        for line in block.replace("\\\n", " ").splitlines():
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            words: list[str] = []
            for word in lexer:
                if word in {"|", "||", "&", "&&", ";", "(", ")", "$("}:
                    commands.append(words)
                    words = []
                else:
                    words.append(word)
            commands.append(words)
    return [c for c in commands if c]


def _inline_commands() -> list[list[str]]:
    """Commands written in running text (`nutgraf serve --help`), usage lines left out."""
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", _readme(), flags=re.S))
    return [shlex.split(span) for span in spans if not SYNOPSIS.search(span)]


def _nutgraf_commands() -> list[list[str]]:
    found = [c[1:] for c in _shell_commands() + _inline_commands() if c[0] in NUTGRAF]
    return [c for c in found if c]


def test_readme_shows_nutgraf_commands_and_each_one_parses() -> None:
    commands = _nutgraf_commands()
    assert len(commands) >= 20, "the README's commands were not found: the scan is broken"
    shown = {c[0] for c in commands}
    assert {"brief", "serve", "bench", "worker", "backup"} <= shown
    parser = build_parser()
    refused = []
    for words in commands:
        try:
            parser.parse_args(words)
        except SystemExit as stop:
            if stop.code != 0:  # --help and --version exit 0
                refused.append(" ".join(words))
    assert refused == []


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+):", makefile, re.M))
    commands = _shell_commands() + _inline_commands()
    named = {c[1] for c in commands if c[0] == "make" and len(c) > 1}
    assert {"run", "test", "test-postgres", "brief", "check-wheel"} <= named
    assert sorted(named - targets) == []


def test_every_python_module_and_test_path_the_readme_runs_exists() -> None:
    commands = _shell_commands() + _inline_commands()
    modules = {
        c[c.index("-m") + 1]
        for c in commands
        if c[0].startswith("python") and "-m" in c[:-1]  # "-m" last: prose about the flag
    }
    modules.discard("pytest")
    assert "nutgraf.web" in modules
    assert [m for m in sorted(modules) if importlib.util.find_spec(m) is None] == []
    paths = {w for c in commands if c[0] == "pytest" for w in c[1:] if w.startswith("tests")}
    assert paths, "no pytest commands found: the scan is broken"
    assert [p for p in sorted(paths) if not list(ROOT.glob(p.split("::")[0]))] == []


def test_every_file_the_readme_names_is_in_the_checkout() -> None:
    named = set(
        re.findall(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|toml|md|conf|json|css|html))`", _readme())
    )
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d != "var"]
        files += [(Path(folder) / name).relative_to(ROOT).as_posix() for name in names]
    # Outside the checkout (../shared) or written by a run (var/): not files of the project.
    named = {n for n in named if not n.startswith(("../", "var/"))}
    assert len(named) >= 20, "the README's file names were not found: the scan is broken"
    missing = [n for n in sorted(named) if not any(f == n or f.endswith("/" + n) for f in files)]
    assert missing == []
