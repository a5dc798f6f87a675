"""A page's headline: the h1 that the page's own metadata agrees with, without the site's name.

    1. references  og:title, twitter:title, JSON-LD `headline`, <title> and trafilatura's title,
                   each without the site's name or a section label at either end ("Opinion |
                   ...", "... | World | News | Express.co.uk", "... - The Paradigm")
    2. display     the first h1 that tells the same story as a reference (most of its words are
                   the reference's) is the headline readers see; an h1 that only wraps a
                   reference in labels ("Local News | <reference>") gives the reference
    3. fallback    without such an h1, the first reference left; then the first h1 of three
                   words or more; then what the reader of the text found

Never a headline: the site's name alone, a section label, a navigation line ("Log In"), a
rating ("2 stars", "8/10"), or an h1 that no reference agrees with when references exist (a
sidebar's or an advertisement's h1).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from nutgraf.engine.extract.body import clean_text

# Words a section label is made of: "Opinion", "UK News", "Local News", "Letters to the Editor".
SECTION_WORDS = frozenset(
    """
    opinion opinions editorial editorials column columns comment commentary analysis news latest
    breaking world uk us u.s. local national international politics business economy markets
    money finance tech technology science health sport sports football entertainment culture
    arts lifestyle life travel education video videos live blog blogs review reviews letters to
    the editor features feature home top stories story global regional metro nation region
    """.split()
)
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|/|~)\s+|\s*\|\s*")
_RATING = re.compile(r"^\s*(?:\d+(?:[.,]\d)?\s*(?:/\s*\d+|stars?|out of \d+)|[★☆]+)\s*$", re.I)
_WORD = re.compile(r"\w+")
_STORY_OVERLAP = 0.6  # share of the shorter headline's words the other must have
MIN_H1_WORDS = 3
MAX_SITE_KEY = 40
MAX_DISPLAYED = 300  # elements looked at for where a headline is shown; it sits near the top
MAX_HEADLINE_CHARS = 300
_DISPLAYED = (
    "//h2 | //h3 | //*[contains(@class, 'title') or contains(@class, 'headline')"
    " or contains(@id, 'title') or contains(@id, 'headline')][not(self::title or self::meta)]"
)  # longer "site names" are a page's title put in the wrong tag


def choose_headline(
    tree: HtmlElement,
    *,
    found_title: str,
    site_names: Iterable[str] = (),
    url: str | None = None,
) -> tuple[str, HtmlElement | None]:
    """(headline, the h1 element it came from or None); see the module docstring."""
    sites = _site_keys(tree, site_names, url)
    # trafilatura's title is often the first h1 itself: it is the last fallback, not a witness
    raw = [*_meta_titles(tree), *_json_ld_headlines(tree), _title_tag(tree)]
    cleaned = (strip_affixes(text, sites) for text in raw if text)
    references = [text for text in cleaned if _usable(text, sites)]
    headings = [(h, clean_text(h.text_content())) for h in tree.iter("h1")]
    for element, text in headings:
        for reference in references:
            if _same_story(text, reference):
                if _wraps(text, reference):
                    return reference, element
                shown = strip_affixes(text, sites)
                return (shown if _usable(shown, sites) else reference), element
    if references:
        return references[0], _displayed(tree, references[0])
    for element, text in headings:
        shown = strip_affixes(text, sites)
        if _usable(shown, sites) and len(_WORD.findall(shown)) >= MIN_H1_WORDS:
            return shown, element
    shown = strip_affixes(found_title, sites)
    return (shown if _usable(shown, sites) else ""), None


def _displayed(tree: HtmlElement, headline: str) -> HtmlElement | None:
    """Where the page shows `headline` when no h1 does: an h2, an h3, or an element whose class
    or id says title or headline (its byline follows it)."""
    for element in tree.xpath(_DISPLAYED)[:MAX_DISPLAYED]:
        text = clean_text(element.text_content())
        if len(text) <= MAX_HEADLINE_CHARS and _same_story(text, headline):
            return element
    return None


def strip_affixes(text: str, sites: frozenset[str]) -> str:
    """`text` without a site name or section label before or after a separator."""
    text = clean_text(text)
    while True:
        parts = _SEPARATORS.split(text)
        if len(parts) < 2:
            return text
        if _is_affix(parts[-1], sites):
            text = text[: _last_separator(text).start()].strip()
        elif _is_affix(parts[0], sites):
            text = text[_first_separator(text).end() :].strip()
        else:
            return _without_site_prefix(text, sites)


def _without_site_prefix(text: str, sites: frozenset[str]) -> str:
    """ "LinkNaija | Nigeria's popular news platform: Headline" -> "Headline" when the part
    before a colon is the site's own name."""
    head, colon, rest = text.partition(": ")
    if colon and rest and _key(head) in sites:
        return rest.strip()
    return text


