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

import re
from collections import Counter
from collections.abc import Sequence

from nutgraf.engine.records import Redundancy, Sentence
from nutgraf.engine.terms import Terms, Weights, sentence_terms, term_weights, weighted_overlap

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


def measure_redundancy(sentences: Sequence[Sentence], language: str | None = "en") -> Redundancy:
    """Group restatements, flag filler, and compute the article's information density."""
    del language  # the measure is lexical; filler phrases are English but harmless elsewhere
    if not sentences:
        return Redundancy((), (), (), (), 0.0)
    terms = [sentence_terms(s.text) for s in sentences]
    weights = term_weights(terms)
    recurring = Counter(word for t in terms for word in t.specific)
    topic = frozenset(word for word, count in recurring.items() if count >= TOPIC_MIN_SENTENCES)
    filler = {s.id for s, t in zip(sentences, terms, strict=True) if is_filler(s, t, topic)}
    facts = group_facts(sentences, terms, weights, filler)
    groups = tuple(tuple(fact) for fact in facts if len(fact) > 1)
    redundant = tuple(sorted(i for fact in facts for i in fact[1:]))
    density = round(len(facts) / len(sentences), 3)
    return Redundancy(
        groups=groups,
        redundant_ids=redundant,
        filler_ids=tuple(sorted(filler)),
        facts=tuple(tuple(fact) for fact in facts),
        density=density,
    )
