"""schema.org JSON-LD for a story page: NewsArticle, BreadcrumbList, and FAQPage.

FAQPage is built only from the questions the page itself shows, and only when there are some.
`ld_json()` escapes the markup characters so the JSON can sit inside a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from nutgraf.web.stories.models import Story
from nutgraf.web.stories.presentation import StoryPage

LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def ld_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(LD_ESCAPES)


def news_article(
    *, story: Story, page: StoryPage, url: str, site_name: str, site_url: str
) -> dict[str, Any]:
    source = page.source
    author: dict[str, Any]
    if story.byline:
        author = {"@type": "Person", "name": story.byline}
    else:
        author = {"@type": "Organization", "name": site_name, "url": site_url}
    based_on: dict[str, Any] = {"@type": "NewsArticle", "name": story.brief.get("title", "")}
    if source["url"]:
        based_on["url"] = source["url"]
    if source["site_name"]:
        based_on["publisher"] = {"@type": "Organization", "name": source["site_name"]}
    if source["published"]:
        based_on["datePublished"] = source["published"]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": story.headline[:110],
        "description": story.description or story.summary[:300],
        "articleSection": story.category.name,
        "datePublished": story.published_at.isoformat() if story.published_at else None,
        "dateModified": (story.updated_at or story.published_at).isoformat()
        if story.published_at
        else None,
        "author": [author],
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url},
        "isBasedOn": based_on,
        "citation": [based_on],
        "inLanguage": source["language"] or "en",
        "keywords": [t.name for t in story.tags.all()],
        "wordCount": (story.brief.get("stats") or {}).get("words"),
    }
    if story.image_url:
        data["image"] = [story.image_url]
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def faq_page(*, page: StoryPage, url: str) -> dict[str, Any] | None:
    if not page.faq:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in page.faq
        ],
    }


def breadcrumbs(*, items: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }
