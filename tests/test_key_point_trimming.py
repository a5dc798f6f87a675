"""Key points are trimmed by deletion only, and a trim never drops a negation, a modal, a
hedge or an attribution: pairs of sentences that differ only in such a word, built for it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutgraf.engine.compose.wording import GUARDED, trim_commentary

# (sentence, what the trim must leave): each commentary span that goes holds no guarded word
TRIMMED = [
    (
        "Alarmingly, the outbreak has also led to the death of an unvaccinated child, serving "
        "as a potent reminder of the stakes involved.",
        "The outbreak has also led to the death of an unvaccinated child.",
    ),
    (
        "In a surprise turn of events, the two foreign ministers met in Washington last month.",
        "The two foreign ministers met in Washington last month.",
    ),
    (
        "Around 1,200 workers at the Port of Halden stopped working on Monday, which is a big "
        "deal.",
        "Around 1,200 workers at the Port of Halden stopped working on Monday.",
    ),
    (
        "The exit poll puts Labour on 410 of the 650 seats, providing a snapshot of the "
        "current political landscape.",
        "The exit poll puts Labour on 410 of the 650 seats.",
    ),
]

# the same kind of span, with a negation, a modal, a hedge or an attribution in it: kept whole
KEPT = [
    "Reportedly, the suspect fled the scene before police arrived at the house on Main Street.",
    "Allegedly, the councillor accepted payments from the developer over three years.",
    "In theory at least, the ministers may meet in Washington again next month to talk.",
    "Police said the man was not armed, adding that the investigation continues this week.",
    "The plant will close in March, which could cost the town 400 jobs over two years.",
    "The plant will close in March, signaling that the owners do not expect demand to recover.",
    "According to the union, about 1,200 workers at the Port of Halden stopped work on Monday.",
    "Possibly, the vote will be delayed until the committee has reviewed the new figures.",
    "The council approved the route, raising doubts about whether the ferry can run in winter.",
]


@pytest.mark.parametrize(("sentence", "expected"), TRIMMED)
def test_commentary_is_trimmed_away(sentence: str, expected: str) -> None:
    assert trim_commentary(sentence) == expected


@pytest.mark.parametrize("sentence", KEPT)
def test_a_trim_never_drops_a_negation_modal_hedge_or_attribution(sentence: str) -> None:
    assert trim_commentary(sentence) == sentence


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’-][^\W_]+)*", text)]


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(any(word == other for other in remaining) for word in short)


@pytest.mark.parametrize("sentence", [pair[0] for pair in TRIMMED] + KEPT)
def test_a_trim_only_deletes(sentence: str) -> None:
    trimmed = trim_commentary(sentence)
    assert _is_subsequence(_words(trimmed), _words(sentence))
    deleted = set(_words(sentence)) - set(_words(trimmed))
    assert not deleted & GUARDED


PIECES = st.sampled_from(
    [
        "Alarmingly,",
        "In a major development,",
        "the council",
        "did not",
        "may",
        "reportedly",
        "approved the route",
        "on Monday",
        ", underscoring the need for change",
        ", which is a big deal",
        ", signaling that it could not wait",
        ", according to officials",
    ]
)


@given(st.lists(PIECES, min_size=2, max_size=8))
def test_any_trim_is_a_deletion_that_keeps_every_guarded_word(pieces: list[str]) -> None:
    sentence = " ".join(pieces).replace(" ,", ",") + "."
    trimmed = trim_commentary(sentence)
    assert _is_subsequence(_words(trimmed), _words(sentence))
    guarded_before = [w for w in _words(sentence) if w in GUARDED]
    guarded_after = [w for w in _words(trimmed) if w in GUARDED]
    assert guarded_before == guarded_after
