"""The one place the site calls the engine: input in, the brief's JSON contract out.

The engine is pure Python and knows nothing of Django; this module turns what an editor gives
(a URL, an uploaded file, pasted text, or a stored SourceDocument) into `nutgraf.engine.Source`
and returns `Brief.to_dict()`. HTML is sanitised first (engine/sanitizer.py). Engine errors
(NutgrafError) pass through: each carries one sentence the desk shows as is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class Composed:
    """A brief and the exact input it was made from."""

    brief: dict[str, Any]
    location: str
    content: bytes
    media_type: str
    url: str | None
    digest: str = ""  # content_digest() of the input as given: what makes it one story


def content_digest(*, content: bytes, media_type: str) -> str:
    """SHA-256 of an article as it was given, before cleaning: the same article is one story
    whichever way it arrives (desk, API, feed, services). Text has its line endings and the
    blank space at line ends and around it made uniform first: a browser's form sends CRLF
    where an API client sends LF, and a form field is stripped."""
    if media_type != "text/html":
        lines = content.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        content = b"\n".join(line.rstrip() for line in lines).strip()
    return hashlib.sha256(content).hexdigest()


def guess_media_type(*, name: str, content: bytes) -> str:
    """text/html for HTML files or content that starts like markup, text/plain otherwise."""
    if name.lower().endswith(HTML_SUFFIXES):
        return "text/html"
    if name.lower().endswith((".md", ".markdown")):
        return "text/markdown"
    head = content[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta")):
        return "text/html"
    return "text/plain"


def compose_from_url(*, url: str, fetcher: Any = None) -> Composed:
    """`fetcher` (nutgraf.engine.Fetcher) defaults to HttpFetcher, which refuses private
    addresses; callers pass their own to set limits or a test resolver."""
    from nutgraf.engine import read_source

    source = read_source(url, fetcher=fetcher)
    return compose_from_source(source)


def compose_from_bytes(*, location: str, content: bytes, media_type: str) -> Composed:
    from nutgraf.engine import Source

    return compose_from_source(Source(location=location, content=content, media_type=media_type))


def compose_from_text(*, text: str) -> Composed:
    return compose_from_bytes(location="pasted", content=text.encode(), media_type="text/plain")


def compose_from_source(source: Any) -> Composed:
    """Compose an engine Source (cleaned first when HTML); the digest is of the input as is."""
    from nutgraf.engine import brief_from_source

    digest = content_digest(content=source.content, media_type=source.media_type)
    source = _sanitized(source)
    brief = brief_from_source(source)
    return Composed(
        brief=brief.to_dict(),
        location=source.location,
        content=source.content,
        media_type=source.media_type,
        url=source.url,
        digest=digest,
    )


def _sanitized(source: Any) -> Any:
    """HTML from outside is cleaned (nh3) before it is composed or stored: what the site keeps
    for re-composition is then exactly what the brief was made from, and holds no script."""
    if source.media_type != "text/html":
        return source
    from dataclasses import replace

    from nutgraf.engine.extract import decode_content
    from nutgraf.engine.sanitizer import sanitize_document

    text = decode_content(source.content, source.charset, html=True)
    return replace(source, content=sanitize_document(text).encode("utf-8"), charset="utf-8")
