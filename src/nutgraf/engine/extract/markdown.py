"""Markdown through markdown-it-py (CommonMark, with tables and strikethrough), read as text.

Front matter (`key: value` lines between two `---` lines at the top) gives the title and facts
such as the date and author. Otherwise the first level-1 heading before any paragraph is the
title, and failing that a short first paragraph. Other headings are the body's headings. Each
paragraph, list item, quoted paragraph, code block and table row is a paragraph of the text;
inline markup keeps its words (a link's text, code) and loses its marks; images, HTML tags and
HTML comments (editors' notes) leave nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from nutgraf.engine.extract.body import Body, clean_text, title_from_first

_FRONT_MATTER_LINES = 60
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_INLINE_WORDS = {"text": "content", "code_inline": "content"}
_INLINE_BREAKS = frozenset({"softbreak", "hardbreak"})
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def read_markdown(text: str) -> tuple[Body, str, dict[str, str]]:
    """The body, title and front-matter facts of a Markdown document."""
    text = _HTML_COMMENT.sub("", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, lines = _front_matter(lines)
    title = meta.get("title", "")
    paragraphs: list[str] = []
    headings: list[tuple[int, str, int]] = []
    row: list[str] | None = None
    heading_level = 0
    for token in _PARSER.parse("\n".join(lines)):
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            paragraphs.append(" ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline":
            words = _inline_words(token.children or ())
            if row is not None:
                row.append(words)
            elif heading_level == 1 and not title and not paragraphs:
                title = words
            elif heading_level and words:
                headings.append((len(paragraphs), words, heading_level))
            elif not heading_level:
                paragraphs.append(words)
        elif kind in ("fence", "code_block"):
            paragraphs.append(clean_text(token.content))
        elif kind == "html_block":
            paragraphs.append(clean_text(_HTML_TAG.sub("", token.content)))
    body = _without_empty(paragraphs, headings)
    if title:
        return body, title, meta
    return (*title_from_first(body), meta)


def _inline_words(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in _INLINE_WORDS:
            parts.append(child.content)
        elif child.type in _INLINE_BREAKS:
            parts.append(" ")
    return clean_text("".join(parts))


def _without_empty(paragraphs: list[str], headings: list[tuple[int, str, int]]) -> Body:
    """Drop empty paragraphs, moving each heading to the paragraph it still introduces."""
    shift = [0] * (len(paragraphs) + 1)
    for index, paragraph in enumerate(paragraphs):
        shift[index + 1] = shift[index] + (1 if paragraph else 0)
    kept = tuple(p for p in paragraphs if p)
    return Body(kept, tuple((shift[i], words, level) for i, words, level in headings))


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML-style `key: value` lines between two `---` lines at the top, as plain strings."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), _FRONT_MATTER_LINES)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                if value.strip():
                    meta[key.strip().lower()] = clean_text(value.strip().strip("\"'"))
            return meta, lines[end + 1 :]
    return {}, lines
