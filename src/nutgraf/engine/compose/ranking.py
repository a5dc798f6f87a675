"""Ranking the article's facts: which distinct facts matter most.

A fact is a group of sentences that say the same thing (redundancy.py). Its importance mixes
four signals, each measured, none a guess about the topic:

    centrality   how much of the rest of the article shares its words (weighted by rarity)
    repetition   how often the article restates it: a padder repeats what matters
    specificity  names and figures it states
    position     news puts what matters first; a mild prior, so padding up front loses
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from nutgraf.engine.records import Redundancy, Sentence
from nutgraf.engine.terms import Terms, sentence_terms, term_weights, weighted_overlap


@dataclass(frozen=True, slots=True)
class RankedFact:
    sentence_ids: tuple[int, ...]  # representative first
    score: float

    @property
    def representative(self) -> int:
        return self.sentence_ids[0]


def _representative(fact: Sequence[int], terms: Sequence[Terms]) -> int:
    """The statement with the most names and figures; the earliest among equals."""
    return max(fact, key=lambda i: (min(len(terms[i].anchors), 6), -i))


def rank_facts(
    sentences: Sequence[Sentence], redundancy: Redundancy, position_weight: float = 2.0
) -> list[RankedFact]:
    """Facts, most important first. Sentence ids are indexes into `sentences`."""
    if not sentences or not redundancy.facts:
        return []
    terms = [sentence_terms(s.text) for s in sentences]
    weights = term_weights(terms)
    informative = [i for fact in redundancy.facts for i in fact]
    count = len(sentences)
    ranked = []
    for fact in redundancy.facts:
        lead = _representative(fact, terms)
        others = [i for i in informative if i not in fact]
        centrality = (
            sum(weighted_overlap(terms[lead], terms[i], weights) for i in others) / len(others)
            if others
            else 0.0
        )
        repetition = math.log2(1 + len(fact))
        specificity = math.log1p(min(len(terms[lead].anchors), 6)) / math.log(7)
        position = 1.0 / (1.0 + position_weight * fact[0] / count)
        score = position * (1.0 + 2.0 * centrality + 0.5 * repetition + 0.5 * specificity)
        ordered = (lead, *[i for i in fact if i != lead])
        ranked.append(RankedFact(ordered, round(score, 6)))
    ranked.sort(key=lambda fact: (-fact.score, fact.sentence_ids[0]))
    return ranked
