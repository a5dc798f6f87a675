"""Reader-facing pages. Thin: each view asks selectors for data and renders a template."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from nutgraf.web.stories import presentation, selectors, structured
from nutgraf.web.stories.caching import PAGES, generation_time
from nutgraf.web.stories.caching import canonical_site as site_url
from nutgraf.web.stories.models import Story
from nutgraf.web.stories.presentation import StoryPage

PER_PAGE = 20


def _page(request: HttpRequest, items: Any) -> Page:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


# Parts every reader shares are lazy: templates read them only inside a {% cache %} fragment
# that missed (stories/caching.py).


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "stories/home.html",
        {"home": SimpleLazyObject(_home_main), "canonical": site_url(request) + "/"},
    )


def _home_main() -> dict[str, Any]:
    home = selectors.home_page(latest=7)
    # Beside the lead, as many headlines as its height holds: three with its picture, two
    # without (more would leave a blank area under it); the rest run in a row below.
    beside = 3 if home.lead is not None and home.lead.thumbnail_url else 2
    return {
        "lead": home.lead,
        "beside": home.latest[:beside],
        "more": home.latest[beside:],
        "blocks": home.blocks,
    }


@dataclass(frozen=True, slots=True)
class Article:
    """What a story's cached fragments show: the story with its brief, tags and mentions,
    the page plan, and the JSON-LD."""

    story: Story
    page: StoryPage
    ld: SafeString


def _article(*, story_id: int, base: str) -> Article:
    story = selectors.story_for_render(story_id=story_id)
    page = presentation.story_page(story=story)
    return Article(
        story=story, page=page, ld=structured.story_ld(story=story, page=page, base=base)
    )


def _story_for_page(request: HttpRequest, slug: str) -> Story | None:
    """The page's story row (selectors.story_get_for_reader), kept under the content
    generation: building and compiling its query cost more than the rest of the view."""
    generation = getattr(request, "content_generation", None)
    key = f"story:{generation}:{slug}"
    story: Story | None = caches[PAGES].get(key) if generation else None
    if story is None:
        story = selectors.story_get_for_reader(slug=slug, include_unpublished=True)
        if story is not None and generation:
            caches[PAGES].set(key, story, 3600)
    return story


@require_safe
def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    story = _story_for_page(request, slug)
    # Visible is checked now, not when the row was kept: a scheduled story's time may pass.
    preview = story is not None and not story.is_visible
    if preview and not request.user.is_staff:
        story = None
    if story is None:
        raise Http404("No story by that name.")
    base = site_url(request)
    response = render(
        request,
        "stories/story.html",
        {
            "story": story,
            "article": SimpleLazyObject(lambda: _article(story_id=story.id, base=base)),
            "related": SimpleLazyObject(lambda: selectors.story_related(story_id=story.id)),
            "base": base,
            "canonical": base + story.get_absolute_url(),
            "preview": preview,
            "og_type": "article",
        },
    )
    if preview:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    else:
        # The later of the story's own change and the site's last (an approved comment).
        generation = getattr(request, "content_generation", None)
        changed = [story.modified_at] + ([generation_time(generation)] if generation else [])
        response["Last-Modified"] = http_date(max(changed).timestamp())
    return response


@require_safe
def story_source(request: HttpRequest, slug: str) -> HttpResponse:
    story = selectors.story_get_source(slug=slug)
    if story is None and request.user.is_staff:
        story = selectors.story_get_source(slug=slug, include_unpublished=True)
    if story is None:
        raise Http404("No story by that name.")
    highlight = [int(s) for s in request.GET.getlist("s") if s.isdigit()]
    return render(
        request,
        "stories/source.html",
        {
            "story": story,
            "paragraphs": presentation.source_paragraphs(brief=story.brief, highlight=highlight),
            "source": presentation.briefs.source_info(story.brief),
            "canonical": site_url(request) + reverse("stories:source", kwargs={"slug": slug}),
            "robots": "noindex, follow",
        },
    )


@require_safe
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(slug=slug)
    if category is None:
        raise Http404("No such section.")
    page = _page(request, selectors.category_stories(category=category))
    return render(
        request,
        "stories/category.html",
        {
            "category": category,
            "page_obj": page,
            "canonical": site_url(request) + category.get_absolute_url(),
        },
    )


@require_safe
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.tag_get(slug=slug)
    if tag is None:
        raise Http404("No such tag.")
    page = _page(request, selectors.tag_stories(tag_id=tag.id))
    return render(
        request,
        "stories/tag.html",
        {"tag": tag, "page_obj": page, "canonical": site_url(request) + tag.get_absolute_url()},
    )


@require_safe
def entity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entity = selectors.entity_get(slug=slug)
    if entity is None:
        raise Http404("No such person, organisation or place.")
    page = _page(request, selectors.entity_mentions(entity=entity))
    return render(
        request,
        "stories/entity.html",
        {
            "entity": entity,
            "page_obj": page,
            "canonical": site_url(request) + entity.get_absolute_url(),
        },
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:200]
    results = selectors.story_search(text=text) if text else []
    return render(
        request,
        "stories/search.html",
        {"query": text, "results": results, "robots": "noindex, follow"},
    )


@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.story_list_visible())
    return render(
        request,
        "stories/archive.html",
        {
            "page_obj": page,
            "months": selectors.archive_months(),
            "canonical": site_url(request) + reverse("stories:archive"),
        },
    )


@require_safe
def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    # <int:...> takes any digits; dates exist only for years 1 to 9999 (a larger one was a 500).
    if not (1 <= month <= 12 and datetime.MINYEAR <= year <= datetime.MAXYEAR):
        raise Http404("No such month.")
    page = _page(request, selectors.archive_stories(year=year, month=month))
    if not page.object_list and page.number == 1:
        raise Http404("Nothing was published that month.")
    return render(
        request,
        "stories/archive.html",
        {
            "page_obj": page,
            "months": selectors.archive_months(),
            "year": year,
            "month": month,
            "month_first": page.object_list[0].published_at,
            "canonical": site_url(request)
            + reverse("stories:archive_month", kwargs={"year": year, "month": month}),
        },
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "stories/about.html",
        {"canonical": site_url(request) + reverse("stories:about")},
    )
