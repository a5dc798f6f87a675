"""Feed validity checks for the tests: Atom by RFC 4287's own schema, RSS 2.0 by its spec.

W3C's feedvalidator is not on PyPI (nor any maintained feed validator; feedparser parses
leniently and says little), so the checks here do its core work:

- Atom: the RELAX NG schema of RFC 4287 Appendix B (atom.rnc, converted with rnc2rng and
  run by lxml), plus the rules the RFC states in prose and its schema carries as Schematron
  annotations, which RELAX NG does not run: every entry has an author, or the feed does
  (4.1.1, 4.1.2); an entry without content has an alternate link (4.1.2); ids are unique
  absolute IRIs; a feed has a rel="self" link (feedvalidator warns without one).
- RSS 2.0: the RSS Advisory Board's specification as feedvalidator applies it: a channel with
  title, link and description; absolute links; RFC 822 dates with a zone; every item has a
  title or a description; a guid marked as permalink is a URL; `author` holds an email
  address (a name alone goes in dc:creator); prefixes are declared; an atom:link rel="self".
  Here every item must also name its author.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
A = f"{{{ATOM}}}"


@cache
def atom_schema() -> etree.RelaxNG:
    import rnc2rng

    compact = (Path(__file__).parent / "atom.rnc").read_text(encoding="utf-8")
    # rnc2rng declares the empty namespace as a prefix, which XML 1.0 does not allow.
    xml = rnc2rng.dumps(rnc2rng.loads(compact)).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(xml.encode()))


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def atom_problems(data: bytes) -> list[str]:
    root = _parse(data)
    schema = atom_schema()
    problems = []
    if not schema.validate(root):
        problems += [f"schema: line {e.line}: {e.message}" for e in schema.error_log]
    if root.tag != f"{A}feed":
        return [*problems, "the document is not an atom:feed"]
    feed_author = root.find(f"{A}author") is not None
    if root.find(f"{A}link[@rel='self']") is None:
        problems.append("the feed has no rel='self' link")
    ids = [e.text for e in root.iter(f"{A}id")]
    if len(ids) != len(set(ids)):
        problems.append("atom:id values repeat")
    problems += [f"atom:id {i!r} is not an absolute IRI" for i in ids if not _absolute(i)]
    for n, entry in enumerate(root.findall(f"{A}entry"), start=1):
        if not feed_author and entry.find(f"{A}author") is None:
            problems.append(f"entry {n} has no author and the feed has none (RFC 4287 4.1.2)")
        for author in entry.findall(f"{A}author") + root.findall(f"{A}author"):
            if not (author.findtext(f"{A}name") or "").strip():
                problems.append(f"entry {n}: an author without a name")
        if entry.find(f"{A}content") is None and entry.find(f"{A}link[@rel='alternate']") is None:
            problems.append(f"entry {n} has neither content nor an alternate link")
        if not (entry.findtext(f"{A}title") or "").strip():
            problems.append(f"entry {n} has an empty title")
    return problems


def _date(text: str | None) -> bool:
    try:
        return parsedate_to_datetime(text or "").tzinfo is not None
    except (TypeError, ValueError):
        return False


def rss_problems(data: bytes) -> list[str]:
    root = _parse(data)
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["the document is not RSS 2.0"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return ["an RSS document has exactly one channel"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"the channel has no {name}")
    if not _absolute(channel.findtext("link")):
        problems.append("the channel's link is not an absolute URL")
    for name in ("lastBuildDate", "pubDate"):
        if channel.find(name) is not None and not _date(channel.findtext(name)):
            problems.append(f"the channel's {name} is not an RFC 822 date with a zone")
    self_link = channel.find(f"{A}link[@rel='self']")
    if self_link is None or not _absolute(self_link.get("href")):
        problems.append("the channel has no atom:link rel='self' with an absolute href")
    items = channel.findall("item")
    for n, item in enumerate(items, start=1):
        if not (item.findtext("title") or item.findtext("description") or "").strip():
            problems.append(f"item {n} has neither a title nor a description")
        if item.find("link") is not None and not _absolute(item.findtext("link")):
            problems.append(f"item {n}'s link is not an absolute URL")
        guid = item.find("guid")
        if (
            guid is not None
            and guid.get("isPermaLink", "true") == "true"
            and not _absolute(guid.text)
        ):
            problems.append(f"item {n}'s guid is a permalink but not a URL")
        if item.find("pubDate") is not None and not _date(item.findtext("pubDate")):
            problems.append(f"item {n}'s pubDate is not an RFC 822 date with a zone")
        author = item.findtext("author")
        if author is not None and "@" not in author:
            problems.append(f"item {n}'s author is not an email address (use dc:creator)")
        creator = (item.findtext(f"{{{DC}}}creator") or "").strip()
        if not (author or creator):
            problems.append(f"item {n} names no author")
        for child in item:
            if not isinstance(child.tag, str):
                continue
            if child.tag.startswith("{") and child.tag[1:].split("}")[0] not in (ATOM, DC, CONTENT):
                problems.append(f"item {n}: element {child.tag} from an unknown namespace")
    return problems
