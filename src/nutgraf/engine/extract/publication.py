"""When a page was first published: its metadata first, then its byline, then its URL.

    1. metadata   <meta> publication tags (article:published_time, pubdate, sailthru.date, ...),
                  then JSON-LD `datePublished`, then elements marked `itemprop="datePublished"`
    2. byline     a date in the few lines under the headline ("By Jane Roe, Nov 19, 2019",
                  "Published 11:11 PM EST Nov 19, 2019"); when metadata gave a date, a byline
                  date within a day of it wins: the byline is the page's own local day, while
                  metadata is often in UTC ("2019-11-20T02:59Z" for an evening story in Texas)
    3. URL        /2019/11/18/ or -20191115 in the page's own address

Never from anything else: a date in a script, a comment, a list of other stories, a sidebar, a
site's clock at the top of the page or a "retrieved on" stamp is not the article's. Dates before
1990 (placeholders such as 0001-01-01) or in the future are ignored. Modification dates are
never read. Without any of the above the answer is None: nothing is guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from lxml.html import HtmlElement

EARLIEST = date(1990, 1, 1)
BYLINE_CHARS = 400  # how much text under the headline is its byline
_NEAR_DAYS = 1  # a byline day this close to the metadata's is the same moment, in local time

# Publication tags, most specific first; modification and "created" tags are left out on purpose
# ("dateCreated" is the draft's day on some sites, 0001-01-01 on others).
_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "og:pubdate",
    "pub_date",
    "parsely-pub-date",
    "article_date_original",
    "dcsext.articlefirstpublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "published",
    "published_at",
    "date",
    "pdate",
)
_META_RANK = {key: rank for rank, key in enumerate(_META_KEYS)}
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|NewsArticle|Posting", re.I)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TEXT_DATES = (
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s*" + _YEAR + r"(?!\d)", re.I),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"(?!\d)", re.I),
    re.compile(r"\b" + _YEAR + r"[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)"),
)
_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.-](?P<b>[0-3]?\d)[/.-](?P<y>(?:19|20)?\d\d)\b")
_COMPACT = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)$")
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|-|$)"
    r"|[/-](?P<year2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?:[/.-]|$)"
)
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b[^.]{0,25}$", re.I)
_CLOCK = re.compile(r"\b[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\b|\b)|\b[0-2]\d[0-5]\d\s*GMT\b", re.I)
_BYLINE_LABEL = re.compile(r"\b(?:by|published|posted|first published|created|written)\b", re.I)
_LABEL_REACH = 40
_SPACE = re.compile(r"\s+")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg"})


def find_published(
    tree: HtmlElement, *, headline: HtmlElement | None = None, url: str | None = None
) -> str | None:
    """The page's publication day as "YYYY-MM-DD", or None; see the module docstring."""
    latest = datetime.now(tz=UTC).date() + timedelta(days=1)
    stated = _from_metadata(tree, latest)
    byline = _from_byline(headline, latest) if headline is not None else None
    if stated is not None:
        if byline is not None and byline[1] and abs((byline[0] - stated).days) <= _NEAR_DAYS:
            return byline[0].isoformat()
        return stated.isoformat()
    if byline is not None:
        return byline[0].isoformat()
    found = _from_url(url, latest)
    return found.isoformat() if found else None


def read_date(text: str | None, latest: date | None = None) -> date | None:
    """The first plausible calendar day written in `text` (ISO, "Nov 19, 2019", "19 November
    2019", "11/19/2019"), or None. A numeric date whose day and month could be swapped is read
    only when both readings agree."""
    if not text:
        return None
    latest = latest or datetime.now(tz=UTC).date() + timedelta(days=1)
    value = text.strip()
    iso = _iso(value)
    if iso is not None:
        return iso if EARLIEST <= iso <= latest else None
    compact = _COMPACT.match(value)
    if compact:
        return _plausible(compact["year"], compact["m"], compact["d"], latest)
    for pattern in _TEXT_DATES:
        match = pattern.search(value)
        if match:
            groups = match.groupdict()
            month = (
                str(_MONTHS[groups["month"].lower().rstrip(".")])
                if groups.get("month")
                else groups["m"]
            )
            return _plausible(groups["year"], month, groups.get("day") or groups["d"], latest)
    numeric = _NUMERIC.search(value)
    if numeric:
        first, second = int(numeric["a"]), int(numeric["b"])
        year = numeric["y"] if len(numeric["y"]) == 4 else "20" + numeric["y"]
        if first == second or second > 12:  # month/day (US), unambiguous
            return _plausible(year, str(first), str(second), latest)
        if first > 12:  # day/month
            return _plausible(year, str(second), str(first), latest)
    return None


