"""Comment text: cleaned to plain text on the way in, escaped and linked on the way out.

`clean_text` keeps letters, punctuation, spaces, tabs and newlines; it drops control
characters (C0, C1, DEL) and the invisible formatting characters that reorder or hide text
(bidi overrides, zero-width joiners), normalises to NFC and trims trailing space.
`render_text` escapes everything, then turns bare http(s) links into anchors with
rel="nofollow ugc noopener"; nothing but those anchors, <p> and <br> reaches the page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

REL = "nofollow ugc noopener"
# Bidi embeddings/overrides/isolates, zero-width characters and the BOM.
_INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
)
_LINK = re.compile(r"""\b(?:https?://|www\.)[^\s<>"'`{}|\\^\[\]]+""", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Plain text without control characters; newlines kept only when `multiline`."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.translate(_INVISIBLE)
    keep = "\n\t" if multiline else ""
    value = "".join(
        ch if ch in keep or unicodedata.category(ch) != "Cc" else ("" if multiline else " ")
        for ch in value
    )
    if not multiline:
        return " ".join(value.split())
    lines = [line.rstrip() for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def count_links(value: str) -> int:
    return len(_LINK.findall(value))


def strip_links(value: str) -> str:
    return _LINK.sub(" ", value)


def text_fingerprint(value: str) -> str:
    """The same words, whatever their case, spacing or punctuation, give the same hash."""
    words = re.findall(r"\w+", value.casefold())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _link(match: re.Match[str]) -> tuple[str, str]:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        # A closing bracket that opened inside the link belongs to it (Wikipedia URLs).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    href = url if url.lower().startswith(("http://", "https://")) else "https://" + url
    return f'<a href="{escape(href)}" rel="{REL}">{escape(url)}</a>', tail


def _linkify_line(line: str) -> str:
    out: list[str] = []
    last = 0
    for match in _LINK.finditer(line):
        out.append(escape(line[last : match.start()]))
        anchor, tail = _link(match)
        out.append(anchor + escape(tail))
        last = match.end()
    out.append(escape(line[last:]))
    return "".join(out)


def render_text(value: str) -> SafeString:
    """Paragraphs of escaped text with bare links made into nofollow links."""
    paragraphs = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify_line(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece above went through escape()
