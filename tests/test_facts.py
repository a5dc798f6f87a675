"""engine/facts.py: which sentences assert something checkable, and which restate.

The sentences are from the padding set's real pages (tests/data/padding) unless marked as
made up for the test.
"""

from __future__ import annotations

import pytest

from nutgraf.engine.facts import (
    Word,
    adds_to,
    asserts_fact,
    quoted_sentences,
    read_claim,
    read_claims,
    restates,
    same_fact,
)
from nutgraf.engine.nlp import load_model, parse_sentences
from nutgraf.engine.redundancy import measure_redundancy
from nutgraf.engine.sentences import split_sentences

FACTS = [
    "They lost 250 seats on a devastating night.",
    "India strongly rejected the charges.",
    "Residents along the southern edge of Big Bear Lake were told to leave the area.",
    "Alarmingly, the outbreak has also led to the tragic death of an unvaccinated child.",
    "Gov. Gavin Newsom declared a state of emergency for the fire area.",
    "Last week, a school-age child died of measles in Texas.",
    "A teacher has been banned from the classroom after he let pupils change their answers.",
    "It is learnt that Canada has rejected the argument.",
    "The strike is about a plan to automate the port's cranes.",  # a sample, made up
    # a list label before the sentence is no part of it; made up, as the two below
    "Seat count: The party lost 250 seats on a devastating night.",
    "Footage from the night showed the man entering the shop.",
]
COMMENTARY = [
    "This surge underscores the pressing need for vaccination and enhanced public health "
    "awareness.",
    "The Labour Party’s victory signals a new era in British politics.",
    "Climate change has played a significant role in the increasing frequency and intensity "
    "of wildfires.",
    "Lower interest rates could encourage consumers to spend more freely.",
    "As the meeting remains shrouded in secrecy, only time will tell if it will lead to a "
    "resolution of the current diplomatic row.",
    "In today's fast-moving world, news about ports and shipping can be hard to keep up with.",
    "Emergency response efforts are crucial in protecting lives and property.",
    "This shift in power marks a significant change in UK politics since the last elections "
    "in 2019.",
    # the perfect of a verdict ("has shown", "has highlighted") reports no event
    "Housing demand: The property market has shown remarkable strength despite the rises.",
    "The crisis has highlighted the importance of reliable public transport.",
    "The council hopes to make the trams cheaper, which could bring back more riders.",
]


def tagged(text: str) -> list[Word]:
    return [Word(t.text, t.tag_, t.ent_type_) for t in load_model()(text)]


@pytest.mark.parametrize("text", FACTS)
def test_a_checkable_statement_asserts_a_fact(text: str) -> None:
    assert asserts_fact(read_claim(text, tagged(text)))


@pytest.mark.parametrize("text", COMMENTARY)
def test_commentary_asserts_nothing_checkable(text: str) -> None:
    assert not asserts_fact(read_claim(text, tagged(text)))


def test_figures_and_days_are_read_without_the_model() -> None:
    claim = read_claim("About 1,200 dock workers walked off the job on Monday.")
    assert claim.figures == {"1200"} and "monday" in claim.dates
    assert asserts_fact(claim)
    assert not asserts_fact(read_claim("Only time will tell what happens next."))


def test_a_quotation_that_runs_on_is_someone_s_words() -> None:
    texts = [
        "He told reporters outside the hall: “Changing a country is not like flipping a switch.",
        "The world is now a more unstable place.”",
        "The result marks a reversal.",
    ]
    assert quoted_sentences(texts) == [False, True, False]
    assert [c.quoted for c in read_claims(texts)] == [False, True, False]


def test_a_restatement_adds_nothing_checkable() -> None:
    first = read_claim(
        "The World Health Organization said it would review the data in March.",
        tagged("The World Health Organization said it would review the data in March."),
    )
    again = "The WHO will look at the data in March, according to the organization."
    new = "The WHO said the vaccine would cost about $3 a dose in 14 countries."
    assert restates(read_claim(again, tagged(again)), [first])
    assert not restates(read_claim(new, tagged(new)), [first])
    assert {"3", "14"} <= adds_to(read_claim(new, tagged(new)), [first])


def test_same_fact_across_two_articles() -> None:
    """Two outlets' sentences (made up for the test): the same figure and names are one fact,
    a different figure is another, and sharing common words only is no evidence."""
    a = read_claim("About 1,200 dock workers at the Port of Halden walked off the job on Monday.")
    b = read_claim("Around 1,200 workers at the Port of Halden stopped working on Monday.")
    c = read_claim("About 400 dock workers at the Port of Halden walked off the job on Monday.")
    d = read_claim("In September it kept rates on hold.")
    e = read_claim("Only Catherine Mann favoured keeping rates on hold.")
    assert same_fact(a, b)
    assert not same_fact(a, c)
    assert not same_fact(d, e)


@pytest.mark.parametrize(
    ("lede", "fact"),
    [
        ("Mira Olsen will serve as a witness at the first wedding in the new chapel.", True),
        ("Harbour Trams is making a final offer to the drivers' union.", True),
        ("The growing number of strikes in Tessford is causing delays for everyone.", False),
        ("Will Harbour Trams make a final offer to the drivers?", False),
    ],
)
def test_a_lede_that_opens_with_a_name_reports_the_story(lede: str, fact: bool) -> None:
    """The first sentence of a news story reports it even in a future or a progressive, which
    the fact test alone reads as no event; made-up sentences."""
    text = f"{lede} The chapel opened on Friday in Tessford."
    sentences = split_sentences(text)
    parse = parse_sentences(text, tuple(sentences), needs_syntax=lambda sentence: False)
    assert (0 not in measure_redundancy(sentences, parse=parse).filler_ids) is fact
