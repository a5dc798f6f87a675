"""Redundancy: which sentences repeat a fact in other words, which say nothing, and how dense
the article is.

Each sentence is first judged *filler* or not: filler states no fact (no name, no figure, no
specific word) or uses the stock phrases of padding ("only time will tell"). The rest are
grouped greedily, in reading order: a sentence joins the earliest fact it restates, else it
opens a new fact. Two sentences restate one fact when their weighted word overlap is high and
they agree on their figures; figures that differ ("400 jobs" against "40 jobs") keep them apart.

density = distinct facts / sentences: a tight wire story is close to 1, padding far below.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from nutgraf.engine.facts import (
    Claim,
    Known,
    Word,
    adds_checkable,
    asserts_fact,
    read_claims,
    restates,
)
from nutgraf.engine.facts import same_fact as claims_state_one_fact
from nutgraf.engine.nlp import Parse
from nutgraf.engine.records import Redundancy, Sentence
from nutgraf.engine.terms import Terms, Weights, stem, term_weights, weighted_overlap

#: Overlap (relative to the smaller sentence) above which two sentences state the same fact.
SAME_FACT = 0.55
#: Lower bar when both sentences share every figure they state and at least one name.
SAME_FACT_ANCHORED = 0.4

#: An uncommon word in at least this many sentences is the article's topic, not news.
TOPIC_MIN_SENTENCES = 3

_FILLER_PATTERNS = re.compile(
    r"|".join(
        [
            r"\bit is (?:important|worth|crucial|essential) to (?:note|understand|remember)",
            r"\bonly time will tell\b",
            r"\bit remains to be seen\b",
            r"\bstay tuned\b",
            r"\bread on\b",
            r"\bin conclusion\b",
            r"\bas we all know\b",
            r"\bin today'?s (?:fast-moving |fast-paced |modern )?world\b",
            r"\beverything you need to know\b",
            r"\bwe will keep you (?:updated|posted)\b",
            r"\b(?:be sure to )?share this (?:article|story|post)\b",
            r"\bthis shows that\b",
            r"\bwhich is a big deal\b",
            r"\bthere are many (?:different )?(?:opinions|views|ways)\b",
            r"\bthat is a lot\b",
            r"\bmany people are (?:wondering|asking|talking)\b",
            r"\bneedless to say\b",
            r"\bit goes without saying\b",
            r"\bat the end of the day\b",
            r"\bthis is something that\b",
            r"\bwhat does this mean\b",
            r"\bhere'?s what (?:we know|you need)\b",
            r"\bfor more (?:updates|information), (?:visit|follow)\b",
        ]
    ),
    re.IGNORECASE,
)
_RESTATEMENT_OPENERS = re.compile(
    r"^(?:in other words|that is to say|put simply|simply put|to put it another way)\b",
    re.IGNORECASE,
)


def is_filler(sentence: Sentence, terms: Terms, topic: frozenset[str] = frozenset()) -> bool:
    """A sentence that states no fact of its own.

    `topic` holds the article's recurring uncommon words ("vaccine" in a vaccine story): a
    sentence whose only uncommon word is the topic itself ("Vaccines have a long history.")
    says nothing about the story.
    """
    if terms.generic:
        return True
    if not terms.anchors and len(terms.specific) <= 1 and terms.specific <= topic:
        return True
    return bool(_FILLER_PATTERNS.search(sentence.text)) and len(terms.numbers) == 0


def same_fact(a: Terms, b: Terms, weights: Weights) -> bool:
    """Do two sentences state the same fact? Figures must agree; words must largely overlap."""
    if a.numbers and b.numbers and a.numbers.isdisjoint(b.numbers):
        return False
    overlap = weighted_overlap(a, b, weights)
    if overlap >= SAME_FACT:
        return True
    shares_figures = a.numbers == b.numbers
    shares_a_name = bool((a.anchors - a.numbers) & (b.anchors - b.numbers))
    return shares_figures and shares_a_name and overlap >= SAME_FACT_ANCHORED


def group_facts(
    sentences: Sequence[Sentence], terms: Sequence[Terms], weights: Weights, filler: set[int]
) -> list[list[int]]:
    """Greedy grouping in reading order: each fact's first sentence is its earliest statement."""
    facts: list[list[int]] = []
    for sentence, own in zip(sentences, terms, strict=True):
        if sentence.id in filler:
            continue
        restates = _RESTATEMENT_OPENERS.match(sentence.text) is not None
        best, best_score = None, 0.0
        for fact in facts:
            score = max(weighted_overlap(own, terms[i], weights) for i in fact)
            if score > best_score and any(same_fact(own, terms[i], weights) for i in fact):
                best, best_score = fact, score
        if best is None and restates and facts:
            best = facts[-1]  # "In other words, ..." restates what came just before
        if best is None:
            facts.append([sentence.id])
        else:
            best.append(sentence.id)
    return facts


