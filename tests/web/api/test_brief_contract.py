"""Contract: POST /api/v1/briefs returns exactly what `python -m nutgraf.cli brief FILE` prints
for the same input (docs/brief-json.md), and it stores nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nutgraf.web.stories.models import SourceDocument, Story

SAMPLES = Path(__file__).resolve().parents[3] / "src" / "nutgraf" / "samples"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
INPUTS = [
    SAMPLES / "harbor-strike.md",
    SAMPLES / "site" / "coastal-summit.html",
    FIXTURES / "vaccine-trial-padded.txt",
]


def cli_brief(path: Path, *options: str) -> dict[str, Any]:
    # Run beside the file so that source.location is its bare name, as the API is given it.
    done = subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", "brief", path.name, *options],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)


def api_body(path: Path) -> dict[str, Any]:
    content = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return {"html": content, "name": path.name}
    text_format = "markdown" if path.suffix == ".md" else "plain"
    return {"text": content, "format": text_format, "name": path.name}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_api_brief_equals_the_cli_brief(path: Path, post_json: Callable[..., Any]) -> None:
    expected = cli_brief(path)
    response = post_json("/api/v1/briefs", api_body(path))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    brief = response.json()
    assert brief["nutgraf"] == 2
    assert brief["key_points"], "a sample article yields key points"
    assert brief == expected
    assert Story.objects.count() == 0
    assert SourceDocument.objects.count() == 0


def test_points_option_matches_the_cli(post_json: Callable[..., Any]) -> None:
    path = INPUTS[0]
    expected = cli_brief(path, "--points", "3")
    response = post_json("/api/v1/briefs", {**api_body(path), "points": 3})
    assert response.json() == expected
    assert len(expected["key_points"]) <= 3
