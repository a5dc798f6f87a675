"""Reading the brief's JSON contract (docs/brief-json.md) for pages, feeds and the desk.

Plain functions over the dict the engine returns; nothing here touches the database. A reader
of the contract ignores keys it does not know and tolerates missing optional ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Brief = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited sentence: its id (the anchor in the source text view) and its words."""

    number: int
    id: int
    text: str


def sentence_map(brief: Brief) -> dict[int, str]:
    return {int(s["id"]): str(s["text"]) for s in brief.get("sentences", ())}


def citations(sentences: dict[int, str], ids: Iterable[int]) -> list[Citation]:
    """The sentences `ids` refer to, numbered from 1, skipping ids the brief does not hold."""
    found = [int(i) for i in ids if int(i) in sentences]
    return [Citation(number=n, id=i, text=sentences[i]) for n, i in enumerate(found, start=1)]


def paragraphs(brief: Brief) -> list[list[dict[str, Any]]]:
    """The article's sentences grouped into paragraphs.

    The contract gives each sentence's offsets into the article text, in which paragraphs are
    separated by a blank line and sentences within one by a single space; so a gap of two or
    more characters between consecutive sentences starts a new paragraph.
    """
    groups: list[list[dict[str, Any]]] = []
    previous_end: int | None = None
    for sentence in sorted(brief.get("sentences", ()), key=lambda s: int(s["start"])):
        start = int(sentence["start"])
        if previous_end is None or start - previous_end >= 2 or not groups:
            groups.append([])
        groups[-1].append(sentence)
        previous_end = int(sentence["end"])
    return groups


def article_text(brief: Brief) -> str:
    """The article's text rebuilt from its sentences, paragraphs separated by a blank line."""
    return "\n\n".join(" ".join(s["text"] for s in group) for group in paragraphs(brief))


def names(items: Sequence[dict[str, Any]], key: str = "name") -> list[str]:
    return [str(item[key]) for item in items if item.get(key)]


def source_info(brief: Brief) -> dict[str, Any]:
    source = brief.get("source") or {}
    return {
        "location": source.get("location") or "",
        "url": source.get("url") or "",
        "site_name": source.get("site_name") or "",
        "author": source.get("author") or "",
        "published": source.get("published") or "",
        "language": source.get("language") or "",
    }
