"""The quality gate for stories on real coverage: the whole development set
(tests/data/coverage) and the whole held-out set (tests/data/coverage-held-out) through
`nutgraf bench stories`' quality part must hold the floors pinned in floors.toml
([story_quality], [story_quality_held_out]). A development failure names every miss; a
held-out failure names only the figures, since that set is measured, never read, while tuning."""

from __future__ import annotations

import pytest

from nutgraf.bench.gate import check_floors, load_gate
from nutgraf.bench.story_quality import (
    DEFAULT_DATA,
    HELD_OUT_DATA,
    evaluate,
    format_story_quality_report,
)


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, float], list[str]]:
    gate = load_gate("story_quality")
    figures, misses = evaluate(DEFAULT_DATA, limit=gate.articles)
    print(format_story_quality_report(figures, misses))
    return figures, misses


@pytest.mark.parametrize(
    ("data", "gate"), [(DEFAULT_DATA, "story_quality"), (HELD_OUT_DATA, "story_quality_held_out")]
)
def test_the_sets_are_whole_and_described(data, gate: str) -> None:
    lines = (data / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == load_gate(gate).articles >= 25
    assert (data / "README.md").is_file() and (data / "facts.json").is_file()


def test_stories_hold_their_floors(run: tuple[dict[str, float], list[str]]) -> None:
    figures, misses = run
    failures = check_floors(figures, load_gate("story_quality").floors)
    assert failures == [], "\n".join([*failures, *misses])


def test_stories_hold_their_held_out_floors() -> None:
    gate = load_gate("story_quality_held_out")
    figures, _ = evaluate(HELD_OUT_DATA, limit=gate.articles)
    print(format_story_quality_report(figures, data=HELD_OUT_DATA))
    failures = check_floors(figures, gate.floors)
    assert failures == [], "\n".join(failures)


def test_the_report_names_each_figure(run: tuple[dict[str, float], list[str]]) -> None:
    figures, _ = run
    report = format_story_quality_report(figures)
    for words in ("pairwise F1", "near-copies", "padded", "independent", "distinct facts"):
        assert words in report
    assert "tests/data/coverage-held-out" in format_story_quality_report(
        figures, data=HELD_OUT_DATA
    )