def _iso(value: str) -> date | None:
    if not re.match(r"^(?:19|20)\d\d-\d\d-\d\d", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _plausible(year: str, month: str, day: str, latest: date) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if EARLIEST <= found <= latest else None


# 1. metadata ----------------------------------------------------------------------------------


def _from_metadata(tree: HtmlElement, latest: date) -> date | None:
    best: tuple[int, date] | None = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        rank = _META_RANK.get(key)
        if rank is None or (best is not None and best[0] <= rank):
            continue
        found = read_date(meta.get("content"), latest)
        if found is not None:
            best = (rank, found)
    if best is not None and best[0] <= _META_RANK["datepublished"]:
        return best[1]
    linked = _from_json_ld(tree, latest)
    if linked is not None:
        return linked
    if best is not None:
        return best[1]
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        found = read_date(element.get("datetime") or element.get("content"), latest)
        if found is not None:
            return found
    return None


def _from_json_ld(tree: HtmlElement, latest: date) -> date | None:
    fallback: date | None = None
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:  # broken JSON-LD is common; its datePublished is still readable
            match = _LD_DATE.search(script.text or "")
            found = read_date(match.group(1), latest) if match else None
            fallback = fallback or found
            continue
        for node in _nodes(data):
            found = read_date(str(node.get("datePublished") or ""), latest)
            if found is None:
                continue
            if _ARTICLE_TYPES.search(str(node.get("@type") or "")):
                return found
            fallback = fallback or found
    return fallback


def _nodes(data: object, depth: int = 0) -> Iterator[dict[str, object]]:
    """Every JSON-LD object with a datePublished, walking @graph and lists a few levels deep."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        if "datePublished" in data:
            yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _nodes(graph, depth + 1)


# 2. byline ------------------------------------------------------------------------------------


def _from_byline(headline: HtmlElement, latest: date) -> tuple[date, bool] | None:
    """The first date in the text that follows the headline element, and whether it reads as a
    byline stamp (a clock time or a "By"/"Published"/"Posted" label beside it) rather than a
    date in a caption. "Updated ..." dates give way to a first-publication date when both are
    there."""
    text = _SPACE.sub(" ", " ".join(_text_after(headline, BYLINE_CHARS)))[:BYLINE_CHARS]
    found: list[tuple[int, bool, bool, date]] = []  # (position, updated, stamped, day)
    for pattern in (*_TEXT_DATES, _NUMERIC):
        for match in pattern.finditer(text):
            day = read_date(match.group(0), latest)
            if day is None:
                continue
            before = text[max(0, match.start() - _LABEL_REACH) : match.start()]
            around = text[max(0, match.start() - _LABEL_REACH) : match.end() + _LABEL_REACH]
            updated = bool(_UPDATED.search(before))
            stamped = bool(_CLOCK.search(around) or _BYLINE_LABEL.search(before))
            found.append((match.start(), updated, stamped, day))
    if not found:
        return None
    found.sort()
    first = [item for item in found if not item[1]] or found
    _, _, stamped, day = first[0]
    return day, stamped


def _text_after(element: HtmlElement, limit: int) -> Iterator[str]:
    """The visible text after `element` in reading order, until about `limit` characters."""
    taken = 0
    if element.tail:
        taken += len(element.tail)
        yield element.tail
    node: HtmlElement | None = element
    while node is not None and taken < limit:
        sibling = node.getnext()
        while sibling is not None and taken < limit:
            for piece in _visible_text(sibling):
                taken += len(piece)
                yield piece
            if sibling.tail:
                taken += len(sibling.tail)
                yield sibling.tail
            sibling = sibling.getnext()
        node = node.getparent()


def _visible_text(element: HtmlElement) -> Iterator[str]:
    """An element's text without scripts, styles or comments (their tag is not a plain name)."""
    if not isinstance(element.tag, str) or element.tag in _INVISIBLE:
        return
    if element.text:
        yield element.text
    for child in element:
        yield from _visible_text(child)
        if child.tail:
            yield child.tail
    if element.tag == "time" and element.get("datetime"):
        # after what it shows: "Nov 19, 7:53pm EST" is the local day, the attribute often UTC
        yield f" {element.get('datetime')} "


# 3. URL ---------------------------------------------------------------------------------------


def _from_url(url: str | None, latest: date) -> date | None:
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    if match["year"]:
        return _plausible(match["year"], match["m"], match["d"], latest)
    return _plausible(match["year2"], match["m2"], match["d2"], latest)
