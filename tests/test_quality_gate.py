"""The quality gate for summaries and grounding: small slices of the public sets, run through
the same bench functions as the full benchmark, must hold the floors pinned in floors.toml.

The data is read in place from NUTGRAF_BENCH_DIR, else ../shared/bench beside the checkout;
without it the slice tests skip, saying where they looked. The gate's own check always runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nutgraf.bench.gate import check_floors, load_gate
from nutgraf.bench.grounding import format_grounding_report, run_grounding_bench
from nutgraf.bench.padding import format_padding_report, run_padding_bench
from nutgraf.bench.summaries import format_summaries_report, run_summaries_bench

BENCH = Path(
    os.environ.get("NUTGRAF_BENCH_DIR") or Path(__file__).resolve().parents[2] / "shared" / "bench"
)
needs_data = pytest.mark.skipif(
    not (BENCH / "summaries").is_dir() or not (BENCH / "grounding").is_dir(),
    reason=f"benchmark data not found under {BENCH} (set NUTGRAF_BENCH_DIR)",
)


@pytest.fixture(scope="module")
def summaries() -> dict[str, float]:
    figures = run_summaries_bench(BENCH / "summaries", limit=load_gate("summaries").articles)
    print(format_summaries_report(figures))
    return figures


@pytest.fixture(scope="module")
def grounding() -> dict[str, float]:
    figures = run_grounding_bench(BENCH / "grounding", limit=load_gate("grounding").articles)
    print(format_grounding_report(figures))
    return figures


@needs_data
def test_summaries_hold_their_floors(summaries: dict[str, float]) -> None:
    assert check_floors(summaries, load_gate("summaries").floors) == []


@needs_data
def test_selection_beats_the_baselines(summaries: dict[str, float]) -> None:
    assert summaries["select3_rouge1"] > summaries["textrank3_rouge1"]
    assert summaries["bbc_ours_k_f1"] >= summaries["bbc_lead_k_f1"]
    assert summaries["bbc_category_accuracy"] > summaries["bbc_category_majority_accuracy"]


@needs_data
def test_grounding_holds_its_floors(grounding: dict[str, float]) -> None:
    assert check_floors(grounding, load_gate("grounding").floors) == []


@needs_data
def test_support_check_beats_the_majority_class(grounding: dict[str, float]) -> None:
    assert grounding["ours_accuracy"] > grounding["majority_accuracy"]


def test_padding_holds_its_floors() -> None:
    """The padding set ships in the repository (tests/data/padding): this gate always runs."""
    figures = run_padding_bench(limit=load_gate("padding").articles)
    print(format_padding_report(figures))
    assert check_floors(figures, load_gate("padding").floors) == []
    # the padded pages are told apart from the reports they rewrite
    assert figures["dev_padded_share_mean"] > 1 - figures["dev_original_clean_mean"] + 0.3


def test_the_gate_reports_a_figure_below_its_floor() -> None:
    failures = check_floors(
        {"select3_rouge1": 40.0, "summary_rouge1": 45.0},
        {
            "select3_rouge1": 43.0,
            "summary_rouge1": 42.0,
            "bbc_ours_k_f1": 0.5,
        },
    )
    assert failures == [
        "bbc_ours_k_f1: missing from the run (floor 0.5)",
        "select3_rouge1: 40 is below its floor 43",
    ]


def test_every_pinned_floor_names_a_figure_the_bench_reports() -> None:
    summary_keys = {
        f"{s}_{k}"
        for s in ("summary", "select3", "lead3", "textrank3")
        for k in ("rouge1", "rouge2", "rougeLsum")
    }
    summary_keys |= {
        f"bbc_{s}_{m}"
        for s in ("ours_k", "lead_k", "ours_3", "lead_3")
        for m in ("precision", "recall", "f1")
    }
    summary_keys |= {"bbc_category_accuracy", "bbc_category_majority_accuracy"}
    summary_keys |= {"points_units", "lead_units", "points_units_gain"}
    grounding_keys = {
        f"{s}_{m}"
        for s in ("ours", "majority")
        for m in ("accuracy", "unsupported_precision", "unsupported_recall", "unsupported_f1")
    }
    assert set(load_gate("summaries").floors) <= summary_keys
    assert set(load_gate("grounding").floors) <= grounding_keys
