"""Sections: the rest of the story, under the body's own headings or topical segments.

A section holds what the summary and key points do not: the article's remaining facts, each
once (a fact's first statement; its restatements and the commentary around it are not shown
again). When the summary and key points carry every fact, there are no sections.

The sentences are grouped under the body's own headings where it has them; otherwise into
segments that break between paragraphs where the words change most (a light TextTiling):
the similarity of the sentences before and after each paragraph break is measured, and the
lowest points become boundaries. A segment's heading is its best keyphrase not used above.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from nutgraf.engine.keyphrases import find_keyphrases
from nutgraf.engine.records import Heading, Keyphrase, Section, Sentence
from nutgraf.engine.terms import cosine, sentence_terms, term_weights

SENTENCES_PER_SECTION = 7
MIN_SECTION = 3
MAX_SECTIONS = 6
WINDOW = 3


def _from_headings(
    sentences: Sequence[Sentence], headings: Sequence[Heading]
) -> list[tuple[str | None, list[int]]]:
    parts: list[tuple[str | None, list[int]]] = [(None, [])]
    boundaries = sorted(headings, key=lambda h: h.start)
    index = 0
    for sentence in sentences:
        while index < len(boundaries) and boundaries[index].start <= sentence.start:
            parts.append((boundaries[index].text, []))
            index += 1
        parts[-1][1].append(sentence.id)
    return [(heading, ids) for heading, ids in parts if ids]


def _segment(sentences: Sequence[Sentence]) -> list[list[int]]:
    wanted = max(1, min(MAX_SECTIONS, round(len(sentences) / SENTENCES_PER_SECTION)))
    if wanted == 1:
        return [[s.id for s in sentences]]
    terms = [sentence_terms(s.text) for s in sentences]
    weights = term_weights(terms)
    gaps = []  # (similarity across the gap, index of the first sentence after it)
    for i in range(1, len(sentences)):
        if sentences[i].paragraph == sentences[i - 1].paragraph:
            continue
        before = terms[max(0, i - WINDOW) : i]
        after = terms[i : i + WINDOW]
        similarity = sum(cosine(a, b, weights) for a in before for b in after) / (
            len(before) * len(after)
        )
        gaps.append((similarity, i))
    cuts: list[int] = []
    for _, index in sorted(gaps):
        edges = [0, *sorted(cuts), len(sentences)]
        if all(abs(index - edge) >= MIN_SECTION for edge in edges):
            cuts.append(index)
        if len(cuts) == wanted - 1:
            break
    edges = [0, *sorted(cuts), len(sentences)]
    return [[s.id for s in sentences[a:b]] for a, b in pairwise(edges)]


def _heading(
    ids: Sequence[int],
    sentences: Sequence[Sentence],
    used: set[str],
    keyphrases: Sequence[Keyphrase] = (),
) -> str:
    """The article keyphrase most at home in these sentences, else one of their own."""
    inside = set(ids)
    # Mentions inside the section times the phrase's length ("Port of Halden" beats "Halden"),
    # less half a point per mention elsewhere: a heading names what sets this part apart.
    # A tie goes to the phrase the section names first, then to the article's higher-ranked
    # phrase; never to the first in ABC order.
    scored = []
    for rank, phrase in enumerate(keyphrases):
        here = inside.intersection(phrase.sentence_ids)
        if not here or phrase.text.lower() in used:
            continue
        elsewhere = len(phrase.sentence_ids) - len(here)
        score = len(here) * min(len(phrase.text.split()), 3) - 0.5 * elsewhere
        scored.append((-score, min(here), rank, phrase.text))
    if scored:
        text = min(scored)[3]
        used.add(text.lower())
        return text[:1].upper() + text[1:]
    chosen = [sentences[i] for i in ids]
    for phrase in find_keyphrases(chosen, None, limit=5):
        key = phrase.text.lower()
        if key not in used:
            used.add(key)
            return phrase.text[:1].upper() + phrase.text[1:]
    return chosen[0].text.split(",")[0][:60]


def compose_sections(
    sentences: Sequence[Sentence],
    headings: Sequence[Heading],
    keyphrases: Sequence[Keyphrase] = (),
    rest: Sequence[int] | None = None,
) -> tuple[Section, ...]:
    """Sections over the sentences `rest` names (all of them when None), in reading order;
    each of those sentences belongs to exactly one section."""
    by_id = list(sentences)  # _heading looks sentences up by id
    if rest is not None:
        keep = set(rest)
        sentences = [s for s in sentences if s.id in keep]
    if not sentences:
        return ()
    used: set[str] = set()
    if headings:
        parts = _from_headings(sentences, headings)
        return tuple(
            Section(
                heading=heading if heading else _heading(ids, by_id, used, keyphrases),
                heading_from_source=heading is not None,
                sources=tuple(ids),
            )
            for heading, ids in parts
        )
    return tuple(
        Section(
            heading=_heading(ids, by_id, used, keyphrases),
            heading_from_source=False,
            sources=tuple(ids),
        )
        for ids in _segment(sentences)
    )
