"""Every payload in the shared XSS lists, posted as a comment and approved, comes out inert.

Payloads: $NUTGRAF_BENCH_DIR/security/xss/*.txt, else ../shared/bench beside the checkout;
skipped, saying so, when neither exists. Each line is posted through the real form (as the
comment, and its first 80 characters as the name), an editor approves them all, and every page
of the story's comments and the comments feed are parsed again with lxml: no <script> or other
active element that was not on the page before, no on* attribute, no javascript:/data:/vbscript:
URL, and each comment's visible text is exactly the payload, shown as text.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from nutgraf.web.comments import selectors, services
from nutgraf.web.comments.models import Comment
from nutgraf.web.comments.text import clean_text

from .conftest import post
from .live import ROOT

BENCH = Path(os.environ.get("NUTGRAF_BENCH_DIR") or ROOT.parent / "shared" / "bench")
XSS = BENCH / "security" / "xss"
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcset", "codebase", "cite", "longdesc", "lowsrc", "dynsrc", "ping",
}  # fmt: skip
ACTIVE = {"script", "iframe", "frame", "object", "embed", "applet", "base", "meta", "svg", "math"}
# The tags of a comment's own markup; the last five are the report form's.
COMMENT_TAGS = {"li", "article", "header", "span", "a", "time", "p", "div", "br", "footer",
                "form", "input", "button", "ol",
                "details", "summary", "fieldset", "legend", "label"}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript|livescript):", re.IGNORECASE)


def payloads() -> list[str]:
    lines: list[str] = []
    for path in sorted(XSS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip() and line not in lines:
                lines.append(line)
    return lines


def squash(text: str) -> str:
    return " ".join(text.split())


def dangers(doc: etree._Element) -> list[str]:
    """Every script, active element, event handler and script-bearing URL in a parsed page."""
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in ACTIVE:
            found.append(f"<{tag} {dict(element.attrib)}>")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            cleaned = re.sub(r"[\x00-\x20]+", "", value)
            if (name in URL_ATTRIBUTES or name == "style") and BAD_SCHEME.match(cleaned):
                found.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and re.search(r"expression\(|url\(", value, re.IGNORECASE):
                found.append(f"<{tag} style={value[:40]}>")
    return found


@pytest.mark.slow
@pytest.mark.skipif(not XSS.is_dir(), reason=f"no XSS payloads at {XSS} (set NUTGRAF_BENCH_DIR)")
def test_every_xss_payload_is_inert_in_the_page_and_feed(client, story, capsys):
    baseline = lxml_html.fromstring(client.get(story.get_absolute_url()).content)
    before = sorted(dangers(baseline))  # the page's own JSON-LD and script file
    lines = payloads()
    refused = 0
    for line in lines:
        response = post(client, story, comment=line, name=line[:80])
        refused += response.status_code != 303
    assert refused == 0
    stored = Comment.objects.filter(story=story)
    assert stored.count() == len(lines)
    services.comment_approve(comments=stored)
    expected = {c.id: squash(c.text) for c in stored}

    seen: dict[int, str] = {}
    problems: list[str] = []
    pages = math.ceil(len(lines) / selectors.THREADS_PER_PAGE)
    for number in range(1, pages + 1):
        doc = lxml_html.fromstring(client.get(f"{story.get_absolute_url()}?cpage={number}").content)
        found = sorted(dangers(doc))
        if found != before:
            problems.append(f"page {number}: {sorted(set(found) - set(before))[:5]}")
        (section,) = doc.xpath("//section[@id='comments']")
        for item in section.xpath(".//li[starts-with(@id, 'comment-')]"):
            for element in item.iter():
                if isinstance(element.tag, str) and element.tag not in COMMENT_TAGS:
                    problems.append(f"comment {item.get('id')}: <{element.tag}>")
            (text,) = item.xpath(".//div[@class='comment-text']")
            seen[int(item.get("id").split("-")[1])] = squash(text.text_content())
    assert problems == []
    assert seen.keys() == expected.keys()  # every comment shown
    mismatched = [i for i in expected if seen[i] != expected[i]]
    assert mismatched == []  # each shown as the text it was: escaped, not interpreted

    feed = etree.fromstring(client.get(f"{story.get_absolute_url()}comments/rss.xml").content)
    descriptions = feed.xpath("//item/description/text()")
    assert len(descriptions) == 50
    for description in descriptions:
        fragment = lxml_html.fragment_fromstring(description, create_parent="div")
        assert dangers(fragment) == []
        assert {e.tag for e in fragment.iter()} <= {"div", "p", "br", "a"}
    names = [clean_text(line[:80], multiline=False) for line in lines]
    with capsys.disabled():
        print(
            f"\nxss: {len(lines)} payloads from {len(list(XSS.glob('*.txt')))} files posted as "
            f"comments (and names), {pages} comment pages + feed re-parsed: "
            f"{len(problems)} scripts/handlers/URLs from payloads, {len(mismatched)} altered; "
            f"{sum(bool(n) for n in names)} names"
        )
