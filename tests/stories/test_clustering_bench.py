"""The clustering quality gate: a fast slice of Google News TS against pinned floors, and never
below TF-IDF average-link that is told the number of clusters. NUTGRAF_BENCH_FULL=1 runs all."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from nutgraf.bench.clustering import format_clustering_report, run_clustering_bench

BENCH = Path(os.environ.get("NUTGRAF_BENCH_DIR") or Path(__file__).parents[3] / "shared" / "bench")
FLOORS = Path(__file__).parents[2] / "src" / "nutgraf" / "bench" / "floors.toml"
FULL = os.environ.get("NUTGRAF_BENCH_FULL") == "1"
DATA = BENCH / "clustering" / "googlenews"

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"benchmark data not found at {DATA} (set NUTGRAF_BENCH_DIR)"
)


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    result = run_clustering_bench(DATA, limit=None if FULL else 1500, sets=("TS",))
    print(format_clustering_report(result))
    return result


@pytest.fixture(scope="module")
def floors() -> dict[str, float]:
    with FLOORS.open("rb") as stream:
        table: dict[str, float] = tomllib.load(stream)["clustering"]
    return table


def test_nmi_and_ari_hold_their_floors(figures: dict[str, float], floors: dict[str, float]) -> None:
    suffix = "" if FULL else "_first1500"
    assert figures["TS_ours_nmi"] >= floors[f"ts_nmi{suffix}"]
    assert figures["TS_ours_ari"] >= floors[f"ts_ari{suffix}"]


def test_not_told_k_is_at_least_average_link_told_k(figures: dict[str, float]) -> None:
    assert figures["TS_ours_nmi"] >= figures["TS_avglink_k_nmi"]
    assert figures["TS_ours_ari"] >= figures["TS_avglink_k_ari"]


def test_report_names_the_anchor(figures: dict[str, float]) -> None:
    report = format_clustering_report(figures)
    assert "0.955" in report
    assert "told k" in report
