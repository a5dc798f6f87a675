"""Key points: the article's most important distinct facts, one point each.

Each point is one fact's clearest statement; its restatements are cited too, as further
support. Filler never becomes a point. Two points never state the same fact: facts come from
different redundancy groups, and a fact whose statement overlaps a chosen point anyway (a
sentence that restates two facts at once) is passed over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nutgraf.engine.compose.ranking import RankedFact
from nutgraf.engine.compose.wording import display_text
from nutgraf.engine.records import KeyPoint, Sentence
from nutgraf.engine.redundancy import same_fact
from nutgraf.engine.terms import Terms, sentence_terms, term_weights

#: Restatements cited beside a point's own sentence, at most.
MAX_EXTRA_SOURCES = 2


_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
#: Share of a sentence inside quotation marks above which it is a quote, not a statement.
QUOTED_SHARE = 0.5


_PRONOUN_OPENING = re.compile(r"^(?:he|she|they|it|this|that|these|those|his|her|their)\b", re.I)


def _stands_alone(text: str) -> bool:
    """Not mostly a quotation, and not opening with a pronoun that points elsewhere."""
    inside = sum(len(match.group(1)) for match in _QUOTED.finditer(text))
    return inside <= QUOTED_SHARE * len(text) and not _PRONOUN_OPENING.match(text)


def compose_key_points(
    sentences: Sequence[Sentence], ranked: Sequence[RankedFact], points: int = 7
) -> tuple[KeyPoint, ...]:
    """At most `points` key points, most important first."""
    weights = term_weights([sentence_terms(s.text) for s in sentences])
    chosen: list[KeyPoint] = []
    chosen_terms: list[Terms] = []
    # A fact told mostly in someone's own words reads as a quote, not a point, and one that
    # opens with "He" or "It" needs the sentence before it: both come after every
    # self-contained statement, in rank order.
    plain = [f for f in ranked if _stands_alone(sentences[f.representative].text)]
    leaning = [f for f in ranked if not _stands_alone(sentences[f.representative].text)]
    for fact in plain + leaning:
        if len(chosen) >= points:
            break
        text = display_text(sentences[fact.representative].text)
        terms = sentence_terms(text)
        if any(same_fact(terms, other, weights) for other in chosen_terms):
            continue
        chosen_terms.append(terms)
        chosen.append(KeyPoint(text=text, sources=fact.sentence_ids[: 1 + MAX_EXTRA_SOURCES]))
    return tuple(chosen)
