"""The extraction quality gate: pinned floors, and never worse than plain trafilatura.

Runs on the first 10 pages of each set (NUTGRAF_BENCH_FULL=1 runs them all) from the shared bench
folder beside the checkout, or from NUTGRAF_BENCH_DIR.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from nutgraf.bench.extraction import (
    ANCHORS,
    benchmark_counts,
    format_extraction_report,
    rescore_published,
    run_extraction_bench,
)

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
    if FULL:  # on the 10-page slice both sit within a page's noise of each other
        assert figures["trafilatura_en_ours_f"] >= figures["trafilatura_en_trafilatura_f"]


def test_the_metric_gives_the_published_figures_for_the_published_output() -> None:
    """The set ships trafilatura 2.0.0's published output: scored here it must give the
    published precision, recall and F1, or the bench's metric is not the benchmark's."""
    rescored = rescore_published(BENCH / "extraction" / "scrapinghub")
    for figure in ("precision", "recall", "f1"):
        assert rescored[f"scrapinghub_published_{figure}"] == pytest.approx(
            ANCHORS[f"scrapinghub_{figure}"], abs=0.0005
        )
    assert rescored["scrapinghub_published_f1_page_mean"] < rescored["scrapinghub_published_f1"]


def test_benchmark_counts_are_multisets_of_case_sensitive_shingles() -> None:
    assert benchmark_counts("", "") == (0.0, 0.0, 0.0)
    assert benchmark_counts("a b c d", "a b c d") == (1.0, 0.0, 0.0)
    # the repeated shingle counts twice in the gold and once in the prediction
    tp, fp, fn = benchmark_counts("a b c d", "a b c d x a b c d")
    assert (tp, fp) == (pytest.approx(1 / 6), 0.0)
    assert fn == pytest.approx(5 / 6)
    assert benchmark_counts("A b c d", "a b c d") == (0.0, 0.5, 0.5)  # case counts
    assert benchmark_counts("a, b; c. d!", "a b c d") == (1.0, 0.0, 0.0)  # punctuation does not


def test_report_names_every_figure(figures: dict[str, float]) -> None:
    report = format_extraction_report(figures)
    assert "0.958" in report  # the published anchor
    assert "nutgraf" in report
    assert "trafilatura (same run)" in report
