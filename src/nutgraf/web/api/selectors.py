"""The API's reads: published content only, each a fixed number of queries.

Built on the site's own selectors (stories.selectors) so the API and the pages agree on what a
reader may see: a story is visible when published and its publication time has come; an article
or an entity is visible through a visible story, and otherwise does not exist for the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from nutgraf.web.stories import search
from nutgraf.web.stories import selectors as story_selectors
from nutgraf.web.stories.models import Entity, SourceDocument, Story, StoryEntity, visible_q

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class EntityList(TypedDict):
    entity_list: list[StoryEntity]  # Prefetch("entity_links", ..., to_attr=...)


@dataclass(frozen=True, slots=True)
class StoryFilters:
    category: str | None = None  # category slug
    entity: int | None = None  # entity id
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before

    def apply(self, stories: QuerySet[Story]) -> QuerySet[Story]:
        if self.category:
            stories = stories.filter(category__slug=self.category)
        if self.entity is not None:
            stories = stories.filter(entity_links__entity_id=self.entity)
        if self.since is not None:
            stories = stories.filter(published_at__gte=self.since)
        if self.until is not None:
            stories = stories.filter(published_at__lt=self.until)
        return stories


def content_last_modified() -> datetime | None:
    """When published content last changed: an edit of any story, or a publication time
    passing. Lists use it for Last-Modified: whatever they hold changed no later than this."""
    now = timezone.now()
    stamps = Story.objects.aggregate(
        edited=Max("modified_at"),
        published=Max("published_at", filter=visible_q(now)),
        updated=Max("updated_at", filter=visible_q(now)),
    )
    present = [s for s in stamps.values() if s is not None]
    return max(present) if present else None


def story_page(
    *, filters: StoryFilters, after: tuple[datetime, int] | None, limit: int
) -> tuple[list[Story], tuple[datetime, int] | None]:
    """One page of visible stories, newest first, and the key of its last item if more follow."""
    stories = filters.apply(story_selectors.story_list_visible())
    if after is not None:
        published_at, story_id = after
        stories = stories.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, id__lt=story_id)
        )
    items = list(stories[: limit + 1])
    if len(items) <= limit:
        return items, None
    last = items[limit - 1]
    assert last.published_at is not None  # visible stories are published
    return items[:limit], (last.published_at, last.id)


def story_search_page(
    *, text: str, filters: StoryFilters, offset: int, limit: int
) -> tuple[list[Story], int | None]:
    """Visible stories matching `text`, best first, from `offset`; the next offset if more."""
    ids = search.search_ids(text=text)
    if not ids:
        return [], None
    stories = filters.apply(story_selectors.story_list_visible().filter(id__in=ids))
    found = {s.id: s for s in stories}
    ranked = [found[i] for i in ids if i in found]
    page = ranked[offset : offset + limit]
    more = offset + limit < len(ranked)
    return page, (offset + limit if more else None)


def story_get_public(*, story_id: int) -> WithAnnotations[Story, EntityList] | None:
    """One visible story with its tags and entities (three queries)."""
    links = StoryEntity.objects.select_related("entity").order_by("-mentions", "entity__name")
    return (
        Story.objects.filter(visible_q(), id=story_id)
        .select_related("category")
        .prefetch_related("tags", Prefetch("entity_links", queryset=links, to_attr="entity_list"))
        .first()
    )


def _visible_stories_of(articles: list[SourceDocument]) -> dict[int, list[int]]:
    rows = (
        Story.objects.filter(visible_q(), source__in=articles)
        .order_by("-published_at", "-id")
        .values_list("source_id", "id")
    )
    by_article: dict[int, list[int]] = {}
    for source_id, story_id in rows:
        by_article.setdefault(source_id, []).append(story_id)
    return by_article


def _articles() -> QuerySet[SourceDocument]:
    # The stored bytes can be megabytes and are not part of the API.
    return SourceDocument.objects.defer("content")


def story_articles(*, story: Story) -> list[tuple[SourceDocument, list[int]]]:
    """The articles a visible story was made from, each with the visible stories it feeds."""
    articles = list(_articles().filter(id=story.source_id))
    stories_of = _visible_stories_of(articles)
    return [(a, stories_of.get(a.id, [])) for a in articles]


def article_get_public(*, article_id: int) -> tuple[SourceDocument, list[int], Story] | None:
    """An article feeding at least one visible story: the article, those stories' ids, and the
    newest of them (whose text the API shows)."""
    article = _articles().filter(id=article_id).first()
    if article is None:
        return None
    story_ids = _visible_stories_of([article]).get(article.id, [])
    if not story_ids:
        return None
    newest = Story.objects.only("id", "body_text", "modified_at", "published_at").get(
        id=story_ids[0]
    )
    return article, story_ids, newest


def entity_get_public(*, entity_id: int) -> Any:
    """An entity named by at least one visible story, with `story_count`; None otherwise."""
    now = timezone.now()
    visible = Q(story_links__story__status=Story.Status.PUBLISHED) & Q(
        story_links__story__published_at__lte=now
    )
    return (
        Entity.objects.filter(id=entity_id)
        .annotate(story_count=Count("story_links", filter=visible))
        .filter(story_count__gt=0)
        .first()
    )
