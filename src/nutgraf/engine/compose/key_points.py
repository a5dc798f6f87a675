"""Key points: the article's most important distinct facts, one point each.

A point is one fact's clearest statement that stands on its own, trimmed of commentary by
deletion only (wording.trim_commentary); the fact's restatements are cited beside it. What is
never a point:

    commentary      sentences that assert nothing checkable (redundancy's filler)
    page clutter    captions, datelines, bylines: only `role == "body"` sentences are facts
    a quote fragment  someone's words in quotation marks whose speaker the sentence does not
                    name ("“The world is now a more unstable place.”", "“... ,” he said.")
    a restatement   two points never state one fact: facts are redundancy's groups, and a
                    statement that overlaps a chosen point anyway is passed over

Most important first (ranking.py). A statement opening with a pronoun ("He said ...") needs
the sentence before it: it is taken only after every self-contained statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nutgraf.engine.compose.ranking import RankedFact
from nutgraf.engine.compose.wording import display_text, trim_commentary
from nutgraf.engine.facts import (
    Known,
    adds_checkable,
    adds_to,
    checkable,
    quoted_sentences,
    read_claim,
)
from nutgraf.engine.records import KeyPoint, Quote, Sentence
from nutgraf.engine.redundancy import same_fact
from nutgraf.engine.terms import Terms, sentence_terms, term_weights

#: A point that adds no name, figure or date to the points before it must have at least this
#: share of its content words new, or it says them again.
NEW_SHARE = 0.5
#: Restatements cited beside a point's own sentence, at most.
MAX_EXTRA_SOURCES = 2

_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
#: Share of a sentence inside quotation marks above which it is a quote, not a statement.
QUOTED_SHARE = 0.5

_PRONOUN_OPENING = re.compile(
    r"^(?:(?:however|meanwhile|but|and|still|yet|so),?\s+)?"
    r"(?:he|she|they|it|this|that|these|those|his|her|their|its)\b",
    re.IGNORECASE,
)


#: Two sentences run together with no stop between them, as a photo caption glued to the body
#: of a page ("... at the palace The incident took place ..."): a lower-case word, then a
#: capitalised determiner or pronoun and a lower-case word. Such a point reads as garble and
#: half of it is a caption.
_RUN_ON = re.compile(
    r"[a-z0-9%)'’] (?:The|A|An|He|She|It|They|His|Her|Their|This|These|Those)"
    r" [a-z]"
)


def _mostly_quoted(text: str) -> bool:
    inside = sum(len(match.group(1)) for match in _QUOTED.finditer(text))
    return inside > QUOTED_SHARE * len(text)


def _names_its_speaker(sentence: Sentence, quotes: Sequence[Quote]) -> bool:
    """Does the sentence itself name who is speaking, as the attribution check found it?"""
    lowered = sentence.text.lower()
    for quote in quotes:
        if sentence.id not in quote.sentence_ids or not quote.speaker:
            continue
        name = quote.speaker.lower()
        if name in _PRONOUNS:
            continue
        if name in lowered or name.split()[-1] in lowered:
            return True
    return False


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


def compose_key_points(
    sentences: Sequence[Sentence],
    ranked: Sequence[RankedFact],
    points: int = 7,
    quotes: Sequence[Quote] = (),
) -> tuple[KeyPoint, ...]:
    """At most `points` key points, most important first."""
    weights = term_weights([sentence_terms(s.text) for s in sentences])
    quoted = quoted_sentences([s.text for s in sentences])

    def usable(i: int) -> bool:
        sentence = sentences[i]
        if sentence.role != "body":
            return False
        if quoted[i] or _mostly_quoted(sentence.text):
            return _names_its_speaker(sentence, quotes)
        return True

    plain: list[tuple[RankedFact, int]] = []
    leaning: list[tuple[RankedFact, int]] = []
    for fact in ranked:
        # the fact's first statement that can stand as a point; a later one when the first
        # is someone's words without their name
        members = [i for i in fact.sentence_ids if usable(i)]
        if not members:
            continue
        alone = [
            i
            for i in members
            if not _PRONOUN_OPENING.match(sentences[i].text)
            and not _RUN_ON.search(sentences[i].text)
        ]
        if alone:
            plain.append((fact, alone[0]))
        else:
            leaning.append((fact, members[0]))
    chosen: list[KeyPoint] = []
    chosen_terms: list[Terms] = []
    said = Known()
    for fact, statement in plain + leaning:
        if len(chosen) >= points:
            break
        text = trim_commentary(display_text(sentences[statement].text))
        terms = sentence_terms(text)
        if any(same_fact(terms, other, weights) for other in chosen_terms):
            continue
        claim = read_claim(text)
        content = checkable(claim) | claim.terms.words
        new = adds_to(claim, said)
        if said and not adds_checkable(claim, said) and len(new) < NEW_SHARE * len(content):
            # no name, figure or date the points before it lack: on padded pages a
            # restatement in other words or a comment on them ("Similar incidents echoed")
            continue
        said.add(claim)
        chosen_terms.append(terms)
        others = [i for i in fact.sentence_ids if i != statement]
        chosen.append(KeyPoint(text=text, sources=(statement, *others[:MAX_EXTRA_SOURCES])))
    return tuple(chosen)
