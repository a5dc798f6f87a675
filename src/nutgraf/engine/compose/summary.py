"""The summary paragraph and the meta description, built from the best-ranked facts."""

from __future__ import annotations

from collections.abc import Sequence

from nutgraf.engine.compose.ranking import RankedFact
from nutgraf.engine.compose.wording import display_text, shorten_chars, shorten_words
from nutgraf.engine.records import Sentence


def select_summary_sentences(ranked: Sequence[RankedFact], count: int = 3) -> list[int]:
    """The representatives of the `count` best facts, in reading order."""
    return sorted(fact.representative for fact in ranked[:count])


def compose_summary(
    sentences: Sequence[Sentence], ranked: Sequence[RankedFact], max_words: int = 60
) -> tuple[str, tuple[int, ...]]:
    """One paragraph of at most `max_words` words, and the sentence ids it is built from.

    Facts are taken best first while they fit; they are shown in reading order. The best fact
    is always included, trimmed at a clause boundary when it alone is too long.
    """
    chosen: list[int] = []
    used = 0
    for fact in ranked:
        words = len(display_text(sentences[fact.representative].text).split())
        if chosen and used + words > max_words:
            continue
        chosen.append(fact.representative)
        used += words
        if used >= max_words * 0.8:
            break
    chosen.sort()
    text = " ".join(display_text(sentences[i].text) for i in chosen)
    return shorten_words(text, max_words), tuple(chosen)


def compose_description(summary: str, max_chars: int = 160) -> str:
    """The summary's opening, cut to `max_chars` characters at a word boundary."""
    return shorten_chars(summary, max_chars)
