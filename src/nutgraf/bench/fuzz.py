"""Fuzzing the parsers that take bytes from outside: the sanitiser, the extractor, the feed parser.

Each target is a Hypothesis property over generated input (tag soup built from hostile tokens,
and arbitrary bytes or text); CI runs every target briefly (tests/security/test_fuzz.py) and
`nutgraf bench fuzz` runs them for a time budget, in batches with fresh seeds.

    sanitizer   sanitize_html / sanitize_document never raise, and their output re-parsed holds
                no script, event handler, javascript:/data: URL or frame/object element
    extractor   extract_article on arbitrary bytes, as HTML, text or Markdown, returns an
                Article or raises NutgrafError, nothing else
    feeds       parse_feed on arbitrary bytes and on feed-shaped soup returns items or raises
                NutgrafError, nothing else, and never expands an entity
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from nutgraf.engine.errors import NutgrafError

Progress = Callable[[int, int], None]

HTML_TOKENS = (
    "<script>alert(1)</script>",
    "<script",
    "</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">',
    "<a href='jav&#x09;ascript:alert(1)'>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">',
    "<svg onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=//x>",
    "<object data=x>",
    "<embed src=x>",
    "<style>",
    "</style>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
    "<template>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<base href=javascript:/>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    '<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>',
    "<p>",
    "</p>",
    "<div class=article>",
    "</div>",
    "<html lang=en>",
    "<head>",
    "<body onload=alert(1)>",
    "<title>",
    "</title>",
    "<form action=javascript:alert(1)>",
    "<button formaction=javascript:alert(1)>",
    "&lt;",
    "&#0;",
    "&#x3C;script&#x3E;",
    "\x00",
    '"',
    "'",
    ">",
    "<",
    "`",
    " on",
    "=",
)
FEED_TOKENS = (
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<rss version="2.0">',
    "</rss>",
    "<channel>",
    "</channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<link>http://example.org/a</link>",
    "<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>",
    "<pubDate>",
    "</pubDate>",
    "<description>",
    "</description>",
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    "</feed>",
    "<entry>",
    "</entry>",
    '<link rel="alternate" href="http://example.org/b"/>',
    "<updated>2003-12-13T18:30:02Z</updated>",
    "<content type='html'>",
    "</content>",
    '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    "</content:encoded>",
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/x.dtd">',
    '<!ENTITY x SYSTEM "file:///etc/passwd">',
    "&a;",
    "&b;",
    "&x;",
    "&amp;",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php ?>",
    "\x00",
    "\ufeff",
)
_BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.IGNORECASE)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "srcset", "poster"})
_FORBIDDEN = frozenset({"script", "iframe", "object", "embed", "frame", "base", "svg", "math"})
_FORBIDDEN_IN_FRAGMENTS = _FORBIDDEN | {"style", "meta", "link", "form", "template"}


def soup(tokens: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Strings built from hostile tokens mixed with arbitrary text."""
    piece = st.one_of(st.sampled_from(tokens), st.text(max_size=12))
    return st.lists(piece, max_size=40).map("".join)


def unsafe_parts(markup: str, *, fragment: bool) -> list[str]:
    """What in `markup`, parsed as a browser would, could run script: empty when inert."""
    if not markup.strip():
        return []
    forbidden = _FORBIDDEN_IN_FRAGMENTS if fragment else _FORBIDDEN
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return []  # nothing an HTML parser builds a tree from
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        is_ld = tag == "script" and element.get("type") == "application/ld+json"
        if tag in forbidden and not (is_ld and not fragment):
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"<{tag} {name}>")
            compact = re.sub(r"[\x00-\x20]", "", value)
            if name.lower() in _URL_ATTRIBUTES and _BAD_SCHEME.match(compact):
                found.append(f"<{tag} {name}={value[:40]!r}>")
    return found


# The targets: one function each, the property Hypothesis checks -------------------------------


