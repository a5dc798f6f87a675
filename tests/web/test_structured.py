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


def _nulls(value, path="$"):
    """Paths of every null, empty string or empty list inside `value`."""
    if value is None or value == "" or value == [] or value == {}:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nulls(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in _nulls(v, f"{path}[{n}]")]
    return []


def _url(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def news_article_problems(article: dict) -> list[str]:
    """A schema.org shape check of NewsArticle, by Google's article guidelines: headline,
    image, datePublished, dateModified, author, publisher with a logo; no empty values."""
    problems = [f"empty value at {p}" for p in _nulls(article)]
    if article.get("@context") != "https://schema.org" or article.get("@type") != "NewsArticle":
        problems.append("not a schema.org NewsArticle")
    headline = article.get("headline")
    if not isinstance(headline, str) or not 0 < len(headline) <= 110:
        problems.append("headline missing or longer than 110 characters")
    images = article.get("image")
    if not isinstance(images, list) or not images:
        problems.append("no image")
    for image in images or ():
        url = image.get("url") if isinstance(image, dict) else image
        if not _url(url):
            problems.append(f"image is not an absolute URL: {image!r}")
        if isinstance(image, dict) and image.get("@type") != "ImageObject":
            problems.append("image object is not an ImageObject")
    for key in ("datePublished", "dateModified"):
        try:
            if datetime.fromisoformat(article[key]).tzinfo is None:
                problems.append(f"{key} has no time zone")
        except (KeyError, TypeError, ValueError):
            problems.append(f"{key} missing or not ISO 8601")
    authors = article.get("author")
    if not isinstance(authors, list) or not authors:
        problems.append("no author")
    for author in authors or ():
        if author.get("@type") not in ("Person", "Organization", "NewsMediaOrganization"):
            problems.append(f"author of type {author.get('@type')!r}")
        if not author.get("name"):
            problems.append("author without a name")
    publisher = article.get("publisher") or {}
    if publisher.get("@type") not in ("Organization", "NewsMediaOrganization"):
        problems.append("publisher is not an Organization")
    logo = publisher.get("logo") or {}
    if logo.get("@type") != "ImageObject" or not _url(logo.get("url")):
        problems.append("publisher has no logo ImageObject with an absolute URL")
    return problems


def test_the_shape_check_can_fail():
    assert news_article_problems({"@type": "NewsArticle", "image": None}) != []
    good = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "A",
        "image": ["https://x.org/a.png"],
        "datePublished": "2025-01-01T00:00:00+00:00",
        "dateModified": "2025-01-01T00:00:00+00:00",
        "author": [{"@type": "Organization", "name": "N"}],
        "publisher": {
            "@type": "Organization",
            "name": "N",
            "logo": {"@type": "ImageObject", "url": "https://x.org/l.png"},
        },
    }
    assert news_article_problems(good) == []
    assert news_article_problems({**good, "keywords": None}) == ["empty value at $.keywords"]


def test_news_article_fields(client, published):
    story = published[0]
    html = client.get(story.get_absolute_url()).content.decode()
    assert '"image":null' not in html and '"keywords":null' not in html
    items = json_ld(html)
    (article,) = by_type(items, "NewsArticle")
    assert news_article_problems(article) == []
    assert article["headline"] == story.headline
    # The page is the newsroom's: it is the author; the report it rests on keeps its own.
    assert article["author"][0]["name"] == "nutgraf"
    assert article["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    based_on = article["isBasedOn"]
    assert based_on["name"] == story.brief["title"]
    assert based_on["author"][0] == {"@type": "Person", "name": story.byline}
    assert article["description"]
    assert article["citation"]
    assert article["mainEntityOfPage"]["@id"].endswith(story.get_absolute_url())
    assert article["image"][0]["url"].endswith(".png")  # the samples have none: the site's card
    assert "hasPart" not in article  # nothing in the newsroom's own words
    assert by_type(items, "BreadcrumbList")


def test_every_sample_passes_the_shape_check(client, published):
    for story in published:
        html = client.get(story.get_absolute_url()).content.decode()
        (article,) = by_type(json_ld(html), "NewsArticle")
        assert news_article_problems(article) == [], story.slug


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
