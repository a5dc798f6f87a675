"""Feeds are parsed from bytes only, safely; `nutgraf stories` writes one brief per story."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from nutgraf.cli import stories as stories_cli
from nutgraf.engine.errors import InputError
from nutgraf.engine.feeds import parse_feed
from tests.stories.corpus import EVENTS

RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coastal Wire</title>
<item><title>Crane collapse</title><link>https://wire.example/crane</link>
<pubDate>Mon, 10 Mar 2025 11:00:00 GMT</pubDate><description>Short.</description>
<content:encoded><![CDATA[<p>Full body.</p>]]></content:encoded></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Radio</title>
<entry><title>Flood</title><link href="https://radio.example/flood"/>
<updated>2025-11-08T22:00:00Z</updated><summary>Boats pulled 85 people out.</summary></entry>
</feed>"""


def test_rss_items_prefer_full_content_and_iso_dates() -> None:
    (item,) = parse_feed(RSS)
    assert item.title == "Crane collapse"
    assert item.link == "https://wire.example/crane"
    assert item.published == "2025-03-10T11:00:00+00:00"
    assert item.body == "<p>Full body.</p>"
    assert item.feed_title == "Coastal Wire"


def test_atom_entries() -> None:
    (item,) = parse_feed(ATOM)
    assert (item.title, item.link, item.body) == (
        "Flood",
        "https://radio.example/flood",
        "Boats pulled 85 people out.",
    )


@pytest.mark.parametrize(
    "content",
    [
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x">]><rss>&a;</rss>',
        b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><rss/>',
        b"not xml at all",
    ],
)
def test_entities_dtds_and_junk_raise_input_error(content: bytes) -> None:
    with pytest.raises(InputError):
        parse_feed(content)


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    stories_cli.add_commands(parser.add_subparsers())
    args = parser.parse_args(["stories", *argv])
    return int(args.func(args))


def test_stories_command_writes_a_brief_per_story_and_an_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for item in EVENTS["flood"]:
        name = item.location.replace("/", "-") + ".md"
        (folder / name).write_text(
            f"---\ntitle: {item.outlet}\ndate: {item.published}\n---\n\n{item.text}",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    assert _run([str(folder), "-o", str(out)]) == 0
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["stories"]
    first = json.loads((out / index["stories"][0]["file"]).read_text(encoding="utf-8"))
    assert first["nutgraf_story"] == 2
    assert sum(s["articles"] for s in index["stories"]) == len(EVENTS["flood"])


def test_stories_command_reads_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_bytes(
        RSS.replace(b"<p>Full body.</p>", b"<p>" + EVENTS["crane"][0].text.encode() + b"</p>")
    )
    assert _run([str(feed), "-o", str(tmp_path / "o"), "-f", "markdown"]) == 0
    text = (tmp_path / "o" / "story-0001.md").read_text(encoding="utf-8")
    assert "1 article from 1 outlet, 1 independent report" in text


def test_missing_input_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        _run([str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
