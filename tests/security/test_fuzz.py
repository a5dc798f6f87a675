"""A short fuzzing run of the sanitiser, the extractor and the feed parser (the long run is
`nutgraf bench fuzz`). The same properties as the benchmark, a few hundred inputs each."""

from __future__ import annotations

import pytest

from nutgraf.bench.fuzz import (
    TARGETS,
    format_fuzz_report,
    fuzz_once,
    run_fuzz_bench,
    unsafe_parts,
)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_short_fuzzing_run_finds_nothing(name: str) -> None:
    assert fuzz_once(name, examples=150) == 150


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=' javascript:alert(1)'>x</a>",
        "<a href='data:text/html,x'>x</a>",
        "<iframe src=x></iframe>",
        "<p style='x:expression(alert(1))'>x</p>",
    ],
)
def test_the_property_would_catch_unsafe_output(markup: str) -> None:
    assert unsafe_parts(markup, fragment=True)


def test_the_bench_reports_every_target() -> None:
    figures = run_fuzz_bench(seconds=0.3)
    assert set(figures["targets"]) == set(TARGETS)
    assert figures["failures"] == 0 and figures["examples"] >= 3 * 200
    report = format_fuzz_report(figures)
    assert all(name in report for name in TARGETS) and "0 targets failing" in report
