"""The quality gate for stories on real coverage: the whole development set
(tests/data/coverage) through `nutgraf bench stories`' quality part must hold the floors
pinned in floors.toml ([story_quality]); a failure names every miss."""

from __future__ import annotations

import pytest

from nutgraf.bench.gate import check_floors, load_gate
from nutgraf.bench.story_quality import DEFAULT_DATA, evaluate, format_story_quality_report


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, float], list[str]]:
    gate = load_gate("story_quality")
    figures, misses = evaluate(DEFAULT_DATA, limit=gate.articles)
    print(format_story_quality_report(figures, misses))
    return figures, misses


def test_the_development_set_is_whole_and_described() -> None:
    lines = (DEFAULT_DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == load_gate("story_quality").articles >= 30
    assert (DEFAULT_DATA / "README.md").is_file() and (DEFAULT_DATA / "facts.json").is_file()


def test_stories_hold_their_floors(run: tuple[dict[str, float], list[str]]) -> None:
    figures, misses = run
    failures = check_floors(figures, load_gate("story_quality").floors)
    assert failures == [], "\n".join([*failures, *misses])


def test_the_report_names_each_figure(run: tuple[dict[str, float], list[str]]) -> None:
    figures, _ = run
    report = format_story_quality_report(figures)
    for words in ("pairwise F1", "near-copies", "padded", "independent", "distinct facts"):
        assert words in report
