"""Sentence splitting: abbreviations, initials and quotes never split; offsets rebuild the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutgraf.engine.sentences import split_sentences

# Each case is one sentence that naive splitters break, then a second sentence.
ONE_SENTENCE_CASES = [
    "The U.S. Secretary of State arrived in Paris on Monday.",
    "Sec. Rubio met his counterpart in Rome.",
    "The deal was signed on Jan. 5 at the embassy.",
    "Mr. Smith and Mrs. Jones were not available for comment.",
    "J. R. Smith said the plan would work.",
    'He said "We will win. Believe it." before leaving.',
    "Gen. Milley arrived at 5 p.m. on Friday.",
    "Prices rose 3.5% to $4.2 billion in the quarter.",
    "Dr. Jones of St. Mary's Hospital led the study.",
    "The U.K. and the E.U. reached a deal.",
    "Sen. Warren and Rep. Ocasio-Cortez sent a letter.",
    "The company, Acme Corp. Ltd., denied the report.",
    "Gov. Newsom signed the bill at 10 a.m. Tuesday.",
    "Lt. Col. Vindman testified before the committee.",
    "The vote is scheduled for Sept. 12 in Washington.",
]


@pytest.mark.parametrize("sentence", ONE_SENTENCE_CASES)
def test_abbreviations_do_not_split(sentence: str) -> None:
    text = f"{sentence} The next sentence starts here."
    found = split_sentences(text)
    assert [s.text for s in found] == [sentence, "The next sentence starts here."]


def test_offsets_point_into_text_and_paragraphs_are_numbered() -> None:
    text = "First one. Second one.\n\nThird, in a new paragraph. Fourth!"
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "First one.",
        "Second one.",
        "Third, in a new paragraph.",
        "Fourth!",
    ]
    assert [s.paragraph for s in found] == [0, 0, 1, 1]
    assert [s.id for s in found] == [0, 1, 2, 3]
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The union said it would strike "until the port acts." Union leader Ann Lee agreed.',
            [
                'The union said it would strike "until the port acts."',
                "Union leader Ann Lee agreed.",
            ],
        ),
        (
            "“Nobody will be left behind. We said so,” Vik said. Talks resume Friday.",
            ["“Nobody will be left behind. We said so,” Vik said.", "Talks resume Friday."],
        ),
        (
            "Shares rose in the U.S. The index fell in Europe.",
            ["Shares rose in the U.S.", "The index fell in Europe."],
        ),
        ("Is it over? No! It goes on…", ["Is it over?", "No!", "It goes on…"]),
    ],
)
def test_sentence_ends_after_quotes_and_abbreviations(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences("  \n\n  ") == ()


words = st.sampled_from(
    ["the", "U.S.", "Mr.", "said", "Jan.", "5", "deal", "“quoted", "text.”", "end.", "Why?", "3.5%"]
)
paragraph = st.lists(words, min_size=1, max_size=30).map(" ".join)
texts = st.lists(paragraph, min_size=1, max_size=5).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_offsets_rebuild_the_text(text: str) -> None:
    found = split_sentences(text)
    previous_end = 0
    for index, sentence in enumerate(found):
        assert sentence.id == index
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        assert "\n\n" not in sentence.text
        previous_end = sentence.end
    # Nothing but whitespace lies between sentences: no words are lost.
    covered = "".join(s.text for s in found)
    assert "".join(text.split()) == "".join(covered.split())
