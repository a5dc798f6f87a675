"""What every reader hands back, and how it becomes an Article.

A reader (html, text, markdown) produces a Body: the article's paragraphs in reading order and
its headings, each pinned to the paragraph it introduces. `finish` lays the paragraphs out as
the Article's text (one blank line between two) and turns heading positions into offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from nutgraf.engine.errors import ExtractionError
from nutgraf.engine.extract.decoding import CONTROL
from nutgraf.engine.language import detect_language
from nutgraf.engine.records import Article, Heading, Source
from nutgraf.engine.sanitizer import public_url

MIN_TEXT = 40
TITLE_CHARS = 150

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Body:
    paragraphs: tuple[str, ...]
    headings: tuple[tuple[int, str, int], ...]  # (paragraph index, text, level)


def clean_text(value: object) -> str:
    """A string with control characters removed and whitespace collapsed."""
    if value is None:
        return ""
    return _SPACE.sub(" ", CONTROL.sub("", str(value))).strip()


def looks_like_title(line: str) -> bool:
    """Short, and not ending the way a sentence or a lead-in does."""
    return len(line) <= TITLE_CHARS and not line.endswith((".", ":", ";", ","))


def title_from_first(body: Body) -> tuple[Body, str]:
    """Without a marked title, a short first paragraph is the title, else the first sentence."""
    if body.paragraphs and looks_like_title(body.paragraphs[0]) and len(body.paragraphs) > 1:
        headings = tuple((max(i - 1, 0), t, v) for i, t, v in body.headings)
        return Body(body.paragraphs[1:], headings), body.paragraphs[0]
    return body, fallback_title(body.paragraphs)


def fallback_title(paragraphs: Iterable[str]) -> str:
    """The first sentence of the text, trimmed to a title's length."""
    first = next(iter(paragraphs), "")
    sentence = re.split(r"(?<=[.!?])\s+", first, maxsplit=1)[0].strip()
    if len(sentence) > TITLE_CHARS:
        sentence = sentence[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


def split_paragraphs(lines: list[str]) -> Iterator[str]:
    """Blank lines separate paragraphs; without any, every line is its own paragraph."""
    if sum(1 for line in lines if not line.strip()) == 0:
        yield from (clean_text(line) for line in lines if line.strip())
        return
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            yield clean_text(" ".join(block))
            block = []


def finish(
    body: Body, title: str, source: Source, meta: Mapping[str, str] | None = None
) -> Article:
    """The Article from a body; `meta` is what the input said about itself (front matter)."""
    meta = meta or {}
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for paragraph in body.paragraphs:
        starts.append(offset)
        parts.append(paragraph)
        offset += len(paragraph) + 2
    text = "\n\n".join(parts)
    if len(text) < MIN_TEXT:
        raise ExtractionError("The page holds no article text that could be found.")
    headings = tuple(
        Heading(text=words, start=starts[i] if i < len(starts) else len(text), level=level)
        for i, words, level in body.headings
        if i < len(starts)  # a heading after the last paragraph introduces nothing
    )
    return Article(
        text=text,
        title=clean_text(title)[:300] or fallback_title(body.paragraphs),
        language=meta.get("language") or detect_language(text),
        headings=headings,
        url=source.url or public_url(meta.get("url")),
        published=_iso_date(meta.get("date") or meta.get("published")),
        author=meta.get("author"),
        site_name=meta.get("site") or meta.get("site_name"),
        section=meta.get("category") or meta.get("section"),
        tags=tuple(t.strip() for t in meta.get("tags", "").strip("[]").split(",") if t.strip()),
        description=meta.get("description"),
    )


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        if len(value) > 10:
            return datetime.fromisoformat(value).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None
