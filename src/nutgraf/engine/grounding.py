"""The support check: does a piece of text rest on the source sentences it cites?

Every item the composer shows passes this check against its cited sentences, and the site
uses it to flag an editor's edit that strays from them. It asks two things of the claim:

    coverage   the share of its content words (weighted by rarity) found in the sources
    anchors    every figure and every name it states appears in the sources

Both are lexical: a reworded claim is only recognised as far as it keeps the source's words.
That is the honest limit of a model-free check, and it errs towards flagging.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nutgraf.engine.records import Sentence
from nutgraf.engine.terms import Terms, Weights, sentence_terms, term_weights

#: Share of the claim's weighted content words that the sources must contain.
MIN_COVERAGE = 0.8


@dataclass(frozen=True, slots=True)
class Support:
    supported: bool
    coverage: float  # 0..1
    missing: tuple[str, ...]  # figures and names of the claim absent from the sources
    sources: tuple[int, ...]  # the sentences that carry the claim


def check_support(
    claim: str,
    sentences: Sequence[Sentence],
    cited: Sequence[int] | None = None,
    *,
    weights: Weights | None = None,
    min_coverage: float = MIN_COVERAGE,
) -> Support:
    """Check `claim` against the `cited` sentences (all sentences when None).

    With no citation given, the two sentences that cover the claim best are taken as its
    sources, so the same function also answers "is this claim anywhere in the article?".
    """
    claim_terms = sentence_terms(claim)
    if not claim_terms.words:
        return Support(False, 0.0, (), ())
    weights = weights or term_weights([sentence_terms(s.text) for s in sentences])
    by_id = {s.id: s for s in sentences}
    pool = [by_id[i] for i in cited if i in by_id] if cited is not None else list(sentences)

    def weight(word: str) -> float:
        base = max(weights.of(word), 0.2)
        return base * 2.0 if word in claim_terms.anchors else base

    total = sum(weight(w) for w in claim_terms.words)
    source_terms = {s.id: sentence_terms(s.text) for s in pool}
    if cited is None:
        pool = _best_sources(claim_terms.words, pool, source_terms, weight)
    found: set[str] = set()
    for sentence in pool:
        found |= source_terms[sentence.id].words
    covered = sum(weight(w) for w in claim_terms.words & found)
    coverage = covered / total if total else 0.0
    missing = tuple(sorted(claim_terms.anchors - found))
    supported = coverage >= min_coverage and not missing
    return Support(supported, round(coverage, 3), missing, tuple(s.id for s in pool))


def _best_sources(
    words: frozenset[str],
    pool: list[Sentence],
    source_terms: dict[int, Terms],
    weight: Callable[[str], float],
) -> list[Sentence]:
    """The sentence covering most of `words`, and the one covering most of what it left."""
    chosen: list[Sentence] = []
    remaining = set(words)
    for _ in range(2):
        best = max(
            pool,
            key=lambda s: sum(weight(w) for w in remaining & source_terms[s.id].words),
            default=None,
        )
        if best is None or not remaining & source_terms[best.id].words:
            break
        chosen.append(best)
        remaining -= source_terms[best.id].words
    return chosen
