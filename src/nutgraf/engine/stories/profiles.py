"""An article's profile: what story clustering compares, computed once from its text.

    terms      stemmed content words with their counts (the title counts twice: it names the event;
               a sentence the page prints twice counts once: it says it once)
    anchors    names and figures (capitalised words past a sentence's start, numbers): the people
               and numbers of an event, which a rewrite keeps and a different event does not share
    day        publication time in days since 1970-01-01 UTC, or None when unknown
    signature  MinHash of the text's word shingles, for near-copies (signatures.py)

Terms use the same tokenizer, stop words and stemmer as the rest of the engine (terms.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from nutgraf.engine.stories.signatures import Signature, sign_text
from nutgraf.engine.terms import STOP_WORDS, normalize_number, stem, tokenize

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…:;\"”])\s+|\n+")
#: A repeated sentence at least this long is the page printing it again (a template that shows
#: the lede above and below the headline, a scraper that takes a paragraph twice), not the
#: article saying it twice; shorter repeats ("Read more.", "Advertisement") are left as they are.
REPEAT_CHARS = 40


@dataclass(frozen=True, slots=True)
class Profile:
    terms: tuple[tuple[str, int], ...]  # (stem, count), most frequent first
    anchors: frozenset[str]
    day: float | None
    signature: Signature | None


def published_day(published: str | None) -> float | None:
    """Days since the epoch for an ISO 8601 date or datetime; None when absent or unreadable.

    A date without a zone is taken as UTC: for a window of days, hours of offset do not matter.
    """
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def count_terms(text: str) -> tuple[Counter[str], set[str]]:
    """Stem counts and anchors of `text`, each sentence of REPEAT_CHARS or more counted once."""
    counts: Counter[str] = Counter()
    anchors: set[str] = set()
    seen: set[str] = set()
    for piece in _SENTENCE_BREAK.split(text):
        if len(piece) >= REPEAT_CHARS:
            # Doubled, a paragraph's rare words would outweigh the words that name its event.
            if piece in seen:
                continue
            seen.add(piece)
        for position, token in enumerate(tokenize(piece)):
            if token[0].isdigit():
                value = normalize_number(token)
                counts[value] += 1
                anchors.add(value)
                continue
            lower = token.lower()
            if lower in STOP_WORDS or len(lower) < 2:
                continue
            stemmed = stem(lower)
            counts[stemmed] += 1
            # A capital at the start of a sentence proves nothing; elsewhere it marks a name.
            if position > 0 and token[0].isupper():
                anchors.add(stemmed)
    return counts, anchors


def profile_text(
    text: str, *, title: str = "", published: str | None = None, sign: bool = True
) -> Profile:
    """The profile of one article; `sign=False` skips the MinHash (clustering alone)."""
    counts, anchors = count_terms(text)
    if title:
        title_counts, title_anchors = count_terms(title)
        counts.update({word: 2 * n for word, n in title_counts.items()})
        anchors |= title_anchors
    terms = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    signature = sign_text(f"{title}\n{text}") if sign else None
    return Profile(terms, frozenset(anchors), published_day(published), signature)
