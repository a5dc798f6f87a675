"""Broken 3: POST /api/v1/briefs could hold a web process for minutes (1 MB of text, about
10 minutes), crashed past 1,000,000 characters (spaCy E088, a 500), and one client could fill
every worker. Now: a character limit in the engine (413), a time budget per brief (503), and
a pool of concurrent anonymous briefs shared by every web process (503 when full)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.test import Client

from tests.conftest import ROOT

PARAGRAPH = (
    "The harbour authority said on Tuesday that ferry fares would fall by a quarter from "
    "April, after ridership dropped by 12 percent in the year since the last rise. "
)


def long_text(characters: int) -> str:
    body = PARAGRAPH * (characters // len(PARAGRAPH) + 1)
    return ("Ferry fares to fall\n\n" + body)[:characters]


def brief(client: Client, **body: object) -> object:
    return client.post("/api/v1/briefs", json.dumps(body), content_type="application/json")


@pytest.fixture
def client(db, settings) -> Client:
    settings.API_BRIEF_RATE = "1000/60"
    settings.API_MAX_BODY_BYTES = 4 * 1024 * 1024  # the engine's limit, not the body's, is tested
    return Client(raise_request_exception=False)


def test_a_text_past_the_engines_limit_is_413_not_minutes_of_work(client: Client) -> None:
    response = brief(client, text=long_text(200_000))
    assert response.status_code == 413, response.content[:300]
    error = response.json()["error"]
    assert "characters" in error["message"]


def test_the_cli_refuses_the_same_text_with_the_same_sentence(tmp_path, client: Client) -> None:
    path = tmp_path / "long.txt"
    path.write_text(long_text(160_000), encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "nutgraf.cli", "brief", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    api = brief(client, text=long_text(160_000))
    assert cli.returncode == 2 and api.status_code == 413
    assert cli.stderr.strip().endswith(api.json()["error"]["message"])


def test_a_brief_over_its_time_budget_is_stopped_with_503(client: Client, settings) -> None:
    settings.API_BRIEF_SECONDS = 0.000001  # spent before the first stage is done
    response = brief(client, text=long_text(5_000))
    assert response.status_code == 503, response.content[:300]
    assert "took longer" in response.json()["error"]["message"]


def test_anonymous_briefs_beyond_the_shared_pool_are_503(client: Client, settings) -> None:
    from nutgraf.web.limits.counters import slot_give_back, slot_take

    settings.API_BRIEF_CONCURRENCY = 2
    # Two briefs running in other web processes hold the pool's places.
    held = [slot_take(pool="api-briefs", size=2, seconds=60) for _ in range(2)]
    assert all(held)
    refused = brief(client, text=long_text(3_000))
    assert refused.status_code == 503, refused.content[:300]
    assert int(refused["Retry-After"]) >= 1
    slot_give_back(handle=held[0])
    assert brief(client, text=long_text(3_000)).status_code == 200
