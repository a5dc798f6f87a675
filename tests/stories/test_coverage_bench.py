"""`nutgraf bench coverage` on a small wire: it runs in its own process and database, and on a
wire published in order every placement after the first is made by the kept index (the warm
path); its figures are there for the report. No timing is asserted: speed lives in the bench."""

from __future__ import annotations

from nutgraf.bench.coverage import format_coverage_report, run_coverage_bench


def test_a_wire_in_order_is_placed_by_the_kept_index() -> None:
    figures = run_coverage_bench(limit=300, probes=12)
    assert figures["articles"] == 300 and figures["placements"] == 12
    assert figures["warm_placements"] == 11, "only the first placement of a process rebuilds"
    assert figures["rebuild_members_median"] > 0, "a rebuild replays the open coverages"
    assert figures["kept_bytes_per_article"] > 0
    report = format_coverage_report(figures)
    assert "warm index" in report and "rebuild" in report
