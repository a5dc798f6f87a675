"""Trimming source sentences for display. Trimming only ever removes words, never adds them."""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.' -]{1,30})?\s*(?:\([^)]{1,40}\))?"
    r"\s*[—–-]{1,2}\s+"
    r"|\([A-Z][\w ]{1,30}\)\s*[—–-]{1,2}\s+)"
)
_ELLIPSIS = "…"


def strip_dateline(text: str) -> str:
    """Drop a wire dateline: "HALDEN, Norway (Wire) — About 1,200 ..." -> "About 1,200 ..."."""
    trimmed = _DATELINE.sub("", text, count=1)
    if trimmed != text and trimmed[:1].islower():
        return text  # the "dateline" was the start of an ordinary sentence
    return trimmed


def display_text(text: str) -> str:
    """A source sentence as shown in a key point or answer."""
    return strip_dateline(text.strip())


def shorten_words(text: str, limit: int) -> str:
    """At most `limit` words, cut at a clause boundary where there is one."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(" — "))
    if cut > len(head) // 2:
        head = head[:cut]
    return head.rstrip(" ,;:—-") + _ELLIPSIS


def shorten_chars(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:—-") + _ELLIPSIS
