"""HTML pages: trafilatura finds the article; we keep its headings and clean what it lets through.

1. parse      lxml through trafilatura's loader; a fragment is wrapped in a page and retried
2. find       trafilatura favouring precision, again favouring recall when that is thin
3. walk       paragraphs, list items, table rows and headings from trafilatura's tree
4. clean      drop boilerplate paragraphs trafilatura lets through (share, newsletter,
              advertisement, "Read more:", tag and copyright lines, bare URLs) and the title
              repeated as the first line
5. describe   title, author, date, site, language, section, tags, description, image
"""

from __future__ import annotations

import logging
import re
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from nutgraf.engine.errors import ExtractionError
from nutgraf.engine.extract.body import Body, clean_text, fallback_title, finish
from nutgraf.engine.extract.headline import choose_headline
from nutgraf.engine.extract.publication import find_published
from nutgraf.engine.records import Article, Source
from nutgraf.engine.sanitizer import public_url

SHORT_RESULT = 400  # below this, ask trafilatura again with wider settings

_XML_DECLARATION = re.compile(r"""^\s*<\?xml[^>]*\?>""")
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:share|tweet|email|print|pin|save)(?:\s+(?:this|on|the\ article|via|to))?\b.{0,40}
      | (?:sign\ up|subscribe|register)\b.{0,80}(?:newsletter|inbox|updates|email|alerts)\b.{0,60}
      | (?:get|receive)\ (?:our|the)\b.{0,40}newsletter\b.{0,60}
      | advertisement | advertising | sponsored(?:\ content)? | skip\ advert(?:isement)?
      | read\ (?:more|next|also)\s*:.{0,160}
      | (?:related|recommended|more\ on\ this\ story|you\ may\ also\ like)\s*:?.{0,160}
      | follow\ us\ on\b.{0,80}
      | (?:click|tap)\ here\ to\b.{0,100}
      | (?:copyright\s*)?©.{0,120} | all\ rights\ reserved\.?
      | we\ use\ cookies\b.{0,200}
      | copyright\b.{0,120}
      | tags?\s*:?\s+\S.{0,300},.{0,300}
      | order\ reprints | text\ size | comments? | \d+\ comments? | tell\ us\ what\ you\ think\W*
      | this\ (?:copy|article)\ is\ for\ your\ personal,?\ non-commercial\ use\b.*
      | https?://\S+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page chatter is not ours
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(text: str, source: Source) -> Article:
    markup = _XML_DECLARATION.sub("", text, count=1)
    tree = load_html(markup)
    if tree is None:
        markup = f"<html><body><div>{markup}</div></body></html>"  # a fragment: wrap and retry
        tree = load_html(markup)
    if tree is None:
        raise ExtractionError("The page holds no article text: it is not readable HTML.")
    page = _page_facts(tree)
    document = _extract_document(tree, source.url)
    if document is None or document.body is None:
        raise ExtractionError("The page holds no article text that could be found.")
    found_title = clean_text(document.title) or page.get("title") or ""
    site_name = clean_text(document.sitename) or None
    page_url = source.url or public_url(clean_text(document.url))
    title, heading = choose_headline(
        tree, found_title=found_title, site_names=[site_name or ""], url=page_url
    )
    body = _clean(_walk(document.body), (title, found_title))
    categories = [c for c in (document.categories or []) if c]
    article = finish(body, title or fallback_title(body.paragraphs), source)
    return Article(
        text=article.text,
        title=article.title,
        author=clean_text(document.author) or None,
        published=find_published(tree, headline=heading, url=page_url),
        site_name=site_name,
        language=page.get("lang") or article.language,
        section=clean_text(categories[0]) if categories else page.get("section"),
        tags=tuple(dict.fromkeys(clean_text(t) for t in (document.tags or []) if clean_text(t))),
        headings=article.headings,
        # The page's own claims about its URLs reach links on pages: http(s) only.
        url=page_url,
        description=clean_text(document.description) or None,
        image=public_url(clean_text(document.image)),
    )


