"""The extraction quality gate: pinned floors, and never worse than plain trafilatura.

Runs on the first 10 pages of each set (NUTGRAF_BENCH_FULL=1 runs them all) from the shared bench
folder beside the checkout, or from NUTGRAF_BENCH_DIR.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from nutgraf.bench.extraction import format_extraction_report, run_extraction_bench

BENCH = Path(os.environ.get("NUTGRAF_BENCH_DIR") or Path(__file__).parents[2] / "shared" / "bench")
FLOORS = Path(__file__).parents[1] / "src" / "nutgraf" / "bench" / "floors.toml"
FULL = os.environ.get("NUTGRAF_BENCH_FULL") == "1"

pytestmark = pytest.mark.skipif(
    not (BENCH / "extraction").is_dir(),
    reason=f"benchmark data not found at {BENCH / 'extraction'} (set NUTGRAF_BENCH_DIR)",
)


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    result = run_extraction_bench(BENCH / "extraction", limit=None if FULL else 10)
    print(format_extraction_report(result))
    return result


@pytest.fixture(scope="module")
def floors() -> dict[str, float]:
    with FLOORS.open("rb") as stream:
        table: dict[str, float] = tomllib.load(stream)["extraction"]
    return table


def test_scrapinghub_f1_holds_its_floor(
    figures: dict[str, float], floors: dict[str, float]
) -> None:
    key = "scrapinghub_f1" if FULL else "scrapinghub_f1_first10"
    assert figures["scrapinghub_ours_f1"] >= floors[key]


def test_snippet_f_holds_its_floor(figures: dict[str, float], floors: dict[str, float]) -> None:
    key = "trafilatura_en_f" if FULL else "trafilatura_en_f_first10"
    assert figures["trafilatura_en_ours_f"] >= floors[key]


def test_ours_is_at_least_plain_trafilatura(figures: dict[str, float]) -> None:
    assert figures["scrapinghub_ours_f1"] >= figures["scrapinghub_trafilatura_f1"]


def test_report_names_every_figure(figures: dict[str, float]) -> None:
    report = format_extraction_report(figures)
    assert "0.958" in report  # the published anchor
    assert "nutgraf" in report
    assert "trafilatura (same run)" in report