def _overlap(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    """terms.weighted_overlap from weights computed beforehand (see measure_redundancy)."""
    own, own_total = a
    other, other_total = b
    smaller = min(own_total, other_total)
    if not smaller:
        return 0.0
    return sum(weight for word, weight in own.items() if word in other) / smaller


def claim_words(parse: Parse, sentences: Sequence[Sentence]) -> list[list[Word] | None]:
    """The model's tokens of each sentence (text, tag, entity), for facts.read_claims.

    One pass over the document's tokens, each placed in the sentence its first character
    falls in; a sentence with no token gets None (the lexical reading)."""
    starts = [s.start for s in sentences]
    found: list[list[Word]] = [[] for _ in sentences]
    for token in parse.doc:
        at = bisect.bisect_right(starts, token.idx) - 1
        if at >= 0 and token.idx < sentences[at].end:
            found[at].append(Word(token.text, token.tag_, token.ent_type_))
    return [words or None for words in found]


def _lede(claim: Claim) -> bool:
    """Is the first sentence a news lede: it opens with a name, in no modal frame, and asks
    nothing? A lede reports the story even in a tense the fact test does not read as an
    event ("Priscilla Presley will serve as a witness", "England ace Joe Hart labelled
    Buffon a legend"); "The increasing number of wildfires in California ..." opens with no
    name, whatever names follow."""
    first = claim.text.split()[0].lower() if claim.text.split() else ""
    return (
        claim.actor == "named"
        and not claim.hedged
        and not claim.text.rstrip().endswith("?")
        and stem(first) in claim.names
    )


def measure_redundancy(
    sentences: Sequence[Sentence], language: str | None = "en", parse: Parse | None = None
) -> Redundancy:
    """Flag commentary, group restatements, and compute the article's information density.

    Only the article's own prose (`role == "body"`) is measured; captions, datelines and the
    like are neither facts nor padding. In reading order, each body sentence is:

        filler       it asserts nothing checkable (facts.asserts_fact)
        restatement  it asserts a fact, but adds nothing checkable to the facts before it
                     (facts.adds_to), or states one of them again (facts.same_fact): it joins
                     that fact's group
        a new fact   otherwise

    density = distinct facts / body sentences; redundant_ids are every fact's later members.
    """
    del language  # the reading is English; other languages get the lexical fallback
    body = [s for s in sentences if s.role == "body"]
    if not body:
        return Redundancy((), (), (), (), 0.0)
    words = claim_words(parse, body) if parse is not None else None
    claims = read_claims([s.text for s in body], words)
    weights = term_weights([c.terms for c in claims])
    filler: set[int] = set()
    facts: list[list[int]] = []
    said = Known()
    claim_of: dict[int, Claim] = {}
    weighed_of: dict[int, tuple[dict[str, float], float]] = {}

    def weighed(terms: Terms) -> tuple[dict[str, float], float]:
        # each word's weight in terms.weighted_overlap, and their total, computed once a
        # sentence rather than once a comparison
        own = {
            w: max(weights.of(w), 0.1) * (2.0 if w in terms.anchors else 1.0) for w in terms.words
        }
        return own, sum(own.values())

    for index, (sentence, claim) in enumerate(zip(body, claims, strict=True)):
        if not asserts_fact(claim) and not (index == 0 and _lede(claim)):
            filler.add(sentence.id)
            continue
        claim_of[sentence.id] = claim
        weighed_of[sentence.id] = weighed(claim.terms)
        best, best_score = None, 0.0
        own = weighed(claim.terms)
        for fact in facts:
            score = max(_overlap(own, weighed_of[i]) for i in fact)
            if score > best_score:
                best, best_score = fact, score
        # a later sentence that names a new actor, figure or date adds to a fact even when
        # it repeats its words ("India asked Canada to withdraw 41 diplomats by October 10")
        # ...unless it repeats a figure of the fact as well ("fell by a third, or 33
        # percent" after "reduced deaths by 33 percent")
        restated = best is not None and (
            restates(claim, said)
            or any(
                claims_state_one_fact(claim, claim_of[i], weights)
                and (not adds_checkable(claim, said) or claim.figures & claim_of[i].figures)
                for i in best
            )
            or (not adds_checkable(claim, said) and _RESTATEMENT_OPENERS.match(claim.text))
        )
        if restated and best is not None:
            best.append(sentence.id)
        else:
            facts.append([sentence.id])
        said.add(claim)
    groups = tuple(tuple(fact) for fact in facts if len(fact) > 1)
    redundant = tuple(sorted(i for fact in facts for i in fact[1:]))
    density = round(len(facts) / len(body), 3)
    return Redundancy(
        groups=groups,
        redundant_ids=redundant,
        filler_ids=tuple(sorted(filler)),
        facts=tuple(tuple(fact) for fact in facts),
        density=density,
    )
