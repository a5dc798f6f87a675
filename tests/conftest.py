"""Shared fixtures: the project's own sample and test articles, and the benchmark data path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "nutgraf" / "samples"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def bench_dir() -> Path:
    """The public benchmark data: NUTGRAF_BENCH_DIR, else ../shared/bench beside the checkout."""
    return Path(os.environ.get("NUTGRAF_BENCH_DIR", ROOT.parent / "shared" / "bench"))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def articles() -> Path:
    return ARTICLES
