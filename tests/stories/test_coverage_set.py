"""The merged brief on real coverage (tests/data/coverage): one outlet's two crawls are one
article, padded rewrites add nothing, independent reports of one quotation are counted, and
figures that disagree are shown side by side while spellings that do not are never shown.

The quality figures over the whole set are in `nutgraf bench stories`; its floors are pinned
by tests/stories/test_story_quality_gate.py."""

from __future__ import annotations

from collections import defaultdict

import pytest

from nutgraf.bench.story_quality import DEFAULT_DATA, brief_article, read_articles, read_facts
from nutgraf.engine import Brief
from nutgraf.engine.stories import StoryBrief, merge_story
from nutgraf.engine.stories.conflicts import normalise_value


@pytest.fixture(scope="module")
def events() -> dict[str, tuple[list[str], StoryBrief]]:
    briefs: dict[str, list[Brief]] = defaultdict(list)
    ids: dict[str, list[str]] = defaultdict(list)
    for item in read_articles(DEFAULT_DATA):
        briefs[item.event].append(brief_article(item))
        ids[item.event].append(item.id)
    return {event: (ids[event], merge_story(briefs[event])) for event in briefs}


def test_two_crawls_of_one_address_are_one_article(events) -> None:
    _, story = events["nsa-firing"]
    week = [a for a in story.articles if a.outlet == "theweek.com"]
    assert len(week) == 1, "one article, not two reports"
    assert [v.location for v in week[0].versions] == ["N09"]
    assert week[0].location == "N10", "the newest text is kept"
    assert story.counts.articles == 14 and story.counts.independent == 9


@pytest.mark.parametrize(
    ("event", "padded"),
    [("signal-leak", ["S11"]), ("ig-review", ["P02", "P13", "P14", "P15", "P16"])],
)
def test_padded_rewrites_add_nothing(events, event: str, padded: list[str]) -> None:
    _, story = events[event]
    roles = {a.location: a for a in story.articles}
    for name in padded:
        assert roles[name].role == "rewrite", name
        assert roles[name].added == (), name


def test_a_quotation_several_reports_give_counts_each(events) -> None:
    _, story = events["nsa-firing"]
    honest = next(p for p in story.key_points if "honest and forthright" in p.text)
    assert honest.independent >= 2 and not honest.single_source


def test_conflicts_name_real_disagreements_only(events) -> None:
    _, yemen = events["yemen-strikes"]
    tolls = [c for c in yemen.conflicts if c.kind == "figure"]
    assert tolls, "the death toll was given as 9, 24 and 31"
    values = {normalise_value(c.value) for c in tolls[0].claims}
    assert {"ninepeople", "31people"} <= values
    for _, story in events.values():
        for conflict in story.conflicts:
            folded = [normalise_value(c.value) for c in conflict.claims]
            assert len(set(folded)) == len(folded) >= 2, conflict


@pytest.mark.parametrize(
    ("value", "same"),
    [
        ("NBC’s", "NBC's"),
        ("U.S. Department of Defense", "US Department of Defense"),
        ("1,000 miles", "1000 miles"),
        ("“war plans”", '"War Plans"'),
    ],
)
def test_spelling_variants_are_one_value(value: str, same: str) -> None:
    assert normalise_value(value) == normalise_value(same)


def test_the_timeline_keeps_only_resolved_dates(events) -> None:
    for _, story in events.values():
        for event in story.timeline:
            assert event.date[:2] in {"19", "20"}, event
            assert len(event.date) in {4, 7, 10}


def test_a_fact_worded_two_ways_is_one_point(events) -> None:
    # "Haugh has been fired ..., the top Democrats on the intelligence committees confirmed"
    # and "Haugh's removal ... was disclosed by Rep. Jim Himes ... and Sen. Mark Warner": one
    # fact, told by two outlets' wordings; the second must not take a point of its own.
    _, story = events["nsa-firing"]
    facts = read_facts(DEFAULT_DATA)["nsa-firing"]
    seen: set[str] = set()
    for point in story.key_points:
        stated = {name for name, pattern in facts if pattern.search(point.text)}
        assert not stated or stated - seen, f"says again {sorted(stated)}: {point.text}"
        seen |= stated
