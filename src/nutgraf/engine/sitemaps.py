"""Sitemaps (sitemaps.org 0.9, with Google News dates), read from bytes: page URLs and dates.

Only bytes are parsed, never a path or URL, with lxml told to resolve no entities, load no DTD
and touch no network. A sitemap index yields the URLs of its child sitemaps, marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from nutgraf.engine.errors import InputError

_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    modified: str | None  # lastmod or news:publication_date, as written
    title: str | None = None  # news:title, when the sitemap is a news sitemap
    is_sitemap: bool = False  # an entry of a sitemap index: another sitemap, not a page


def looks_like_sitemap(content: bytes) -> bool:
    head = content[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(content: bytes) -> tuple[SitemapEntry, ...]:
    """The entries of a sitemap or sitemap index, in order. Raises InputError on bad XML."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"Not a readable sitemap: {error}.") from error
    if root is None or etree.QName(root).localname not in ("urlset", "sitemapindex"):
        raise InputError("Not a sitemap: the document is neither a urlset nor a sitemapindex.")
    index = etree.QName(root).localname == "sitemapindex"
    entries = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname not in ("url", "sitemap"):
            continue
        url = _child_text(node, "loc")
        if not url:
            continue
        modified = _child_text(node, "lastmod") or _child_text(
            node, "publication_date", namespace=_NEWS
        )
        title = _child_text(node, "title", namespace=_NEWS)
        entries.append(SitemapEntry(url=url, modified=modified, title=title, is_sitemap=index))
    return tuple(entries)


def _child_text(node: etree._Element, name: str, namespace: str = _NS) -> str | None:
    for child in node.iter(f"{namespace}{name}", name):
        text = (child.text or "").strip()
        if text:
            return text
    return None
