"""Comment text: cleaned to plain text on the way in, escaped and linked on the way out.

`clean_text` keeps letters, punctuation, spaces, tabs and newlines; it drops control
characters (C0, C1, DEL), every invisible formatting character (Unicode category Cf: bidi
overrides, zero-width spaces and joiners, soft hyphens, invisible operators, the BOM) and the
blank "letters" that pass for a name while showing nothing (Hangul fillers U+115F, U+1160,
U+3164, U+FFA0, the combining grapheme joiner, Khmer's invisible vowels, the blank Braille
cell), normalises to NFC and trims trailing space. A name made only of them is no name.
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
# Blank characters outside category Cf that render as nothing (or as an empty cell).
_FILLERS = dict.fromkeys([0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F, 0x17B4, 0x17B5, 0x2800])
# Line and paragraph separators are line breaks written another way.
_BREAKS = {0x2028: "\n", 0x2029: "\n"}
_LINK = re.compile(r"""\b(?:https?://|www\.)[^\s<>"'`{}|\\^\[\]]+""", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Plain text without control characters; newlines kept only when `multiline`."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.translate(_BREAKS).translate(_FILLERS)
    keep = "\n\t" if multiline else ""
    value = "".join(_visible(ch, keep, multiline) for ch in value)
    if not multiline:
        return " ".join(value.split())
    lines = [line.rstrip() for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _visible(ch: str, keep: str, multiline: bool) -> str:
    if ch in keep:
        return ch
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if category == "Cc":
        return "" if multiline else " "
    return ch


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
