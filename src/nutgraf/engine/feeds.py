"""RSS 2.0 and Atom feeds, read from bytes: each entry becomes a FeedItem.

Only bytes are parsed, never a path or URL, and with defusedxml: no external entities, no DTD
retrieval, no entity expansion bombs, no network. An entry's body is its full content when the
feed carries it (content:encoded, Atom content), else its summary; HTML in it is left for the
extractor to clean.

    >>> items = parse_feed(open("feed.xml", "rb").read())
    >>> items[0].title, items[0].link, items[0].published
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from nutgraf.engine.errors import InputError

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


@dataclass(frozen=True, slots=True)
class FeedItem:
    title: str
    link: str | None
    published: str | None  # ISO 8601 when the feed's date could be read
    body: str  # HTML or text, as the feed gives it
    feed_title: str | None = None


def looks_like_feed(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
    )


def parse_feed(content: bytes) -> tuple[FeedItem, ...]:
    """The entries of an RSS 2.0 or Atom feed, in feed order. Raises InputError on bad XML."""
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise InputError(f"Not a readable RSS or Atom feed: {error}.") from error
    if root.tag == f"{_ATOM}feed":
        title = _text(root.find(f"{_ATOM}title"))
        return tuple(_atom_entry(entry, title) for entry in root.iter(f"{_ATOM}entry"))
    channel = root.find("channel")
    title = _text(channel.find("title")) if channel is not None else None
    items = root.iter("item") if root.tag == "rss" else root.iter()
    return tuple(
        _rss_item(item, title) for item in items if item.tag == "item" or item.tag.endswith("}item")
    )


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _rss_item(item: Element, feed_title: str | None) -> FeedItem:
    def child(name: str) -> Element | None:
        found = item.find(name)
        if found is None and not name.startswith("{"):
            found = next((e for e in item if e.tag.endswith("}" + name)), None)
        return found

    body = _text(item.find(_CONTENT)) or _text(child("description")) or ""
    date = _text(child("pubDate")) or _text(item.find(_DC_DATE))
    return FeedItem(
        title=_text(child("title")) or "",
        link=_text(child("link")),
        published=_iso(date),
        body=body,
        feed_title=feed_title,
    )


def _atom_entry(entry: Element, feed_title: str | None) -> FeedItem:
    link = None
    for candidate in entry.findall(f"{_ATOM}link"):
        if candidate.get("rel", "alternate") == "alternate":
            link = candidate.get("href")
            break
    date = _text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated"))
    body = _text(entry.find(f"{_ATOM}content")) or _text(entry.find(f"{_ATOM}summary")) or ""
    return FeedItem(
        title=_text(entry.find(f"{_ATOM}title")) or "",
        link=link,
        published=_iso(date),
        body=body,
        feed_title=feed_title,
    )


def _iso(value: str | None) -> str | None:
    """RFC 822 dates (RSS) become ISO 8601; ISO dates (Atom) are kept as they are."""
    if not value:
        return None
    if value[:4].isdigit():
        return value
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()
