"""Plain text: a short first line that does not end like a sentence is the title.

Blank lines separate paragraphs and wrapped lines within one are joined; a text without any
blank line has one paragraph per line.
"""

from __future__ import annotations

from nutgraf.engine.extract.body import (
    Body,
    clean_text,
    fallback_title,
    looks_like_title,
    split_paragraphs,
)


def read_plain(text: str) -> tuple[Body, str]:
    """The body and title of plain text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    first = clean_text(lines[0]) if lines else ""
    if first and looks_like_title(first):
        return Body(tuple(split_paragraphs(lines[1:])), ()), first
    paragraphs = tuple(split_paragraphs(lines))
    return Body(paragraphs, ()), fallback_title(paragraphs)
