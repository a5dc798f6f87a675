"""Stage 2, extract: a Source's bytes in, clean article text and metadata out.

    1. decode     BOM, then the declared charset (HTTP, then <meta>/XML) if it decodes cleanly,
                  then UTF-8, then charset_normalizer's guess; EncodingError if none gives text
    2. read       HTML through trafilatura (its tree keeps the body's headings), plain text and
                  Markdown through small readers of our own
    3. clean      drop boilerplate paragraphs trafilatura lets through (share, newsletter,
                  advertisement, "Read more:", tag and copyright lines, bare URLs), strip
                  control characters, normalise whitespace within paragraphs
    4. describe   title, author, date, site, language, section, tags, description, image

Guarantees: `extract_article` returns an Article whose text is at least MIN_TEXT characters of
paragraphs joined by a blank line, with headings outside the text (`Heading.start` is where the
section begins in it); or raises a NutgrafError (EncodingError, ExtractionError), never anything
else, whatever bytes it is given.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import charset_normalizer
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from nutgraf.engine.errors import EncodingError, ExtractionError, NutgrafError
from nutgraf.engine.language import detect_language
from nutgraf.engine.records import Article, Heading, Source
from nutgraf.engine.sanitizer import public_url

MIN_TEXT = 40
SHORT_RESULT = 400  # below this, ask trafilatura again with wider settings
TITLE_CHARS = 150

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG: browsers read these labels as windows-1252, and so do we.
_LATIN = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"""^\s*<\?xml[^>]*\?>""")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_SPACE = re.compile(r"\s+")

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


@dataclass(frozen=True, slots=True)
class _Body:
    paragraphs: tuple[str, ...]
    headings: tuple[tuple[int, str, int], ...]  # (paragraph index, text, level)


def extract_article(source: Source) -> Article:
    """Extract the article from an ingested Source; see the module docstring for guarantees."""
    text = decode_content(source.content, source.charset, html=source.media_type == "text/html")
    try:
        if source.media_type == "text/markdown":
            body, title, meta = _read_markdown(text)
            return _finish(body, title, source, meta)
        if source.media_type == "text/plain":
            return _finish(*_read_plain(text), source)
        return _read_html(text, source)
    except NutgrafError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many kinds on hostile input; callers get NutgrafError only
        raise ExtractionError(f"The page could not be read as an article ({exc}).") from None


# 1. decode ------------------------------------------------------------------------------------


def decode_content(content: bytes, declared: str | None = None, *, html: bool = True) -> str:
    """Decode bytes to text (see stage 1 above) and strip control characters."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _checked(content[len(bom) :].decode(encoding, errors="replace"))
    for label in (declared, *(_declared_in_markup(content) if html else ())):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return _checked(content.decode(codec))
        except (UnicodeDecodeError, EncodingError):
            continue
    try:
        return _checked(content.decode("utf-8"))
    except (UnicodeDecodeError, EncodingError):
        pass
    best = charset_normalizer.from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return _checked(content.decode(best.encoding, errors="replace"))
    return _checked(content.decode("cp1252", errors="replace"))


