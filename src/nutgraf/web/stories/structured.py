"""schema.org JSON-LD for a story page: NewsArticle, BreadcrumbList, and FAQPage.

FAQPage is built only from the questions the page itself shows, and only when there are some.
`ld_json()` escapes the markup characters so the JSON can sit inside a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from nutgraf.web.stories.models import Story
from nutgraf.web.stories.presentation import StoryPage

LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def ld_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(LD_ESCAPES)


#: The publisher logo (a raster mark, as Google's article guidelines ask) and the picture used
#: for a story without one of its own: static files, sizes in pixels.
LOGO = ("stories/logo.png", 240, 240)
CARD = ("stories/card.png", 1200, 675)


def _newsroom(site_name: str, site_url: str, static_url: str) -> dict[str, Any]:
    path, width, height = LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": site_name,
        "url": site_url,
        "logo": {
            "@type": "ImageObject",
            "url": static_url + path,
            "width": width,
            "height": height,
        },
    }


def _based_on(story: Story, source: dict[str, Any]) -> dict[str, Any]:
    """The original report the brief was composed from, with its own author and outlet."""
    title = story.brief.get("title", "")
    based_on: dict[str, Any] = {"@type": "NewsArticle", "headline": title, "name": title}
    if source["url"]:
        based_on["url"] = source["url"]
    if source["author"]:
        based_on["author"] = [
            {"@type": "Person", "name": name.strip()}
            for name in source["author"].replace(" and ", ",").split(",")
            if name.strip()
        ]
    if source["site_name"]:
        based_on["publisher"] = {"@type": "Organization", "name": source["site_name"]}
    if source["published"]:
        based_on["datePublished"] = source["published"]
    return based_on


def _newsroom_parts(page: StoryPage, url: str, author: dict[str, Any]) -> list[dict[str, Any]]:
    """Items an editor confirmed in words the cited sentences do not support (edits.py): named
    here as the newsroom's, so a machine reading the page knows as a reader does."""
    found: list[tuple[str, str]] = []
    if page.summary_newsroom:
        found.append(("#summary", "summary"))
    found += [(f"#point-{n}", p.text) for n, p in enumerate(page.key_points, 1) if p.newsroom]
    found += [(f"#faq-{n}", q.answer) for n, q in enumerate(page.faq, 1) if q.newsroom]
    return [
        {
            "@type": "WebPageElement",
            "cssSelector": selector,
            "url": url + selector,
            "text": text,
            "author": author,
            "description": "The newsroom's wording: the source sentences it cites do not say "
            "this in these words.",
        }
        for selector, text in found
    ]


def news_article(
    *,
    story: Story,
    page: StoryPage,
    url: str,
    site_name: str,
    site_url: str,
    logo_url: str,
    card_url: str,
    image_url: str = "",
) -> dict[str, Any]:
    """schema.org NewsArticle for a story page. The author is the newsroom that composed the
    page; the report it rests on is `isBasedOn`, with that report's own author and outlet.
    `image_url` is the story's picture as an absolute URL; without one, the site's card
    (`card_url`); `logo_url` is the newsroom's logo (structured.LOGO). No
    key is ever null or empty."""
    newsroom = _newsroom(site_name, site_url, logo_url)
    author = {k: newsroom[k] for k in ("@type", "name", "url")}
    based_on = _based_on(story, page.source)
    _, width, height = CARD
    image: dict[str, Any] | str = image_url or {
        "@type": "ImageObject",
        "url": card_url,
        "width": width,
        "height": height,
    }
    published = story.published_at or story.created_at
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": story.headline[:110],
        "description": story.description or story.summary[:300],
        "image": [image],
        "articleSection": story.category.name,
        "datePublished": published.isoformat() if published else None,
        "dateModified": (story.updated_at or published).isoformat() if published else None,
        "author": [author],
        "publisher": newsroom,
        "isBasedOn": based_on,
        "citation": [based_on],
        "hasPart": _newsroom_parts(page, url, author),
        "inLanguage": page.source["language"] or "en",
        "keywords": ", ".join(t.name for t in story.tags.all()),
        "wordCount": (story.brief.get("stats") or {}).get("words"),
    }
    return {k: v for k, v in data.items() if v not in (None, [], "", {})}


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


def story_ld(*, story: Story, page: StoryPage, base: str) -> SafeString:
    """The story page's JSON-LD <script> elements, with `base` (no trailing slash) as the
    site's URL; `story` is loaded with its brief (selectors.story_for_render)."""
    url = base + story.get_absolute_url()
    items = [
        news_article(
            story=story,
            page=page,
            url=url,
            site_name=settings.SITE_NAME,
            site_url=base + "/",
            # Unhashed static paths, which whitenoise serves too: the URLs stay the same
            # across deployments for the search engines that keep them.
            logo_url=base + settings.STATIC_URL + LOGO[0],
            card_url=base + settings.STATIC_URL + CARD[0],
            image_url=base + story.lead_image_url
            if story.lead_image_url.startswith("/")
            else story.lead_image_url,
        ),
        breadcrumbs(
            items=[
                ("Home", base + "/"),
                (story.category.name, base + story.category.get_absolute_url()),
                (story.headline, url),
            ]
        ),
    ]
    faq = faq_page(page=page, url=url)
    if faq is not None:
        items.append(faq)
    return mark_safe(  # noqa: S308 - ld_json escapes every character that could end the script
        "".join(f'\n<script type="application/ld+json">{ld_json(item)}</script>' for item in items)
    )
