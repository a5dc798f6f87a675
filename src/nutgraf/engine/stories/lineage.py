"""Lineage: which articles of a story are original reporting, which rewrite an earlier one,
and what a rewrite adds, by wording and by meaning (restatements.py, on facts.py).

Articles are taken in publication order (the same outlet's versions already folded into one,
versions.py). For article A and each earlier article B:

    copied     share of A's sentences copied from B, or of B's sentences A took over, word
               runs outside quotations (restatements.copied_share): a copy, a syndicated
               agency story, a revision that kept the old text and added to it
    stated     A's facts that B already states: the same fact in other words, the same
               quotation, the same sentence with a name spelled otherwise (restatements)
    added      A's facts that no earlier article states and that bring a name, figure, date
               or quotation none gave

A follows the earliest B it copies from (copied >= COPIED), else, by meaning, the B that
states most of its facts when

    - A adds nothing and B states at least FOLLOWED of A's facts: a rewrite, however
      reworded and however much commentary pads it, or
    - B states at least COPY_FOLLOWED of A's facts, A states at least COPY_COVERED of B's,
      and A adds at most ADDS_LITTLE of its facts: a copy that changed most words (a machine
      translation, a synonym spinner) and added a caption or a line.

An article that follows no earlier one is *original*; otherwise it is a *rewrite* when it adds
nothing and *adds* when it does. Each fact gets its *origin*, the original report it comes
from: an original's facts are its own, a restated fact takes the origin of what it restates,
an added fact is the adding article's own. Independent source counts count distinct origins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nutgraf.engine.facts import Claim
from nutgraf.engine.records import Entity, Sentence
from nutgraf.engine.stories.records import Lineage
from nutgraf.engine.stories.restatements import (
    ArticleFacts,
    copied_share,
    new_to,
    read_article,
    restated_by,
    stated_in,
)
from nutgraf.engine.terms import Weights, term_weights

#: Share of sentences copied (either way) that makes an article a copy of an earlier one.
COPIED = 0.3
#: Share of its facts an earlier article states that makes a rewrite adding nothing follow it.
FOLLOWED = 0.5
#: A copy that adds a little: this share of its facts stated by the earlier article ...
COPY_FOLLOWED = 0.6
#: ... which states at least this share of the earlier article's facts ...
COPY_COVERED = 0.5
#: ... and adds at most this share of its facts.
ADDS_LITTLE = 0.25

Key = tuple[int, int]  # (article, sentence id)


@dataclass(frozen=True, slots=True)
class Trace:
    """Lineage of each article, and the origin article of each fact sentence."""

    lineage: tuple[Lineage, ...]
    facts: tuple[tuple[int, ...], ...]  # per article: its fact sentence ids, in reading order
    origins: dict[Key, int]  # (article, sentence id) -> the article it originates from
    matches: dict[Key, Key]  # fact -> the earlier sentence it restates, when it restates one
    claims: dict[Key, Claim]  # every body sentence of every article
    weights: Weights


def trace_lineage(
    articles: Sequence[Sequence[Sentence]], entities: Sequence[Sequence[Entity]] | None = None
) -> Trace:
    """Lineage of articles given as their sentences, oldest first (index = position), with
    each article's entities when known (they name what the lexical reading misses)."""
    read = [
        read_article(sentences, entities[n] if entities is not None else ())
        for n, sentences in enumerate(articles)
    ]
    weights = term_weights([claim.terms for article in read for claim in article.claims])
    claims = {
        (a, article.ids[i]): claim
        for a, article in enumerate(read)
        for i, claim in enumerate(article.claims)
    }
    lineage: list[Lineage] = []
    origins: dict[Key, int] = {}
    matches: dict[Key, Key] = {}
    for a, article in enumerate(read):
        # which earlier article first states each of a's facts
        stated: dict[int, list[int]] = {
            i: [b for b in range(a) if stated_in(article.claims[i], read[b], weights)]
            for i in article.facts
        }
        added = tuple(
            i for i in article.facts if not stated[i] and new_to(article.claims[i], read[:a])
        )
        follows, copied = _copied_from(a, read)
        if follows is None and article.facts:
            follows = _follows_by_meaning(a, read, stated, added, weights)
        for i, where in stated.items():
            # the earlier sentence it restates: in the article it follows first, then the
            # earliest article one sentence of which says it
            for b in ([follows] if follows in where else []) + where:
                position = restated_by(article.claims[i], read[b], weights)
                if position is not None:
                    matches[(a, article.ids[i])] = (b, read[b].ids[position])
                    break
        for i in article.facts:
            key = (a, article.ids[i])
            earlier = matches.get(key)
            if follows is None or not stated[i]:
                origins[key] = a
            elif earlier is not None:
                origins[key] = origins.get(earlier, earlier[0])
            else:  # said across several sentences of what it follows: that report's origin
                origins[key] = _origin_of(follows, origins, facts_read=read)
        covered = sum(1 for where in stated.values() if where) / len(stated) if stated else 0.0
        added_ids: tuple[int, ...] = ()
        if follows is None:
            role = "original"
        else:
            role = "adds" if added else "rewrite"
            added_ids = tuple(article.ids[i] for i in added)
        lineage.append(Lineage(a, role, follows, round(copied, 3), round(covered, 3), added_ids))
    facts = tuple(tuple(article.ids[i] for i in article.facts) for article in read)
    return Trace(tuple(lineage), facts, origins, matches, claims, weights)


def _origin_of(article: int, origins: dict[Key, int], *, facts_read: Sequence[ArticleFacts]) -> int:
    """The report an article's facts come from: its own first fact's origin."""
    for i in facts_read[article].facts:
        key = (article, facts_read[article].ids[i])
        if key in origins:
            return origins[key]
    return article


def _copied_from(a: int, read: Sequence[ArticleFacts]) -> tuple[int | None, float]:
    """The earliest article `a` copies from or took over (COPIED), with the share."""
    for b in range(a):
        share = max(copied_share(read[a], read[b]), copied_share(read[b], read[a]))
        if share >= COPIED:
            return b, share
    return None, 0.0


def _follows_by_meaning(
    a: int,
    read: Sequence[ArticleFacts],
    stated: dict[int, list[int]],
    added: tuple[int, ...],
    weights: Weights,
) -> int | None:
    """The earlier article a rewrite or a reworded copy follows (module docstring), or None."""
    facts = read[a].facts
    best, best_score = None, (0.0, 0.0)
    for b in range(a):
        share = sum(1 for i in facts if b in stated[i]) / len(facts)
        if share < FOLLOWED or (added and share < COPY_FOLLOWED):
            continue
        theirs = read[b].facts
        covered = sum(1 for j in theirs if stated_in(read[b].claims[j], read[a], weights)) / max(
            1, len(theirs)
        )
        if added and (len(added) > ADDS_LITTLE * len(facts) or covered < COPY_COVERED):
            continue
        # Of the articles it restates, the one it restates most, then the one whose facts it
        # covers most: a rewrite takes its source's facts, not one background line of each.
        if (share, covered) > best_score:
            best, best_score = b, (share, covered)
    return best
