"""Feeds and sitemaps are well-formed XML with the elements their formats require."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from defusedxml import ElementTree

from nutgraf.web.stories import services

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def test_rss(client, published):
    root = ElementTree.fromstring(client.get("/feeds/rss.xml").content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name).text
    items = channel.findall("item")
    assert len(items) == len(published)
    for item in items:
        assert item.find("title").text
        assert item.find("link").text.startswith("http://testserver/stories/")
        guid = item.find("guid")
        assert guid.text == item.find("link").text and guid.get("isPermaLink") == "true"
        assert parsedate_to_datetime(item.find("pubDate").text).tzinfo is not None
        assert "<h2>Key Points</h2>" in item.find(f"{CONTENT}encoded").text
        assert item.find("description").text


def test_atom(client, published):
    root = ElementTree.fromstring(client.get("/feeds/atom.xml").content)
    assert root.tag == f"{ATOM}feed"
    for name in ("title", "id", "updated"):
        assert root.find(f"{ATOM}{name}").text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(published)
    for entry in entries:
        for name in ("title", "id", "updated", "published", "summary", "content"):
            assert entry.find(f"{ATOM}{name}") is not None, name


def test_category_feed_holds_only_its_stories(client, published):
    story = published[0]
    url = f"/category/{story.category.slug}/rss.xml"
    items = ElementTree.fromstring(client.get(url).content).find("channel").findall("item")
    assert {i.find("title").text for i in items} == {
        s.headline for s in published if s.category_id == story.category_id
    }


def test_sitemap(client, published):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == f"{SITEMAP}urlset"
    locations = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    for story in published:
        assert f"http://testserver{story.get_absolute_url()}" in locations
    assert "http://testserver/about/" in locations


def test_news_sitemap(client, published):
    root = ElementTree.fromstring(client.get("/news-sitemap.xml").content)
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == len(published)
    for url in urls:
        news = url.find(f"{NEWS}news")
        assert news.find(f"{NEWS}publication/{NEWS}name").text
        assert news.find(f"{NEWS}publication/{NEWS}language").text == "en"
        assert "T" in news.find(f"{NEWS}publication_date").text
        assert news.find(f"{NEWS}title").text


def test_news_sitemap_leaves_out_older_stories(client, make_story, sample_inputs):
    make_story(sample_inputs[0], hours_ago=72)
    root = ElementTree.fromstring(client.get("/news-sitemap.xml").content)
    assert root.findall(f"{SITEMAP}url") == []


def test_robots(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /desk/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text


def test_feed_autodiscovery(client, published):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_feeds_pass_the_validity_checks(client, published):
    """Atom by RFC 4287's RELAX NG schema and its prose rules, RSS 2.0 by the spec as
    feedvalidator applies it (tests/web/feedcheck/rules.py), for the site and a category."""
    from tests.web.feedcheck.rules import atom_problems, rss_problems

    category = published[0].category.slug
    for path in ("/feeds/atom.xml", f"/category/{category}/atom.xml"):
        assert atom_problems(client.get(path).content) == [], path
    for path in ("/feeds/rss.xml", f"/category/{category}/rss.xml"):
        assert rss_problems(client.get(path).content) == [], path


def test_feed_entries_and_items_name_their_author(client, published):
    atom = ElementTree.fromstring(client.get("/feeds/atom.xml").content)
    assert atom.find(f"{ATOM}author/{ATOM}name").text == "nutgraf"
    for entry in atom.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "nutgraf"
    rss = ElementTree.fromstring(client.get("/feeds/rss.xml").content)
    for item in rss.find("channel").findall("item"):
        assert item.find("{http://purl.org/dc/elements/1.1/}creator").text == "nutgraf"


def test_the_feed_checks_can_fail(client, published):
    from tests.web.feedcheck.rules import atom_problems, rss_problems

    atom = client.get("/feeds/atom.xml").content.decode()
    no_authors = atom.replace("<author><name>nutgraf</name>", "<author-gone><name>x</name>")
    no_authors = no_authors.replace("</author>", "</author-gone>")
    assert any("has no author" in p for p in atom_problems(no_authors.encode()))
    bad_date = atom.replace("<updated>", "<updated>yesterday ", 1)
    assert any(p.startswith("schema:") for p in atom_problems(bad_date.encode()))
    rss = client.get("/feeds/rss.xml").content.decode()
    import re

    no_creator = re.sub(r"<dc:creator[^>]*>[^<]*</dc:creator>", "", rss)
    assert any("names no author" in p for p in rss_problems(no_creator.encode()))
    email_less = re.sub(r"<dc:creator[^>]*>", "<author>", rss, count=1)
    email_less = email_less.replace("</dc:creator>", "</author>", 1)
    assert any("not an email address" in p for p in rss_problems(email_less.encode()))


def test_a_feed_item_shows_the_key_points_as_edited(client, published, editor):
    story = next(s for s in published if len(s.brief["key_points"]) >= 2)
    dropped = story.brief["key_points"][-1]["text"]

    def content() -> str:
        items = ElementTree.fromstring(client.get("/feeds/rss.xml").content).iter("item")
        item = next(i for i in items if i.find("link").text.endswith(story.get_absolute_url()))
        return item.find(f"{CONTENT}encoded").text

    assert dropped in content()  # and now kept
    services.story_update(
        story=story,
        editor=editor,
        headline=story.headline,
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"][:-1]],
        faq=[(f["question"], f["answer"]) for f in story.brief["faq"]],
    )
    assert dropped not in content()