def _declared_in_markup(content: bytes) -> Iterator[str]:
    head = content[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            yield match.group(1).decode("ascii", errors="replace")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().lower()
    if name in _LATIN:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _checked(text: str) -> str:
    """The text without control characters, or EncodingError when it is not mostly printable."""
    sample = text[:100_000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (not ch.isprintable() and not ch.isspace()))
    if sample and bad > max(4, len(sample) // 20):
        raise EncodingError("The input is not text in any encoding nutgraf can read.")
    return _CONTROL.sub("", text)


# 2. read --------------------------------------------------------------------------------------


def _read_html(text: str, source: Source) -> Article:
    markup = _XML_DECLARATION.sub("", text, count=1)
    tree = load_html(markup)
    if tree is None:
        markup = f"<html><body><div>{markup}</div></body></html>"  # a fragment: wrap and retry
        tree = load_html(markup)
    if tree is None:
        raise ExtractionError("The page holds no article text: it is not readable HTML.")
    page = _page_facts(tree)
    document = _extract_document(markup, source.url)
    if document is None or document.body is None:
        raise ExtractionError("The page holds no article text that could be found.")
    body = _clean(_walk(document.body), str(document.title or ""))
    title = _text(document.title) or page.get("title") or _fallback_title(body.paragraphs)
    categories = [c for c in (document.categories or []) if c]
    article = _finish(body, title, source)
    return Article(
        text=article.text,
        title=article.title,
        author=_text(document.author) or None,
        published=_text(document.date) or None,
        site_name=_text(document.sitename) or None,
        language=page.get("lang") or article.language,
        section=_text(categories[0]) if categories else page.get("section"),
        tags=tuple(dict.fromkeys(_text(t) for t in (document.tags or []) if _text(t))),
        headings=article.headings,
        # The page's own claims about its URLs reach links on pages: http(s) only.
        url=source.url or public_url(_text(document.url)),
        description=_text(document.description) or None,
        image=public_url(_text(document.image)),
    )


def _extract_document(markup: str, url: str | None) -> Any:
    """trafilatura favouring precision (measured best, see floors.toml), wider when that is thin."""
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
        document = trafilatura.bare_extraction(markup, **options, **tuning)
        if len(_text(getattr(document, "text", ""))) > len(_text(getattr(best, "text", ""))):
            best = document
        if len(_text(getattr(best, "text", ""))) >= SHORT_RESULT:
            break
    return best


def _page_facts(tree: HtmlElement) -> dict[str, str]:
    """What trafilatura does not report: the page's lang attribute and article:section."""
    facts: dict[str, str] = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    match = re.match(r"\s*([A-Za-z]{2})(?:[-_]|\s*$)", lang)
    if match:
        facts["lang"] = match.group(1).lower()
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        value = _text(meta.get("content"))
        if key == "article:section" and value:
            facts.setdefault("section", value)
        elif key in ("og:title", "twitter:title") and value:
            facts.setdefault("title", value)
    return facts


def _walk(body: etree._Element) -> _Body:
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
            paragraphs.append(_text(element.tail))
    kept = [p for p in paragraphs if p]
    # Re-index headings against the paragraphs that survived the empty-string filter.
    shift = [0] * (len(paragraphs) + 1)
    for index, paragraph in enumerate(paragraphs):
        shift[index + 1] = shift[index] + (1 if paragraph else 0)
    return _Body(tuple(kept), tuple((shift[i], text, level) for i, text, level in headings))


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
    return _text("".join(parts))


def _level(rend: str | None) -> int:
    match = re.fullmatch(r"h([1-6])", (rend or "").strip().lower())
    return int(match.group(1)) if match else 2


def _read_plain(text: str) -> tuple[_Body, str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    first = _text(lines[0]) if lines else ""
    if first and _looks_like_title(first):
        return _Body(tuple(_paragraphs(lines[1:])), ()), first
    paragraphs = tuple(_paragraphs(lines))
    return _Body(paragraphs, ()), _fallback_title(paragraphs)


def _looks_like_title(line: str) -> bool:
    return len(line) <= TITLE_CHARS and not line.endswith((".", ":", ";", ","))


def _title_from_first(body: _Body) -> tuple[_Body, str]:
    """Without a marked title, a short first paragraph is the title, else the first sentence."""
    if body.paragraphs and _looks_like_title(body.paragraphs[0]) and len(body.paragraphs) > 1:
        headings = tuple((max(i - 1, 0), t, v) for i, t, v in body.headings)
        return _Body(body.paragraphs[1:], headings), body.paragraphs[0]
    return body, _fallback_title(body.paragraphs)


def _paragraphs(lines: list[str]) -> Iterator[str]:
    """Blank lines separate paragraphs; without any, every line is its own paragraph."""
    if sum(1 for line in lines if not line.strip()) == 0:
        yield from (_text(line) for line in lines if line.strip())
        return
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            yield _text(" ".join(block))
            block = []


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),
    (re.compile(r"!\[([^\]]*)\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def _read_markdown(text: str) -> tuple[_Body, str, dict[str, str]]:
    text = _HTML_COMMENT.sub("", text)  # editors' notes, never article text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, lines = _front_matter(lines)
    title = meta.get("title", "")
    paragraphs: list[str] = []
    headings: list[tuple[int, str, int]] = []
    block: list[str] = []
    fenced = underline = False

    def close() -> None:
        if block:
            paragraphs.append(_plain_markdown(" ".join(block)))
            block.clear()

    for index, line in enumerate(lines):
        if underline:
            underline = False
            continue
        if _MD_FENCE.match(line):
            close()
            fenced = not fenced
            continue
        if fenced:
            block.append(line)
            continue
        heading = _MD_HEADING.match(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if heading is None and not block and line.strip() and _MD_SETEXT.match(following):
            level = 1 if following.strip().startswith("=") else 2
            heading = _MD_HEADING.match("#" * level + " " + line.strip())
            underline = True
        if heading is not None:
            close()
            level, words = len(heading.group(1)), _plain_markdown(heading.group(2))
            if level == 1 and not title and not paragraphs:
                title = words
            elif words:
                headings.append((len(paragraphs), words, level))
            continue
        if _MD_RULE.match(line) or _MD_REFDEF.match(line) or not line.strip():
            close()
            continue
        stripped = re.sub(r"^\s{0,3}(?:>\s?)+", "", line)
        if _MD_ITEM.match(stripped):
            close()
            stripped = _MD_ITEM.sub("", stripped, count=1)
        block.append(stripped)
    close()
    kept = [p for p in paragraphs if p]
    body = _Body(tuple(kept), tuple(headings))
    if title:
        return body, title, meta
    return (*_title_from_first(body), meta)


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML-style `key: value` lines between two `---` lines at the top, as plain strings."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                if value.strip():
                    meta[key.strip().lower()] = _text(value.strip().strip("\"'"))
            return meta, lines[end + 1 :]
    return {}, lines


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        if len(value) > 10:
            return datetime.fromisoformat(value).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _plain_markdown(text: str) -> str:
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return _text(text.replace("\\", ""))


# 3. clean -------------------------------------------------------------------------------------


def _clean(body: _Body, title: str) -> _Body:
    """Drop boilerplate paragraphs and the title repeated as the first line."""
    keep = [not _BOILERPLATE.match(p) for p in body.paragraphs]
    if body.paragraphs and _text(body.paragraphs[0]) == _text(title):
        keep[0] = False  # the title repeated as the first line
    position = [0] * (len(body.paragraphs) + 1)
    for i, kept in enumerate(keep):
        position[i + 1] = position[i] + (1 if kept else 0)
    paragraphs = tuple(p for p, kept in zip(body.paragraphs, keep, strict=True) if kept)
    headings = tuple(
        (position[i], text, level)
        for i, text, level in body.headings
        if not (i == 0 and _text(text) == _text(title))
    )
    return _Body(paragraphs, headings)


# 4. describe ----------------------------------------------------------------------------------


def _finish(body: _Body, title: str, source: Source, meta: dict[str, str] | None = None) -> Article:
    """The Article from a text or Markdown body; `meta` is Markdown front matter."""
    meta = meta or {}
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for paragraph in body.paragraphs:
        starts.append(offset)
        parts.append(paragraph)
        offset += len(paragraph) + 2
    text = "\n\n".join(parts)
    if len(text) < MIN_TEXT:
        raise ExtractionError("The page holds no article text that could be found.")
    headings = tuple(
        Heading(text=words, start=starts[i] if i < len(starts) else len(text), level=level)
        for i, words, level in body.headings
        if i < len(starts)  # a heading after the last paragraph introduces nothing
    )
    return Article(
        text=text,
        title=_text(title)[:300] or _fallback_title(body.paragraphs),
        language=meta.get("language") or detect_language(text),
        headings=headings,
        url=source.url or public_url(meta.get("url")),
        published=_iso_date(meta.get("date") or meta.get("published")),
        author=meta.get("author"),
        site_name=meta.get("site") or meta.get("site_name"),
        section=meta.get("category") or meta.get("section"),
        tags=tuple(t.strip() for t in meta.get("tags", "").strip("[]").split(",") if t.strip()),
        description=meta.get("description"),
    )


def _fallback_title(paragraphs: Iterable[str]) -> str:
    """The first sentence of the text, trimmed to a title's length."""
    first = next(iter(paragraphs), "")
    sentence = re.split(r"(?<=[.!?])\s+", first, maxsplit=1)[0].strip()
    if len(sentence) > TITLE_CHARS:
        sentence = sentence[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


def _text(value: object) -> str:
    """A string with control characters removed and whitespace collapsed."""
    if value is None:
        return ""
    return _SPACE.sub(" ", _CONTROL.sub("", str(value))).strip()