def _first_separator(text: str) -> re.Match[str]:
    match = _SEPARATORS.search(text)
    assert match is not None  # only called when split found one
    return match


def _last_separator(text: str) -> re.Match[str]:
    return list(_SEPARATORS.finditer(text))[-1]


def _is_affix(part: str, sites: frozenset[str]) -> bool:
    key = _key(part)
    if not key:
        return True
    if key in sites or _is_section(part):
        return True
    words = _WORD.findall(part)
    # "NationNews Barbados", "The Guardian": a short part that names the site's host
    return len(words) <= 4 and any(len(site) >= 4 and site in key for site in sites)


def _is_section(part: str) -> bool:
    words = part.casefold().replace("&", " ").split()
    return 0 < len(words) <= 4 and all(word in SECTION_WORDS for word in words)


def _usable(text: str, sites: frozenset[str]) -> bool:
    key = _key(text)
    if not key or key in sites or _is_section(text) or _RATING.match(text):
        return False
    return not any(len(site) >= 4 and key == site for site in sites)


def _same_story(heading: str, reference: str) -> bool:
    ours, theirs = _words(heading), _words(reference)
    if not ours or not theirs:
        return False
    if _key(heading) == _key(reference):
        return True
    shared = len(ours & theirs)
    return shared >= min(2, len(ours), len(theirs)) and shared >= _STORY_OVERLAP * min(
        len(ours), len(theirs)
    )


def _wraps(heading: str, reference: str) -> bool:
    """The h1 is the reference with labels around it: "Local News | <reference>"."""
    key, inner = _key(heading), _key(reference)
    return inner != key and inner in key and len(inner) >= len(key) // 2


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(_fold(text)) if len(w) > 2 or not w.isascii()}


def _key(text: str) -> str:
    """Letters and digits only, case-folded: "The Japan Times" -> "thejapantimes"."""
    return "".join(ch for ch in _fold(text) if ch.isalnum())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _site_keys(tree: HtmlElement, names: Iterable[str], url: str | None) -> frozenset[str]:
    """Keys of the site's names: og:site_name, application-name, publisher, and the host's
    main label ("nytimes" of www.nytimes.com)."""
    found = {_key(n) for n in names if n}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:site_name", "application-name", "publisher"):
            found.add(_key(meta.get("content") or ""))
    for link in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        found |= _host_keys(str(link))
    found |= _host_keys(url or "")
    return frozenset(k for k in found if 0 < len(k) <= MAX_SITE_KEY)


def _host_keys(url: str) -> set[str]:
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "edition")]
    if len(labels) < 2:
        return set()
    main = labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 else labels[-2]  # bbc.co.uk
    return {_key(main), _key(".".join(labels))}


def _meta_titles(tree: HtmlElement) -> Iterator[str]:
    for key in ("og:title", "twitter:title"):
        for meta in tree.iter("meta"):
            if (meta.get("property") or meta.get("name") or "").lower() == key:
                yield meta.get("content") or ""


def _json_ld_headlines(tree: HtmlElement) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for node in data if isinstance(data, list) else [data]:
            if isinstance(node, dict) and isinstance(node.get("headline"), str):
                yield html.unescape(node["headline"])


def _title_tag(tree: HtmlElement) -> str:
    title = tree.find(".//title")
    return title.text_content() if title is not None else ""