def check_sanitizer(markup: str) -> None:
    from nutgraf.engine.sanitizer import sanitize_document, sanitize_html

    fragment = sanitize_html(markup)
    assert unsafe_parts(fragment, fragment=True) == [], (markup, fragment)
    document = sanitize_document(markup)
    assert unsafe_parts(document, fragment=False) == [], (markup, document)


def check_extractor(content: bytes, media_type: str) -> None:
    from nutgraf.engine.extract import extract_article
    from nutgraf.engine.records import Source

    with contextlib.suppress(NutgrafError):  # the one kind of refusal the contract allows
        extract_article(Source(location="fuzz", content=content, media_type=media_type))


def check_feed(content: bytes) -> None:
    from nutgraf.engine.feeds import parse_feed

    try:
        items = parse_feed(content)
    except NutgrafError:
        return
    text = repr(items)
    assert "aaaaaaaaaaaaaaaaaaaa" not in text or b"aaaaaaaaaaaaaaaaaaaa" in content, "expansion"
    assert "root:x:0:0" not in text


MEDIA_TYPES = st.sampled_from(("text/html", "text/plain", "text/markdown"))

TARGETS: dict[str, tuple[Callable[..., None], tuple[st.SearchStrategy[Any], ...]]] = {
    "sanitizer": (check_sanitizer, (st.one_of(soup(HTML_TOKENS), st.text(max_size=200)),)),
    "extractor": (
        check_extractor,
        (
            st.one_of(st.binary(max_size=2000), soup(HTML_TOKENS).map(lambda s: s.encode("utf-8"))),
            MEDIA_TYPES,
        ),
    ),
    "feeds": (
        check_feed,
        (st.one_of(st.binary(max_size=1000), soup(FEED_TOKENS).map(lambda s: s.encode("utf-8"))),),
    ),
}


def fuzz_once(name: str, *, examples: int, derandomize: bool = False) -> int:
    """Run target `name` for `examples` generated inputs; returns how many ran.

    Raises what the property raised (after Hypothesis shrank it) when an input breaks it.
    """
    check, strategies = TARGETS[name]
    ran = [0]

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=derandomize,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(st.tuples(*strategies))
    def run(values: tuple[Any, ...]) -> None:
        ran[0] += 1
        check(*values)

    run()
    return ran[0]


@dataclass
class _Tally:
    examples: int = 0
    batches: int = 0
    failure: str | None = None


def run_fuzz_bench(*, seconds: float = 60, progress: Progress | None = None) -> dict[str, Any]:
    """Fuzz every target for an equal share of `seconds`; see format_fuzz_report for the keys."""
    share = seconds / len(TARGETS)
    tallies = {name: _Tally() for name in TARGETS}
    started = time.monotonic()
    for index, name in enumerate(TARGETS):
        tally = tallies[name]
        end = time.monotonic() + share
        while time.monotonic() < end and tally.failure is None:
            try:
                tally.examples += fuzz_once(name, examples=200)
            except HypothesisException:
                raise  # the harness itself is wrong: not a finding
            except Exception as error:  # noqa: BLE001 - a finding to report, not to crash on
                tally.failure = f"{type(error).__name__}: {str(error)[:500]}"
            tally.batches += 1
        if progress is not None:
            progress(index + 1, len(TARGETS))
    return {
        "seconds": round(time.monotonic() - started, 1),
        "targets": {
            name: {"examples": t.examples, "batches": t.batches, "failure": t.failure}
            for name, t in tallies.items()
        },
        "examples": sum(t.examples for t in tallies.values()),
        "failures": sum(1 for t in tallies.values() if t.failure),
    }


def format_fuzz_report(figures: dict[str, Any]) -> str:
    lines = [
        f"Fuzzing for {figures['seconds']} s: {figures['examples']} inputs, "
        f"{figures['failures']} targets failing",
        f"  {'target':<12} {'inputs':>9} {'batches':>8}  finding",
    ]
    for name, target in figures["targets"].items():
        finding = target["failure"] or "none"
        lines.append(f"  {name:<12} {target['examples']:>9} {target['batches']:>8}  {finding}")
    return "\n".join(lines)
