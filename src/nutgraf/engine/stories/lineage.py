"""Lineage: which articles of a story are original reporting, which rewrite an earlier one,
and what a rewrite adds.

Articles are taken in publication order. For article A and each earlier article B:

    copied    share of A's word 5-gram shingles found in B (MinHash containment): copied
              paragraphs and light edits of wire copy score high, independent reports near 0
    followed  share of A's facts (non-filler sentences) that restate one of B's
              (redundancy.same_fact: figures agree, weighted words overlap): a sentence-by-
              sentence paraphrase scores high; an independent report shares a few key facts

A follows B when copied >= COPIED or followed >= FOLLOWED. An article that follows no earlier
one is *original*; otherwise it is a *rewrite* of the earliest article it follows, or *adds* when
it states facts (with a name or figure, or several uncommon words) that no earlier article did.

Each fact sentence also gets its *origin*: the original report it comes from. An original's
facts are its own; a rewrite's restated facts take the origin of the sentence they restate; an
added fact is the adding article's own. Independent source counts count distinct origins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from nutgraf.engine.records import Sentence
from nutgraf.engine.redundancy import TOPIC_MIN_SENTENCES, is_filler, same_fact
from nutgraf.engine.stories.records import Lineage
from nutgraf.engine.stories.signatures import containment, sign_text
from nutgraf.engine.terms import Terms, Weights, sentence_terms, term_weights, weighted_overlap

#: Share of an article's shingles found in an earlier one that makes it a copy of it.
COPIED = 0.3
#: Share of an article's facts restating an earlier article's that makes it a rewrite of it.
FOLLOWED = 0.6

Key = tuple[int, int]  # (article, sentence id)


@dataclass(frozen=True, slots=True)
class Trace:
    """Lineage of each article, and the origin article of each fact sentence."""

    lineage: tuple[Lineage, ...]
    facts: tuple[tuple[int, ...], ...]  # per article: its fact sentence ids, in reading order
    origins: dict[Key, int]  # (article, sentence id) -> the article it originates from
    matches: dict[Key, Key]  # fact -> the earlier fact it restates, when it restates one
    terms: dict[Key, Terms]
    weights: Weights


def trace_lineage(articles: Sequence[Sequence[Sentence]]) -> Trace:
    """Lineage of articles given as their sentences, oldest first (index = position)."""
    terms: dict[Key, Terms] = {}
    facts: list[tuple[int, ...]] = []
    for a, sentences in enumerate(articles):
        own = [sentence_terms(s.text) for s in sentences]
        recurring = Counter(word for t in own for word in t.specific)
        topic = frozenset(w for w, n in recurring.items() if n >= TOPIC_MIN_SENTENCES)
        kept = []
        for sentence, t in zip(sentences, own, strict=True):
            terms[(a, sentence.id)] = t
            if not is_filler(sentence, t, topic):
                kept.append(sentence.id)
        facts.append(tuple(kept))
    weights = term_weights(list(terms.values()))
    signatures = [sign_text(" ".join(s.text for s in sentences)) for sentences in articles]

    lineage: list[Lineage] = []
    origins: dict[Key, int] = {}
    matches: dict[Key, Key] = {}
    for a in range(len(articles)):
        # per earlier article b: a's facts -> the closest of b's facts they restate
        per_article = [_restatements(a, b, facts, terms, weights) for b in range(a)]
        follows, copied = None, 0.0
        for b, found in enumerate(per_article):
            share = len(found) / len(facts[a]) if facts[a] else 0.0
            copied_b = containment(signatures[a], signatures[b])
            if copied_b >= COPIED or share >= FOLLOWED:
                follows, copied = b, copied_b
                break
        matched: dict[int, Key] = {}
        for b, found in enumerate(per_article):  # the earliest article restated wins
            for i, j in found.items():
                matched.setdefault(i, (b, j))
        if follows is not None:  # ...but a rewrite restates what it follows first
            matched.update({i: (follows, j) for i, j in per_article[follows].items()})
        covered = len(matched) / len(facts[a]) if facts[a] else 0.0
        for i, key in matched.items():
            matches[(a, i)] = key
        added: tuple[int, ...] = ()
        if follows is None:
            role = "original"
            for i in facts[a]:
                origins[(a, i)] = a
        else:
            added = tuple(i for i in facts[a] if i not in matched and _substantive(terms[(a, i)]))
            role = "adds" if added else "rewrite"
            for i in facts[a]:
                restated = matched.get(i)
                origins[(a, i)] = origins.get(restated, a) if restated is not None else a
        lineage.append(Lineage(a, role, follows, round(copied, 3), round(covered, 3), added))
    return Trace(tuple(lineage), tuple(facts), origins, matches, terms, weights)


def _restatements(
    a: int,
    b: int,
    facts: Sequence[tuple[int, ...]],
    terms: dict[Key, Terms],
    weights: Weights,
) -> dict[int, int]:
    """a's facts that restate one of b's, each with the closest such fact of b."""
    found: dict[int, int] = {}
    for i in facts[a]:
        own = terms[(a, i)]
        best, best_score = None, 0.0
        for j in facts[b]:
            other = terms[(b, j)]
            if same_fact(own, other, weights):
                score = weighted_overlap(own, other, weights)
                if score > best_score:
                    best, best_score = j, score
        if best is not None:
            found[i] = best
    return found


def _substantive(terms: Terms) -> bool:
    """A fact worth calling new: it names someone or states a figure, or says something specific."""
    return bool(terms.anchors) or len(terms.specific) >= 3
