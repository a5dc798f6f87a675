"""Plain text, as a person pastes it: the page's chrome first, then a headline, then the story.

The head of the text (its lines before the first line that reads as prose) is sorted:

    chrome     site notices and navigation ("Skip to main content", "Home > World > ..."), and
               a short label before the headline ("US", "Football", "Daily Mail")
    dateline   a line that is a date ("February 1, 2024", "Wednesday 16 September 1998 23:02
               BST", "Kathmandu, September 2:") or a stamp ("Published on 07/07/2011")
    byline     "By Jane Roe", "- By Lucy White", "Written by ..., on 20th Oct 2016"
    headline   the title-like line just above the byline when there is one (other stories'
               headlines may come first), else the first title-like line that is none of the above

Chrome before the headline is dropped; the headline leaves the text; datelines and bylines stay
in it (the roles stage marks them). The first dateline or byline with a full date is the
publication date; a numeric date whose day and month could be swapped gives none. Blank lines
separate paragraphs and wrapped lines within one are joined; a text without any blank line has
one paragraph per line. Without a head that can be read this way, a short first line that does
not end like a sentence is the title, else the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nutgraf.engine.extract.body import (
    Body,
    clean_text,
    fallback_title,
    looks_like_title,
    split_paragraphs,
)
from nutgraf.engine.extract.publication import read_date

MAX_HEAD_LINES = 12  # the headline of a pasted page sits in its first dozen lines
MAX_LABEL_WORDS = 2  # "US", "Daily Mail": longer lines are not mere labels
PROSE_CHARS = 100  # a longer line, or a sentence of 8 words or more, starts the story

_NAVIGATION = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content|stay up to date with notifications\b.*"
    r"|notifications can be managed\b.*|this (?:website|site|page) is no longer (?:actively )?"
    r"maintained.*|some (?:material|content) and features may be unavailable.*|add news"
    r"|sign in|log in|subscribe|menu|search|share|advertisement|home|comments?)\W*$",
    re.I,
)
_BREADCRUMB = re.compile(r"\s(?:>|»|›)\s")
_BYLINE = re.compile(r"^\W{0,3}(?:by|written by|posted by|words by)\s+\S", re.I)
_STAMP = re.compile(
    r"^(?:published|posted|updated|created|first published|last updated)\b\W"
    r"|\|\s*(?:updated|created)\b",
    re.I,
)
_DATE_WORDS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}[:.]\d\d\b|\b(?:[ap]\.?m\.?|gmt|bst|utc|"
    r"[ecmp][sd]t|ist|cet|on|at|published|posted|updated|created)\b|[^\w\s]",
    re.I,
)
_PLACE_DATELINE = re.compile(
    r"^[A-Z][\w .'-]{1,40},\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}\s*:?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]?$")


@dataclass(frozen=True, slots=True)
class _Line:
    index: int
    text: str
    kind: str  # "chrome" | "dateline" | "byline" | "title" | "prose" | "other"


def read_plain(text: str) -> tuple[Body, str, dict[str, str]]:
    """The body, title and what the text says about itself ({"date": "YYYY-MM-DD"})."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    head = _read_head(lines)
    headline = _headline(head)
    if headline is None:
        return _read_untitled(lines)
    meta: dict[str, str] = {}
    published = _published(head)
    if published:
        meta["date"] = published
    rest = [line for i, line in enumerate(lines) if i > headline.index]
    return Body(tuple(split_paragraphs(rest)), ()), headline.text, meta


def _read_untitled(lines: list[str]) -> tuple[Body, str, dict[str, str]]:
    first = clean_text(lines[0]) if lines else ""
    if first and looks_like_title(first):
        return Body(tuple(split_paragraphs(lines[1:])), ()), first, {}
    paragraphs = tuple(split_paragraphs(lines))
    return Body(paragraphs, ()), fallback_title(paragraphs), {}


def _read_head(lines: list[str]) -> list[_Line]:
    """The non-empty lines before the story starts, each with its kind."""
    head: list[_Line] = []
    for index, raw in enumerate(lines):
        line = clean_text(raw)
        if not line:
            continue
        following = _next_text(lines, index)
        kind = _kind(line, following)
        if kind == "prose" or len(head) >= MAX_HEAD_LINES:
            break
        head.append(_Line(index, line, kind))
    return head


def _next_text(lines: list[str], index: int) -> str:
    for raw in lines[index + 1 :]:
        if raw.strip():
            return clean_text(raw)
    return ""


def _kind(line: str, following: str) -> str:
    if _NAVIGATION.match(line) or _BREADCRUMB.search(line):
        return "chrome"
    if following and line != following and line.endswith(following) and len(following) > 20:
        return "chrome"  # "Home News <headline>" over "<headline>": a breadcrumb
    if _BYLINE.match(line):
        return "byline"
    if _is_dateline(line):
        return "dateline"
    words = line.split()
    if len(line) >= PROSE_CHARS or (_SENTENCE_END.search(line) and len(words) >= 8):
        return "prose"
    if len(words) <= MAX_LABEL_WORDS and following and looks_like_title(following):
        return "chrome"  # a label over the headline: "US", "Football", "Daily Mail"
    if looks_like_title(line):
        return "title"
    return "other"


def _is_dateline(line: str) -> bool:
    if _PLACE_DATELINE.match(line):
        return True
    if _STAMP.search(line) and read_date(line) is not None:
        return True
    found = read_date(line)
    if found is None:
        return False
    rest = _DATE_WORDS.sub(" ", re.sub(r"\d+(?:st|nd|rd|th)?", " ", line))
    words = [w for w in rest.split() if not w.isdigit()]
    month_words = [w for w in words if w.lower()[:3] in _MONTH_STARTS]
    return len(words) - len(month_words) <= 1


_MONTH_STARTS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())


def _headline(head: list[_Line]) -> _Line | None:
    for position, line in enumerate(head):
        if line.kind == "byline":
            above = [h for h in head[:position] if h.kind == "title"]
            if above:
                return above[-1]
            break
    titles = [h for h in head if h.kind == "title"]
    return titles[0] if titles else None


def _published(head: list[_Line]) -> str | None:
    """The first full date on a dateline or byline of the head."""
    for line in head:
        if line.kind in ("dateline", "byline"):
            found = read_date(_first_publication(line.text))
            if found is not None:
                return found.isoformat()
    return None


def _first_publication(text: str) -> str:
    """ "Updated: X | Created: Y" -> "Y": the first publication, when a stamp names both."""
    created = re.search(r"(?:created|first published|published)\W+(.*)$", text, re.I)
    return created.group(1) if created else text
