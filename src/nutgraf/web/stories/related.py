"""Which stories are related: shared entities, shared keyphrases and TF-IDF cosine of the text.

Pure functions over plain values, so they are easy to test and never touch the database;
services.related_refresh() feeds them and stores the result. Nothing here is random: equal
scores are broken by recency, then id.

    score = cosine(tfidf(a), tfidf(b))
          + 0.12 * min(shared entities, 4)
          + 0.06 * min(shared keyphrases, 3)
          + 0.05 * same category
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nutgraf.engine.terms import STOP_WORDS as STOP

TOKEN = re.compile(r"[a-z][a-z'-]{2,}")
MAX_RELATED = 6


@dataclass(frozen=True, slots=True)
class Features:
    """What relatedness looks at in one story."""

    id: int
    category_id: int
    published_at: datetime | None
    entities: frozenset[str]
    keyphrases: frozenset[str]
    terms: Counter[str] = field(default_factory=Counter)
    entity_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Match:
    id: int
    score: float
    reason: str


def _stem(token: str) -> str:
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def terms_of(text: str) -> Counter[str]:
    """Stemmed content words of `text` and their counts."""
    return Counter(_stem(t) for t in TOKEN.findall(text.lower()) if t not in STOP)


def features_of(
    *,
    id: int,
    category_id: int,
    published_at: datetime | None,
    headline: str,
    summary: str,
    body: str,
    entities: Iterable[str],
    keyphrases: Iterable[str],
) -> Features:
    names = {name.casefold(): name for name in entities}
    terms = terms_of(f"{headline} {headline} {summary} {body}")
    return Features(
        id=id,
        category_id=category_id,
        published_at=published_at,
        entities=frozenset(names),
        keyphrases=frozenset(k.casefold() for k in keyphrases),
        terms=terms,
        entity_names=names,
    )


def _idf(corpus: Sequence[Features]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for item in corpus:
        frequency.update(item.terms.keys())
    total = len(corpus)
    return {term: math.log((1 + total) / (1 + count)) + 1 for term, count in frequency.items()}


def _vector(terms: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in terms.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def rank_related(
    target: Features, corpus: Sequence[Features], *, limit: int = MAX_RELATED
) -> list[Match]:
    """The `limit` stories of `corpus` most related to `target`, best first.

    Never empty while `corpus` holds another story: with no shared content at all, stories of
    the same category and then the most recent ones fill the list (with score 0).
    """
    idf = _idf([*corpus, target] if all(c.id != target.id for c in corpus) else corpus)
    target_vector = _vector(target.terms, idf)
    scored: list[tuple[float, float, int, str]] = []
    for other in corpus:
        if other.id == target.id:
            continue
        cosine = _cosine(target_vector, _vector(other.terms, idf))
        shared = sorted(target.entities & other.entities)
        phrases = target.keyphrases & other.keyphrases
        same = other.category_id == target.category_id
        score = cosine + 0.12 * min(len(shared), 4) + 0.06 * min(len(phrases), 3)
        score += 0.05 * same
        reason = ", ".join(target.entity_names.get(s, s) for s in shared[:3])
        if not reason and phrases:
            reason = ", ".join(sorted(phrases)[:3])
        recency = other.published_at.timestamp() if other.published_at else 0.0
        scored.append((round(score, 6), recency, other.id, reason))
    scored.sort(key=lambda row: (-row[0], -row[1], -row[2]))
    return [Match(id=i, score=s, reason=r) for s, _, i, r in scored[:limit]]
