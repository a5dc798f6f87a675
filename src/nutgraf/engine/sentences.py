"""Sentence splitting with character offsets into the article text.

pysbd does the hard part (abbreviations, decimals, quotes). Two repairs on top of it: it splits
after a title abbreviation followed by a capital ("Sec. Rubio") and after a lone initial
("J. R. Smith"), so such fragments are glued back to the sentence they belong to.

Guarantee: for every sentence, `text[start:end] == sentence.text`, sentences do not overlap,
appear in order, and never cross a paragraph break (a blank line).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from nutgraf.engine.records import Sentence

# pysbd's own languages; anything else is split with the English rules, which are punctuation
# based and hold up for most Latin-script languages.
_PYSBD_LANGUAGES = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()
)

# Titles never end a sentence; the other abbreviations only glue a short fragment back.
_TITLES = frozenset(
    """mr mrs ms messrs dr prof sen sens rep reps gov gen lt col capt cmdr adm sgt maj pres sec
    supt insp det rev hon amb atty gens sgts""".split()
)
_ABBREVIATIONS = frozenset(
    """sr jr st asst assoc dept corp inc ltd co no nos vol fig jan feb mar apr jun jul aug sep
    sept oct nov dec u.s u.k u.n e.u vs approx""".split()
)
_AFTER_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday "
    "et est edt pt pst pdt gmt utc bst cet local".split()
)
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


def _ends_with_abbreviation(fragment: str) -> bool:
    match = _LAST_WORD.search(fragment)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J."
        return True
    word = word.lower().rstrip(".")
    return word in _TITLES or (word in _ABBREVIATIONS and len(fragment.split()) <= 3)


def _continues(piece: str) -> bool:
    """A piece that cannot open a sentence: lower case, or an abbreviation ("Ltd., denied")."""
    stripped = piece.lstrip()
    if stripped[:1].islower():
        return True
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    return first.endswith((".", ".,")) and first.rstrip(".,").lower() in _ABBREVIATIONS


def _after_clock(previous: str, piece: str) -> bool:
    """ "at 10 a.m. Tuesday": a day or zone after a clock time belongs to the same sentence."""
    if not previous.rstrip().endswith(("a.m.", "p.m.")):
        return False
    first = piece.split(maxsplit=1)[0].rstrip(".,").lower() if piece.strip() else ""
    return first in _AFTER_CLOCK


def _belongs_to_previous(previous: str, piece: str) -> bool:
    return _ends_with_abbreviation(previous) or _continues(piece) or _after_clock(previous, piece)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _split_paragraph(paragraph: str, language: str) -> list[str]:
    pieces = [p for p in _segmenter(language).segment(paragraph) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _belongs_to_previous(merged[-1], piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def split_sentences(text: str, language: str | None = "en") -> tuple[Sentence, ...]:
    """Split `text` into sentences whose offsets point back into it."""
    lang = language if language in _PYSBD_LANGUAGES else "en"
    sentences: list[Sentence] = []
    for paragraph_no, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        paragraph = text[p_start:p_end]
        cursor = 0
        for piece in _split_paragraph(paragraph, lang):
            stripped = piece.strip()
            found = paragraph.find(stripped, cursor)
            if found < 0:  # pysbd never rewrites text with clean=False; be safe anyway
                continue
            start, end = p_start + found, p_start + found + len(stripped)
            cursor = found + len(stripped)
            sentences.append(Sentence(len(sentences), text[start:end], start, end, paragraph_no))
    return tuple(sentences)
