"""The tense of the clause around a time expression: does "Tuesday" lie behind or ahead?

News English places an event with a bare weekday and lets the verb say which way: "the council
voted on Tuesday" is the last Tuesday, "the council will vote on Tuesday" and "Lowe's reports
earnings Wednesday" are the coming ones. `clause_tense` reads the verb nearest the expression in
its own clause (clauses end at ; : — and quotation marks, and at a comma before a new subject is
too hard to see, so commas do not end them):

    future    will, 'll, shall, would, going to, set to, due to, scheduled, expected, slated,
              planned, plans to, is to, ahead of, upcoming
    past      said, was, were, had, did, irregular past forms (won, met, told, ...) and -ed verbs
              that are not future participles ("scheduled", "expected")
    present   neither: a timetable ("the show opens Friday"), or "nowadays"

The words just before the expression are read first (the verb usually precedes its time), then
the words after it ("On Tuesday, the owner said ..."). No parser is used: this runs on every
date expression and costs microseconds.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "present", "future"]

WINDOW_WORDS = 9  # words on each side of the expression that can hold its verb

_CLAUSE_BREAK = re.compile(r"[;:—–()\"“”]|\s-\s|\.\s")
_FUTURE_WORDS = frozenset(
    """
    will won't shall would wouldn't must should upcoming coming next until tomorrow scheduled
    expected slated planned awaits await
    """.split()
)
_FUTURE_PAIRS = frozenset(
    {
        "going to",
        "set to",
        "plans to",
        "plan to",
        "is to",
        "are to",
        "ahead of",
        "is due",
        "are due",
    }
)
_IRREGULAR_PAST = frozenset(
    """
    said told was were had did made took came went got gave found left met won lost beat held
    began ran saw became brought bought sold paid shot hit fell rose sent spent struck stood wrote
    spoke broke drew threw led fled kept thought heard meant felt knew grew showed fought caught
    taught sought built chose drove ate flew forgot froze hid hung lay lit rode rang sang sank
    slept slid spun stole stuck swam swore swept tore woke wore
    """.split()
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z“\"])")
_PASSIVE_AUXILIARIES = frozenset({"be", "being"})
_ED_VERB = re.compile(r"^[a-z]{3,}ed$")
_WORD = re.compile(r"[A-Za-z']+")


def clause_tense(text: str, start: int, end: int, *, before_only: bool = False) -> Tense:
    """The tense of the clause of `text` holding the expression at [start, end); with
    `before_only`, only the words before it count (for "today", whose verb precedes it)."""
    left = _CLAUSE_BREAK.split(text[:start])[-1]
    right = _CLAUSE_BREAK.split(text[end:])[0]
    before = _markers(_WORD.findall(left)[-WINDOW_WORDS:])
    if before:
        return before[-1][1]  # the marker nearest the expression
    if before_only:
        return "present"
    after = _markers(_WORD.findall(right)[:WINDOW_WORDS])
    return after[0][1] if after else "present"


def sentence_tense(text: str, start: int, end: int) -> Tense:
    """The clause's tense, else the tense of the marker nearest the expression in the rest of
    its sentence ("... lift the Islanders over the Penguins 5-4 Tuesday night" takes "capped")."""
    tense = clause_tense(text, start, end)
    if tense != "present":
        return tense
    left = _SENTENCE_BREAK.split(text[:start])[-1]
    right = _SENTENCE_BREAK.split(text[end:])[0]
    left_words = _WORD.findall(left)
    before, after = _markers(left_words), _markers(_WORD.findall(right))
    distance_before = len(left_words) - before[-1][0] if before else None
    distance_after = after[0][0] + 1 if after else None
    if distance_before is not None and (
        distance_after is None or distance_before <= distance_after
    ):
        return before[-1][1]
    return after[0][1] if after else "present"


def _markers(words: list[str]) -> list[tuple[int, Tense]]:
    """(position, tense) of every tense marker among `words`. A participle after "be" is a
    passive ("will be postponed"): its auxiliary, not the participle, tells the tense."""
    found: list[tuple[int, Tense]] = []
    lower = [word.lower() for word in words]
    for index, word in enumerate(lower):
        pair = f"{word} {lower[index + 1]}" if index + 1 < len(lower) else ""
        passive = index > 0 and lower[index - 1] in _PASSIVE_AUXILIARIES
        if word in _FUTURE_WORDS or word.endswith("'ll") or pair in _FUTURE_PAIRS:
            found.append((index, "future"))
        elif passive:
            continue
        elif word in _IRREGULAR_PAST or (_ED_VERB.match(word) and word not in _FUTURE_WORDS):
            found.append((index, "past"))
    return found
