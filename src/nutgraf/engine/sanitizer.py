"""HTML and URLs from outside made safe to keep and to show, with nh3 (the ammonia sanitiser).

    sanitize_html(fragment)     a fragment for display: an allowlist of text tags and
                                attributes, links only to http/https/mailto with rel set
    sanitize_document(html)     a whole article page for storage: the same allowlist widened
                                with what extraction reads (title, meta, link, class and id,
                                the page's language, its JSON-LD re-encoded as inert data)
    public_url(value)           an absolute http(s) URL, or None

Guarantees: the output of the first two holds no element that runs script (script, iframe,
object, embed, svg, math, template, form controls, base, meta refresh), no event-handler
attribute, no style, and no URL whose scheme is not http, https or mailto; running a result
through the same function again changes nothing that matters to a browser. Nothing raises on
any str input.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Tags dropped together with their content: code, plug-ins and form controls. <form> itself is
# only unwrapped: some sites (ASP.NET) wrap the whole page in one.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "button",
        "select",
        "textarea",
        "canvas",
        "audio",
        "video",
    }
)

FRAGMENT_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"area", "map"} | {"main", "section"}
FRAGMENT_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}

# A stored page keeps what the extractor reads: structure names (class, id, itemprop) tell it
# navigation and comments from the article; meta and link carry title, author and date.
HEAD_TAGS = frozenset({"title", "meta", "link"})
DOCUMENT_TAGS = FRAGMENT_TAGS | HEAD_TAGS | {"address", "picture", "source"}
_COMMON = {"class", "id", "lang", "dir", "title", "role", "itemprop", "itemscope", "itemtype"}
DOCUMENT_ATTRIBUTES: dict[str, set[str]] = {
    "*": _COMMON,
    **{tag: names | _COMMON for tag, names in FRAGMENT_ATTRIBUTES.items()},
    "a": FRAGMENT_ATTRIBUTES["a"] | {"rel"} | _COMMON,
    "meta": {"name", "property", "content", "charset", "itemprop"},
    "link": {"rel", "href", "hreflang", "type", "title"},
    "img": FRAGMENT_ATTRIBUTES["img"] | {"srcset"} | _COMMON,
    "source": {"srcset", "type", "media"},
}

_LD_JSON = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BODY_START = re.compile(r"<body\b|</head\s*>", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)")
_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
MAX_LD_BLOCKS = 10


def sanitize_html(fragment: str) -> str:
    """`fragment` with everything that could run or restyle the page removed (see above)."""
    return nh3.clean(
        fragment,
        tags=set(FRAGMENT_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=FRAGMENT_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def sanitize_document(html: str) -> str:
    """A whole page, cleaned for storage and re-extraction; see the module docstring.

    The page's JSON-LD survives as data: each block is parsed and written out again by
    json.dumps with <, > and & escaped, so it can neither close its element nor run.
    """
    split = _BODY_START.search(html)
    head_part, body_part = (html[: split.start()], html[split.start() :]) if split else ("", html)
    head = nh3.clean(
        head_part,
        tags=set(HEAD_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=DOCUMENT_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    body = nh3.clean(
        body_part,
        tags=set(DOCUMENT_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=DOCUMENT_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # kept as the page gave it: the extractor reads rel="author" and the like
        strip_comments=True,
    )
    head += "".join(
        f'<script type="application/ld+json">{block}</script>' for block in _ld_blocks(html)
    )
    lang = _HTML_LANG.search(html[:4096])
    lang_attribute = f' lang="{lang.group(1)}"' if lang else ""
    return (
        f'<!DOCTYPE html><html{lang_attribute}><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    )


def _ld_blocks(html: str) -> list[str]:
    blocks = []
    for match in _LD_JSON.finditer(html):
        try:
            data = json.loads(match.group(1).strip())
        except (ValueError, RecursionError):
            continue
        try:
            encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        except (ValueError, RecursionError):
            continue
        blocks.append(encoded.translate(_LD_ESCAPES))
        if len(blocks) >= MAX_LD_BLOCKS:
            break
    return blocks


def public_url(value: object) -> str | None:
    """`value` when it is an absolute http(s) URL with a host and nothing a browser could
    read as markup or script, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > 2000 or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        return None
    return url