def _extract_document(tree: HtmlElement, url: str | None) -> Any:
    """trafilatura favouring precision (measured best, see floors.toml), wider when that is thin.

    It is given the page as we parsed it (with its own loader, so the same tree it would make
    from the markup) and works on a copy of it: the page is parsed once, not once a try."""
    options: dict[str, Any] = {
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_formatting": True,
        "include_tables": True,
        "deduplicate": False,
    }
    best: Any = None
    tunings: tuple[dict[str, Any], ...] = ({"favor_precision": True}, {"favor_recall": True})
    for tuning in tunings:
        document = trafilatura.bare_extraction(tree, **options, **tuning)
        if len(clean_text(getattr(document, "text", ""))) > len(
            clean_text(getattr(best, "text", ""))
        ):
            best = document
        if len(clean_text(getattr(best, "text", ""))) >= SHORT_RESULT:
            break
    return best


def _length(document: Any) -> int:
    return len(clean_text(getattr(document, "text", "")))


def _page_facts(tree: HtmlElement) -> dict[str, str]:
    """What trafilatura does not report: the page's lang attribute and article:section."""
    facts: dict[str, str] = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    match = re.match(r"\s*([A-Za-z]{2})(?:[-_]|\s*$)", lang)
    if match:
        facts["lang"] = match.group(1).lower()
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        value = clean_text(meta.get("content"))
        if key == "article:section" and value:
            facts.setdefault("section", value)
        elif key in ("og:title", "twitter:title") and value:
            facts.setdefault("title", value)
    return facts


def _walk(body: etree._Element) -> Body:
    """Paragraphs and headings from trafilatura's output tree, in reading order."""
    paragraphs: list[str] = []
    headings: list[tuple[int, str, int]] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            text = _inline_text(element)
            if text:
                headings.append((len(paragraphs), text, _level(element.get("rend"))))
        elif tag == "list":
            paragraphs.extend(_inline_text(item) for item in element.iter("item"))
        elif tag == "table":
            for row in element.iter("row"):
                cells = (_inline_text(cell) for cell in row.iter("cell"))
                paragraphs.append(" ".join(cell for cell in cells if cell))
        elif tag != "graphic":
            paragraphs.append(_inline_text(element))
        if element.tail and element.tail.strip():
            paragraphs.append(clean_text(element.tail))
    kept = [p for p in paragraphs if p]
    # Re-index headings against the paragraphs that survived the empty-string filter.
    shift = [0] * (len(paragraphs) + 1)
    for index, paragraph in enumerate(paragraphs):
        shift[index + 1] = shift[index] + (1 if paragraph else 0)
    return Body(tuple(kept), tuple((shift[i], text, level) for i, text, level in headings))


_BLOCK_TAGS = frozenset({"p", "item", "head", "list", "row", "cell", "quote", "table", "lb", "div"})


def _inline_text(element: etree._Element) -> str:
    """The element's words: inline markup joins without spaces, line and block breaks with one."""
    parts: list[str] = []

    def gather(node: etree._Element) -> None:
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append(" ")
        parts.append(node.text or "")
        for child in node:
            gather(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")

    gather(element)
    return clean_text("".join(parts))


def _level(rend: str | None) -> int:
    match = re.fullmatch(r"h([1-6])", (rend or "").strip().lower())
    return int(match.group(1)) if match else 2


def _clean(body: Body, titles: tuple[str, ...]) -> Body:
    """Drop boilerplate paragraphs and the title repeated as the first line."""
    repeated = {clean_text(t) for t in titles if t}
    keep = [not _BOILERPLATE.match(p) for p in body.paragraphs]
    if body.paragraphs and clean_text(body.paragraphs[0]) in repeated:
        keep[0] = False  # the title repeated as the first line
    position = [0] * (len(body.paragraphs) + 1)
    for i, kept in enumerate(keep):
        position[i + 1] = position[i] + (1 if kept else 0)
    paragraphs = tuple(p for p, kept in zip(body.paragraphs, keep, strict=True) if kept)
    headings = tuple(
        (position[i], text, level)
        for i, text, level in body.headings
        if not (i == 0 and clean_text(text) in repeated)
    )
    return Body(paragraphs, headings)
