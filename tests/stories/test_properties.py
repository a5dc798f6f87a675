"""Invariants of signatures, lineage and clustering, with Hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nutgraf.engine.records import Sentence
from nutgraf.engine.sentences import split_sentences
from nutgraf.engine.stories.clustering import cluster_profiles
from nutgraf.engine.stories.lineage import trace_lineage
from nutgraf.engine.stories.profiles import profile_text
from nutgraf.engine.stories.signatures import containment, jaccard, sign_text
from tests.stories.corpus import (
    CRANE_WIRE,
    EVENTS,
    FLOOD_WIRE,
    TRAM_WIRE,
    padded_paraphrase,
    reordered,
)

words = st.lists(
    st.sampled_from("harbour crane union wind berth ship report port day".split()),
    min_size=0,
    max_size=60,
).map(" ".join)


@given(words)
def test_a_text_is_its_own_near_copy(text: str) -> None:
    signature = sign_text(text)
    if signature.shingles:
        assert jaccard(signature, signature) == 1.0
        assert containment(signature, signature) == 1.0


@given(words, words)
def test_signature_estimates_stay_in_range_and_are_symmetric(a: str, b: str) -> None:
    x, y = sign_text(a), sign_text(b)
    assert 0.0 <= jaccard(x, y) <= 1.0
    assert jaccard(x, y) == jaccard(y, x)
    assert 0.0 <= containment(x, y) <= 1.0


def _sentences(text: str) -> tuple[Sentence, ...]:
    return split_sentences(text)


@settings(deadline=None, max_examples=25)
@given(
    st.sampled_from([CRANE_WIRE, FLOOD_WIRE, TRAM_WIRE]),
    st.integers(0, 10_000),
    st.sampled_from(["pad", "shuffle"]),
)
def test_a_later_rewrite_is_never_original(text: str, seed: int, how: str) -> None:
    rewrite = padded_paraphrase(text, seed) if how == "pad" else reordered(text, seed)
    trace = trace_lineage([_sentences(text), _sentences(rewrite)])
    assert trace.lineage[0].role == "original"
    assert trace.lineage[1].role == "rewrite"
    assert trace.lineage[1].follows == 0


@settings(deadline=None, max_examples=15)
@given(st.permutations([item for items in EVENTS.values() for item in items]))
def test_independent_count_never_exceeds_articles(items: list) -> None:
    trace = trace_lineage([_sentences(item.text) for item in items[:6]])
    originals = sum(1 for line in trace.lineage if line.role == "original")
    assert 1 <= originals <= len(trace.lineage)
    assert trace.lineage[0].role == "original"  # the first article follows nothing
    for line in trace.lineage:
        assert line.follows is None or line.follows < line.article


def test_clustering_keeps_events_apart() -> None:
    items = [item for items in EVENTS.values() for item in items]
    profiles = [profile_text(i.text, published=i.published) for i in items]
    labels = cluster_profiles(profiles)
    event_of = {item.location: name for name, group in EVENTS.items() for item in group}
    for label in set(labels):
        events = {
            event_of[i.location] for i, found in zip(items, labels, strict=True) if found == label
        }
        assert len(events) == 1, events  # purity: no story mixes two events
    label_of = {item.location: label for item, label in zip(items, labels, strict=True)}
    for item in items:
        if item.follows:  # a rewrite always joins the story of what it follows
            assert label_of[item.location] == label_of[item.follows], item.location


def test_the_same_words_a_month_later_start_another_story() -> None:
    profiles = [
        profile_text(CRANE_WIRE, published="2025-03-10"),
        profile_text(padded_paraphrase(CRANE_WIRE, 1), published="2025-03-11"),
        profile_text(CRANE_WIRE.replace("Monday", "Friday"), published="2025-04-25"),
    ]
    labels = cluster_profiles(profiles)
    assert labels[0] == labels[1] != labels[2]


@settings(deadline=None, max_examples=25)
@given(st.sampled_from([CRANE_WIRE, FLOOD_WIRE, TRAM_WIRE]), st.integers(1, 3))
def test_a_page_that_prints_its_lede_twice_profiles_as_printed_once(text: str, n: int) -> None:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    doubled = "\n".join([*paragraphs[:n], *paragraphs])
    once, twice = profile_text(text), profile_text(doubled)
    assert dict(twice.terms) == dict(once.terms)
    assert twice.anchors == once.anchors
