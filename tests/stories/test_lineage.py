"""Lineage on the multi-outlet test sets: roles, what each rewrite follows, what it adds, and
the independent-source count, checked against the lineage the sets were written with."""

from __future__ import annotations

import pytest

from nutgraf.engine import Brief
from nutgraf.engine.stories.merge import merge_story
from nutgraf.engine.stories.records import StoryBrief
from tests.stories.conftest import brief_of
from tests.stories.corpus import EVENTS, FLOOD_CONFLICT, INDEPENDENT, Item


@pytest.fixture(scope="module")
def stories(event_briefs: dict[str, list[Brief]]) -> dict[str, StoryBrief]:
    return {name: merge_story(briefs) for name, briefs in event_briefs.items()}


def _pairs(stories: dict[str, StoryBrief]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(rewrite, followed) pairs found and expected, over every event."""
    found, expected = set(), set()
    for name, story in stories.items():
        for article in story.articles:
            if article.follows is not None:
                found.add((article.location, story.articles[article.follows].location))
        expected |= {(i.location, i.follows) for i in EVENTS[name] if i.follows}
    return found, expected


def test_lineage_precision_and_recall(stories: dict[str, StoryBrief]) -> None:
    found, expected = _pairs(stories)
    precision = len(found & expected) / len(found)
    recall = len(found & expected) / len(expected)
    print(f"lineage pairs: precision {precision:.3f} recall {recall:.3f} over {len(expected)}")
    assert precision >= 1.0
    assert recall >= 1.0


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_roles_match_the_written_lineage(stories: dict[str, StoryBrief], name: str) -> None:
    by_location = {item.location: item for item in EVENTS[name]}
    for article in stories[name].articles:
        assert article.role == by_location[article.location].role, article.location


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_independent_source_count(stories: dict[str, StoryBrief], name: str) -> None:
    counts = stories[name].counts
    assert counts.independent == INDEPENDENT[name]
    assert counts.articles == len(EVENTS[name])
    assert counts.outlets == len({item.outlet for item in EVENTS[name]})
    assert f"{counts.independent} independent report" in counts.text


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_added_facts_are_the_written_ones(stories: dict[str, StoryBrief], name: str) -> None:
    by_location: dict[str, Item] = {item.location: item for item in EVENTS[name]}
    for article in stories[name].articles:
        assert tuple(c.text for c in article.added) == by_location[article.location].adds


def test_a_fact_repeated_by_rewrites_counts_one_source(stories: dict[str, StoryBrief]) -> None:
    lead = next(
        p for p in stories["crane"].key_points if p.text.startswith("A container crane collapsed")
    )
    assert lead.articles == 4  # the wire, its padded paraphrase, its copy, and the one that adds
    assert lead.independent == 1
    assert lead.single_source


def test_a_fact_only_rewrites_repeat_stays_single_source(stories: dict[str, StoryBrief]) -> None:
    # The wire's sentence and its copy; the Ledger's "inspectors would reach the site on
    # Tuesday" says more (a date), so it is not a second report of this fact.
    investigation = next(p for p in stories["crane"].key_points if "Maritime Safety" in p.text)
    assert investigation.independent == 1 and investigation.articles == 2
    assert investigation.single_source


def test_every_citation_is_an_article_sentence(
    stories: dict[str, StoryBrief], event_briefs: dict[str, list[Brief]]
) -> None:
    for name, story in stories.items():
        texts = {
            (a.index, s.id): s.text
            for a in story.articles
            for b in event_briefs[name]
            if b.source.location == a.location
            for s in b.sentences
        }
        citations = [c for p in story.key_points for c in p.citations]
        citations += [c for e in story.timeline for c in e.citations]
        citations += [c for a in story.articles for c in a.added]
        for c in citations:
            assert texts[(c.article, c.sentence)] == c.text


def test_conflicting_figures_are_flagged_side_by_side(
    event_briefs: dict[str, list[Brief]],
) -> None:
    late = Item("flood/late", "Evening Star", "2025-11-09T18:00:00+00:00", FLOOD_CONFLICT)
    story = merge_story([*event_briefs["flood"], brief_of(late)])
    figures = [c for c in story.conflicts if c.kind == "figure"]
    assert figures, story.conflicts
    values = " | ".join(claim.value for claim in figures[0].claims)
    assert "3,400 residents" in values and "4,100 residents" in values
    outlets = {claim.outlet for claim in figures[0].claims}
    assert {"Coastal Wire", "Evening Star"} <= outlets


def test_order_of_input_does_not_matter(event_briefs: dict[str, list[Brief]]) -> None:
    forward = merge_story(event_briefs["tram"]).to_dict()
    backward = merge_story(list(reversed(event_briefs["tram"]))).to_dict()
    assert forward == backward


def test_story_json_is_versioned_and_round_trips(stories: dict[str, StoryBrief]) -> None:
    import json

    body = stories["flood"].to_dict()
    assert body["nutgraf_story"] == 2
    assert "nutgraf" not in body
    assert json.loads(json.dumps(body)) == body
    assert body["counts"]["text"] == "5 articles from 5 outlets, 2 independent reports"
