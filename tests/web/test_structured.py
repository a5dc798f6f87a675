"""JSON-LD parses and carries NewsArticle's fields; FAQPage only when the page shows a FAQ."""

from __future__ import annotations

import json
import re
from datetime import datetime

from nutgraf.web.stories import services

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in LD.findall(html)]


def by_type(items: list[dict], kind: str) -> list[dict]:
    return [item for item in items if item.get("@type") == kind]


def test_news_article_fields(client, published):
    story = published[0]
    items = json_ld(client.get(story.get_absolute_url()).content.decode())
    (article,) = by_type(items, "NewsArticle")
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == story.headline
    for key in ("datePublished", "dateModified"):
        parsed = datetime.fromisoformat(article[key])
        assert parsed.tzinfo is not None, f"{key} needs a time zone"
    assert article["author"][0]["name"] == story.byline
    assert article["publisher"]["@type"] == "Organization"
    assert article["description"]
    assert article["isBasedOn"]["name"] == story.brief["title"]
    assert article["citation"]
    assert article["mainEntityOfPage"]["@id"].endswith(story.get_absolute_url())
    assert "image" not in article  # the samples have none
    assert by_type(items, "BreadcrumbList")


def test_image_when_there_is_one(client, published, editor):
    story = published[0]
    story.image_url = "https://images.example.org/tram.jpg"
    story.save()
    (article,) = by_type(
        json_ld(client.get(story.get_absolute_url()).content.decode()), "NewsArticle"
    )
    assert article["image"] == ["https://images.example.org/tram.jpg"]


def test_faq_page_only_with_a_faq_on_the_page(client, published, editor):
    story = published[0]
    assert story.brief["faq"], "the sample should have a FAQ"
    html = client.get(story.get_absolute_url()).content.decode()
    (faq,) = by_type(json_ld(html), "FAQPage")
    questions = [q["name"] for q in faq["mainEntity"]]
    assert questions == [f["question"] for f in story.brief["faq"]]
    for question in faq["mainEntity"]:
        assert question["acceptedAnswer"]["text"]

    services.story_update(
        story=story,
        editor=editor,
        headline=story.headline,
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"]],
        faq=[],
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Frequently Asked Questions" not in html
    assert not by_type(json_ld(html), "FAQPage")


def test_meta_tags(client, published):
    story = published[0]
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{story.headline}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert 'type="application/rss+xml"' in html
