"""Key points: the article's most important distinct facts, one point each.

Each point is one fact's clearest statement; its restatements are cited too, as further
support. Filler never becomes a point, and two points never state the same fact because
each comes from a different fact group.
"""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine.compose.ranking import RankedFact
from nutgraf.engine.compose.wording import display_text
from nutgraf.engine.records import KeyPoint, Sentence

#: Restatements cited beside a point's own sentence, at most.
MAX_EXTRA_SOURCES = 2


def compose_key_points(
    sentences: Sequence[Sentence], ranked: Sequence[RankedFact], points: int = 7
) -> tuple[KeyPoint, ...]:
    """At most `points` key points, most important first."""
    chosen = []
    for fact in ranked[: max(points, 0)]:
        text = display_text(sentences[fact.representative].text)
        sources = fact.sentence_ids[: 1 + MAX_EXTRA_SOURCES]
        chosen.append(KeyPoint(text=text, sources=tuple(sources)))
    return tuple(chosen)
