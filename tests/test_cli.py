"""The `nutgraf` command as a user runs it, on real files: `cli.main()` in this process (the
language model loads once for all of them), and once as a real process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from nutgraf import cli

from .conftest import ARTICLES, SAMPLES


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, stdin: bytes | None = None) -> Done:
    """`nutgraf ARGS` through cli.main(), with stdin, stdout and stderr of its own."""
    out, err = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="latin-1")
    saved = sys.stdin
    sys.stdin = stream
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(list(args))
    finally:
        sys.stdin = saved
    return Done(code, out.getvalue(), err.getvalue())


def test_the_installed_command_runs_as_a_process() -> None:
    """One real process: the module entry point, its exit code and its streams."""
    done = subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", "brief", str(ARTICLES / "vaccine-trial-tight.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nutgraf"] == 2
    missing = subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", "brief", "no-such-file.txt"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("nutgraf: ")
    assert "Traceback" not in missing.stderr


def test_brief_of_the_bundled_sample_is_the_json_contract() -> None:
    done = run("brief")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["nutgraf"] == 2
    for key in (
        "source",
        "title",
        "category",
        "summary",
        "description",
        "key_points",
        "faq",
        "sections",
        "entities",
        "quotes",
        "keyphrases",
        "timeline",
        "stats",
        "sentences",
    ):
        assert key in data
    assert data["title"] == "Port of Halden dock workers strike over automation plan"
    ids = {s["id"] for s in data["sentences"]}
    assert all(set(p["sources"]) <= ids for p in data["key_points"])


def test_points_option_and_formats(tmp_path: Path) -> None:
    done = run("brief", str(SAMPLES / "harbor-strike-padded.md"), "--points", "3")
    assert len(json.loads(done.stdout)["key_points"]) == 3
    markdown = run("brief", str(ARTICLES / "vaccine-trial-tight.txt"), "-f", "markdown")
    assert "## Key Points" in markdown.stdout and "[^1]: " in markdown.stdout
    out = tmp_path / "brief.html"
    html = run("brief", str(ARTICLES / "vaccine-trial-tight.txt"), "-f", "html", "-o", str(out))
    assert html.returncode == 0
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "Key Points" in page and "<script" not in page


def test_stdin_is_read() -> None:
    text = (ARTICLES / "vaccine-trial-tight.txt").read_bytes()
    done = run("brief", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    assert "33 percent" in json.loads(done.stdout)["summary"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image.html", "png image"),
        (bytes(range(256)) * 8, "noise.txt", "binary"),
        (b"<html><body><nav>Home</nav></body></html>", "nav.html", "no article text"),
        (None, "missing.txt", "no file"),
    ],
)
def test_bad_input_gets_one_sentence_and_no_traceback(
    tmp_path: Path, content: bytes | None, name: str, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = run("brief", str(path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("nutgraf: ")
    assert message in done.stderr.lower()
    assert len(done.stderr.strip().splitlines()) == 1


def test_unreachable_url_is_a_clear_error() -> None:
    done = run("brief", "http://127.0.0.1:9/nothing")  # blocked or refused: never a traceback
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.startswith("nutgraf: ")


def test_other_language_says_what_it_cannot_do() -> None:
    text = (
        "Die Regierung hat am Montag einen neuen Plan für die Häfen vorgestellt. Der Minister "
        "sagte, die Arbeiter würden umgeschult. Die Gewerkschaft lehnt den Plan ab und will "
        "streiken. Die Gespräche sollen am Mittwoch in Berlin weitergehen."
    ).encode()
    done = run("brief", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["source"]["language"] == "de"
    assert len(data["sentences"]) == 4
    assert data["entities"] == [] and data["quotes"] == []
    assert any(note.startswith("entities:") for note in data["unsupported"])
    assert any(note.startswith("dates:") for note in data["unsupported"])
