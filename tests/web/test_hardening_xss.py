"""Every XSS payload of the shared corpus, embedded in an article that the site ingests (engine and
ingest service), comes out inert on the published story page and its source page.

Payloads go where a hostile page would put them: the title, meta tags, canonical and image URLs,
link targets and paragraphs of the body. Each rendered page is parsed again with lxml and must
hold no script but the site's own, no event-handler attribute and no javascript:/data:/vbscript:
URL, and nothing of the frame/object family.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import lxml.html
import pytest

from nutgraf.engine.errors import NutgrafError
from nutgraf.engine.fetch import HttpFetcher
from nutgraf.web.stories import services
from tests.conftest import bench_dir
from tests.security.conftest import serve

XSS_DIR = bench_dir() / "security" / "xss"
PER_PAGE = 24
SENTENCE = (
    "The harbour council in Port Ellery voted on Monday to fund new flood gates, officials said."
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "background", "srcset")
URL_ATTRIBUTES += ("xlink:href", "codebase", "cite", "longdesc", "dynsrc", "lowsrc", "content")
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math"}
FORBIDDEN_TAGS |= {"svg", "isindex", "xss", "plaintext", "xmp", "listing", "noembed"}
# The site's own forms (search, comments) are allowed; their targets are checked as URLs.
BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript|livescript|mocha):", re.IGNORECASE)


def payloads() -> list[str]:
    found: dict[str, None] = {}
    if XSS_DIR.is_dir():
        for path in sorted(XSS_DIR.glob("*.txt")):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    found[line] = None
    return list(found)


def article_page(group: list[str], n: int) -> str:
    """A news page with each payload of `group` placed raw in one spot (cycling the spots)."""
    head, body = [], [f"<h1>Flood gates for Port Ellery, part {n}</h1>"]
    for i, payload in enumerate(group):
        attr = html.escape(payload, quote=True)
        spot = i % 8
        if spot == 0:
            head.append(f"<title>Flood gates {n} {payload}</title>")
        elif spot == 1:
            head.append(f'<meta name="author" content="{attr}">')
            head.append(f'<meta name="description" content="{attr}">')
        elif spot == 2:
            head.append(f'<link rel="canonical" href="{attr}">')
            head.append(f'<meta property="og:image" content="{attr}">')
            head.append(f'<meta property="og:url" content="{attr}">')
        elif spot == 3:
            body.append(f'<p>{SENTENCE} <a href="{attr}">Read the report</a> in full.</p>')
        elif spot == 4:
            body.append(f'<p>{SENTENCE} <img src="{attr}" alt="{attr}"> The plan costs more.</p>')
        else:
            body.append(f"<p>{SENTENCE} {payload} The vote passed by nine to four.</p>")
        body.append(f"<p>Council member number {i} of group {n} said the gates would be ready.</p>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        + "".join(head)
        + "</head><body><article>"
        + "".join(body)
        + "</article></body></html>"
    )


def inert_problems(page: str) -> list[str]:
    """What in `page` could run: the findings, empty when the page is inert."""
    problems = []
    tree = lxml.html.document_fromstring(page)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element")
        if tag == "script":
            if element.get("type") == "application/ld+json":
                try:
                    json.loads(element.text or "")
                except ValueError:
                    problems.append("JSON-LD that is not JSON (broken out of?)")
            elif not (element.get("src") or "").startswith("/static/"):
                problems.append(f"script {element.get('src')!r}: {(element.text or '')[:60]!r}")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            problems.append("meta refresh")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"<{tag} {name}=...>")
            if name.lower() == "style" and re.search(r"expression|url\(|behavior", value, re.I):
                problems.append(f"<{tag} style={value[:40]!r}>")
            if name.lower() in URL_ATTRIBUTES:
                compact = re.sub(r"[\x00-\x20]", "", value)
                if name.lower() == "content" and tag == "meta" and ":" not in compact[:12]:
                    continue
                if BAD_SCHEME.match(compact):
                    problems.append(f"<{tag} {name}={value[:50]!r}>")
    return problems


ALL = payloads()
GROUPS = [ALL[i : i + PER_PAGE] for i in range(0, len(ALL), PER_PAGE)]


def test_the_corpus_is_there() -> None:
    if not XSS_DIR.is_dir():
        pytest.skip(f"no XSS corpus at {XSS_DIR}")
    assert len(ALL) > 2000


def test_the_checker_catches_what_it_must() -> None:
    assert inert_problems("<p>fine <a href='https://x.example/'>x</a></p>") == []
    for bad in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=' java&#10;script:alert(1)'>x</a>",
        "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
        "<iframe src=//x></iframe>",
        "<svg><animate onbegin=alert(1)>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ):
        assert inert_problems(bad), bad


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_payload_in_an_ingested_article_comes_out_inert(client) -> None:
    if not ALL:
        pytest.skip("no XSS corpus")
    hits: list[tuple[int, str]] = []
    stories = shown = 0
    for n, group in enumerate(GROUPS):
        page = article_page(group, n)
        try:
            story = services.story_ingest_upload(name=f"xss-{n}.html", content=page.encode())
        except NutgrafError:  # a page refused with one sentence is inert too
            continue
        services.story_publish(story=story)
        stories += 1
        for url in (story.get_absolute_url(), story.get_absolute_url() + "source/"):
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            hits += [(n, problem) for problem in inert_problems(body)]
            shown += "alert" in lxml.html.document_fromstring(body).text_content()
        # Taken down again: publishing relates a story to every published one, and the
        # corpus is about rendering, not relating ninety copies of one article.
        services.story_unpublish(story=story)
    kinds = sorted({problem.split("=")[0] for _, problem in hits})
    print(
        f"\nXSS: {len(ALL)} payloads in {len(GROUPS)} articles, {stories} stored, "
        f"{shown} pages showing payload text, hits {len(hits)}"
    )
    print("kinds:", kinds[:20])
    assert stories >= len(GROUPS) * 0.9
    assert shown >= stories // 3  # payloads reached the pages, as text ("alert" is in most)
    assert hits == []


@pytest.mark.django_db(transaction=True)
def test_payloads_in_an_article_fetched_by_url_come_out_inert(client) -> None:
    if not ALL:
        pytest.skip("no XSS corpus")
    page = article_page(GROUPS[0], 0).encode()
    for record in serve("127.0.0.1"):
        record.routes["/article"] = (200, (("Content-Type", "text/html; charset=utf-8"),), page)
        fetcher = HttpFetcher(
            allowed_ports=(record.port,),
            allow_private=lambda host, port, address, own=record.port: port == own,
        )
        story = services.story_ingest_url(url=record.base + "/article", fetcher=fetcher)
        again = services.story_ingest_url(url=record.base + "/article", fetcher=fetcher)
        assert again.pk == story.pk and record.hits == ["/article"]  # idempotent, no refetch
        services.story_publish(story=story)
        response = client.get(story.get_absolute_url())
        assert inert_problems(response.content.decode()) == []
        stored = bytes(story.source.content).decode()
        assert "<script>" not in stored.lower() and "onerror" not in stored.lower()


def test_pages_written_here_hold_their_payloads(tmp_path: Path) -> None:
    group = GROUPS[0] if GROUPS else ["<script>alert(1)</script>"]
    page = article_page(group, 0)
    assert all(p in page or html.escape(p, quote=True) in page for p in group)
