"""Sentence splitting with character offsets into the article text.

A rule-based splitter written for news copy, about fifty times faster than pysbd on a
1,000-word article and right on the cases news needs (tests/test_sentences.py):

    a boundary is "." "!" "?" or "…", with any closing quotes or brackets, then white space,
    then something that can open a sentence (a capital, a digit, an opening quote),
    except after a title ("Sec.", "Mr."), an initial ("J."), inside a quotation that closes
    later in the paragraph, or after an abbreviation ("U.S.", "Inc.", "a.m.") that is not
    followed by a word that usually opens a sentence ("The", "He", "But", ...).

Guarantee: for every sentence, `text[start:end] == sentence.text`, sentences do not overlap,
appear in order, and never cross a paragraph break (a blank line).
"""

from __future__ import annotations

import re

from nutgraf.engine.records import Sentence

# Titles never end a sentence: "Sec. Rubio", "Dr. Jones".
_TITLES = frozenset(
    """mr mrs ms messrs dr prof sen sens rep reps gov gen lt col capt cmdr adm sgt maj pres sec
    supt insp det rev hon amb atty gens sgts st mt ft""".split()
)
# Other abbreviations end a sentence only when a typical sentence opener follows.
_ABBREVIATIONS = frozenset(
    """sr jr asst assoc dept corp inc ltd co bros no nos vol fig jan feb mar apr jun jul aug sep
    sept oct nov dec vs approx est etc""".split()
)
_SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there
    but and so yet or however meanwhile in on at for after before when while if as since
    what who why how where mr mrs ms dr""".split()
)
_AFTER_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday "
    "et est edt pt pst pdt gmt utc bst cet local".split()
)
_BOUNDARY = re.compile(r"(?:[.!?]+|…)[\"”’')\]]*(?=\s)")
_OPENING = re.compile(r"\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ]")
_LAST_WORD = re.compile(r"(\S+)$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: A quotation up to this long stays one sentence; a longer one is split like any text.
MAX_QUOTE_WORDS = 30
_QUOTE_OPEN = frozenset("“")
_QUOTE_CLOSE = frozenset("”")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _quoted_ranges(paragraph: str) -> list[tuple[int, int]]:
    """Spans inside short quotations (a sentence or two) that close within the paragraph."""
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for index, char in enumerate(paragraph):
        if char in _QUOTE_OPEN or (char == '"' and opened is None):
            opened = index
        elif (char in _QUOTE_CLOSE or char == '"') and opened is not None:
            if len(paragraph[opened:index].split()) <= MAX_QUOTE_WORDS:
                ranges.append((opened, index))
            opened = None
    return ranges


def _next_word(paragraph: str, position: int) -> str:
    match = re.match(r"\s+[\"“‘'(\[]?([\w.]+)", paragraph[position:])
    return match.group(1) if match else ""


def _is_boundary(paragraph: str, match: re.Match[str], quoted: list[tuple[int, int]]) -> bool:
    end = match.end()
    if not _OPENING.match(paragraph, end):
        return False  # lower case or punctuation follows: the sentence goes on
    if "\n" in paragraph[end : end + 4]:
        return True  # a line ends on a full stop: a hard boundary, quoted or not
    if any(start < match.start() and match.end() <= close for start, close in quoted):
        return False  # "We will win. Believe it." stays whole
    if match.group(0)[0] != ".":
        return True  # "!" "?" "…"
    word_match = _LAST_WORD.search(paragraph, 0, match.start())
    word = word_match.group(1) if word_match else ""
    word = word.lstrip("\"“‘'([")
    bare = word.lower().rstrip(".")
    following = _next_word(paragraph, end)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. R. Smith"
    if bare in _TITLES:
        return False
    if bare in {"a.m", "p.m"}:
        return following.lower().rstrip(".") not in _AFTER_CLOCK
    if "." in bare or bare in _ABBREVIATIONS:  # "U.S.", "e.g.", "Inc."
        return following.lower() in _SENTENCE_OPENERS
    return True


def _split_paragraph(paragraph: str) -> list[tuple[int, int]]:
    quoted = _quoted_ranges(paragraph)
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        if _is_boundary(paragraph, match, quoted):
            pieces.append((start, match.end()))
            start = match.end()
    pieces.append((start, len(paragraph)))
    return pieces


def split_sentences(text: str, language: str | None = "en") -> tuple[Sentence, ...]:
    """Split `text` into sentences whose offsets point back into it.

    The rules are those of English news copy; they hold for most languages written in Latin
    script, which is why `language` does not change them today.
    """
    del language
    sentences: list[Sentence] = []
    for paragraph_no, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        paragraph = text[p_start:p_end]
        for start, end in _split_paragraph(paragraph):
            piece = paragraph[start:end]
            stripped = piece.strip()
            if not stripped:
                continue
            offset = p_start + start + (len(piece) - len(piece.lstrip()))
            sentences.append(
                Sentence(len(sentences), stripped, offset, offset + len(stripped), paragraph_no)
            )
    return tuple(sentences)
