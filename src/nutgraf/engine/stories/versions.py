"""Versions: one outlet's article met more than once, under another address or in a later state.

An outlet publishes one article as several pages (the canonical page, its AMP, mobile and
print forms, a copy on a second host of its site) and revises it in place as the news moves.
Each is the same report: the story keeps one article, its newest text, and lists the others as
its versions, never as separate reports.

Two pages are versions of one article when they come from the same outlet (the registrable
domain of their host: `amp.example.com`, `m.example.com` and `img1-cdn.example.com` are all
`example.com`) and either

    1. their addresses are the same once the page form is taken out (`/amp/`, `?amp=1`,
       `/print/`, `.amp`, `?outputType=amp`, tracking parameters), or
    2. most of one page's word shingles are in the other (MinHash containment at least
       REVISED): the outlet's later revision of the article, moved to a new address.

Another outlet's copy is not a version: it is a rewrite or copy, and lineage says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from nutgraf.engine.stories.signatures import Signature, containment

#: Share of one page's shingles found in another page of the same outlet that makes the two
#: one article (a revision). An outlet's two different articles on one event share a
#: background paragraph or two, well under half their text.
REVISED = 0.6

#: Second-level labels under which registries sell names (`bbc.co.uk`, `news.com.au`): the
#: registrable domain takes one label more. A short list rather than the Public Suffix List:
#: a miss only makes two hosts of one outlet look like two outlets, which is the safe side.
SECOND_LEVEL = frozenset("co com net org gov edu ac or ne go gob gv nic mil ltd plc sch".split())

#: Hosting platforms whose sub-domains are separate outlets (`someone.substack.com`).
PLATFORMS = frozenset(
    """blogspot.com wordpress.com substack.com medium.com tumblr.com github.io weebly.com
    wixsite.com livejournal.com typepad.com ghost.io beehiiv.com netlify.app vercel.app
    pages.dev herokuapp.com appspot.com arcpublishing.com go.com""".split()
)

#: Path segments and suffixes that name a page's form, not the article.
FORM_SEGMENTS = frozenset({"amp", "amphtml", "print", "mobile", "m", "lite", "outputtype=amp"})
FORM_SUFFIXES = (".amp", ".amp.html", "/amp.html", "/print.html")
#: Query parameters that never identify an article: page forms and tracking.
DROPPED_PARAMETERS = frozenset(
    """amp noamp outputtype output format view print mobile origin ref referrer source src cmp
    cmpid ocid share fbclid gclid mc_cid mc_eid partner via rss feed from utm""".split()
)


def outlet_domain(url: str | None) -> str | None:
    """The registrable domain of `url`'s host ("news.example.co.uk" -> "example.co.uk")."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return None
    labels = host.split(".")
    if all(label.isdigit() for label in labels):
        return host  # an IP address is its own outlet
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    if ".".join(labels[-keep:]) in PLATFORMS:
        keep += 1
    return ".".join(labels[-keep:])


def article_address(url: str | None) -> str | None:
    """`url` without its page form: the outlet, the article's path, its identifying query."""
    domain = outlet_domain(url)
    if domain is None or url is None:
        return None
    parts = urlsplit(url)
    path = parts.path.lower()
    for suffix in FORM_SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    segments = [s for s in path.split("/") if s and s not in FORM_SEGMENTS]
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in DROPPED_PARAMETERS and not key.lower().startswith("utm_")
    ]
    tail = f"?{urlencode(sorted(query))}" if query else ""
    return f"{domain}/{'/'.join(segments)}{tail}"


def group_versions(
    urls: Sequence[str | None], signatures: Sequence[Signature | None]
) -> list[list[int]]:
    """Positions grouped into articles, each group in input order; input order is kept.

    Pages of one outlet with the same article address, or whose shingles mostly agree, form
    one group; a page without a URL is always its own article.
    """
    parent = list(range(len(urls)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_address: dict[str, int] = {}
    by_outlet: dict[str, list[int]] = {}
    for i, url in enumerate(urls):
        address = article_address(url)
        domain = outlet_domain(url)
        if address is None or domain is None:
            continue
        if address in by_address:
            parent[root(i)] = root(by_address[address])
        else:
            by_address[address] = i
        for j in by_outlet.setdefault(domain, []):
            if root(i) != root(j) and _revised(signatures[i], signatures[j]):
                parent[root(i)] = root(j)
        by_outlet[domain].append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(urls)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda group: group[0])


def _revised(a: Signature | None, b: Signature | None) -> bool:
    if a is None or b is None or not a.shingles or not b.shingles:
        return False
    return max(containment(a, b), containment(b, a)) >= REVISED
