"""Every read the public pages make, each with a fixed number of queries however many stories.

Named `<entity>_<action>` with keyword-only arguments; views call these and nothing else
queries. Readers only ever see visible stories (published, publication time passed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.apps import apps
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.utils import timezone

from nutgraf.web.stories import search
from nutgraf.web.stories.models import (
    Category,
    Entity,
    RelatedStory,
    Story,
    StoryEntity,
    Tag,
    visible_q,
)

LIST_FIELDS = (
    "id",
    "slug",
    "headline",
    "summary",
    "description",
    "byline",
    "image_url",
    "image_thumbnail",
    "image_width",
    "image_height",
    "published_at",
    "updated_at",
    "reading_minutes",
    "featured",
    "category__id",
    "category__name",
    "category__slug",
)
RELATED_SHOWN = 4


def story_annotate_from_apps(stories: QuerySet[Story]) -> QuerySet[Story]:
    """Add the columns other apps give story lists and pages (the comments app its
    `comment_count`, the coverage app its `coverage_slug` and `coverage_counts`), in the same
    query. Each app's config declares `annotate_stories(stories)`: the stories app imports
    neither app, and both import it.
    """
    for config in apps.get_app_configs():
        annotate = getattr(config, "annotate_stories", None)
        if annotate is not None:
            stories = annotate(stories)
    return stories


def story_list_visible() -> QuerySet[Story]:
    """Visible stories, newest first, with their category and comment count; only the columns
    lists show."""
    return story_annotate_from_apps(
        Story.objects.filter(visible_q())
        .select_related("category")
        .only(*LIST_FIELDS)
        .order_by("-published_at", "-id")
    )


def category_list() -> list[Category]:
    return list(Category.objects.all())


def category_get(*, slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first()


def category_stories(*, category: Category) -> QuerySet[Story]:
    return story_list_visible().filter(category=category)


def tag_get(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def tag_stories(*, tag_id: int) -> QuerySet[Story]:
    return story_list_visible().filter(tags__id=tag_id)


PAGE_DEFERRED = ("brief", "body_text", "review_flags", "suggested_category")


def _readable(*, include_unpublished: bool, now: datetime) -> QuerySet[Story]:
    stories = Story.objects.select_related("category")
    return stories if include_unpublished else stories.filter(visible_q(now))


def _story_page_rows(slug: str) -> QuerySet[Story]:
    """The story page's query: the story with its category, comment count and coverage."""
    stories = Story.objects.select_related("category").defer(*PAGE_DEFERRED)
    stories = story_annotate_from_apps(stories)
    return stories.filter(slug=slug)[:1]


@cache
def _related_rows() -> QuerySet[RelatedStory]:
    return (
        RelatedStory.objects.select_related("related", "related__category")
        .only("story_id", "reason", "position", "score", *(f"related__{f}" for f in LIST_FIELDS))
        .order_by("position")
    )


def story_get_for_reader(*, slug: str, include_unpublished: bool = False) -> Story | None:
    """One story for its page, in one query: the story with its category, comment count and
    coverage. The brief stays in the database: the page keeps its article as a template
    fragment, and `story_for_render` loads what the article needs. Whether a reader may
    see it is checked here (Story.is_visible), so readers and editors share one query.
    """
    story = next(iter(_story_page_rows(slug)), None)
    if story is None or include_unpublished or story.is_visible:
        return story
    return None


def story_get_source(*, slug: str, include_unpublished: bool = False) -> Story | None:
    """One story with its brief, for the source-text view (one query)."""
    stories = _readable(include_unpublished=include_unpublished, now=timezone.now())
    return stories.only("id", "slug", "headline", "brief", "category").filter(slug=slug).first()


def story_for_render(*, story_id: int) -> Story:
    """A story with everything its rendered article shows: brief, category, tags, mentions."""
    entity_links = StoryEntity.objects.select_related("entity").order_by(
        "-mentions", "entity__name"
    )
    return (
        Story.objects.select_related("category")
        .prefetch_related(
            "tags", Prefetch("entity_links", queryset=entity_links, to_attr="entity_list")
        )
        .get(pk=story_id)
    )


def story_related(*, story_id: int) -> list[Story]:
    """At most four visible related stories, from the list computed on publication."""
    links = _related_rows().filter(
        story_id=story_id,
        related__status=Story.Status.PUBLISHED,
        related__published_at__lte=timezone.now(),
    )[:RELATED_SHOWN]
    return [link.related for link in links]


@dataclass(frozen=True, slots=True)
class CategoryBlock:
    category: Category
    stories: list[Story]


def home_latest(*, limit: int = 10) -> list[Story]:
    return list(story_list_visible()[:limit])


def home_blocks(*, per_category: int = 4) -> list[CategoryBlock]:
    """Top stories of each category (featured first, then newest), in one query."""
    ranked = (
        story_list_visible()
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("featured").desc(), F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_category)
        .order_by("category__position", "category__name", "rank")
    )
    blocks: list[CategoryBlock] = []
    for story in ranked:
        if not blocks or blocks[-1].category.id != story.category.id:
            blocks.append(CategoryBlock(category=story.category, stories=[]))
        blocks[-1].stories.append(story)
    return blocks


@dataclass(frozen=True, slots=True)
class HomePage:
    lead: Story | None
    latest: list[Story]
    blocks: list[CategoryBlock]


HOME_POOL = 60  # newest stories the top is chosen from: enough to fill it after grouping


def _sameness(story: Story) -> tuple[str, str]:
    """What makes two stories one on the home page: their coverage (one event, told by several
    outlets) and their summary's words (two copies of one wire story)."""
    summary = " ".join(str(story.summary).lower().split())
    return (getattr(story, "coverage_slug", None) or f"story-{story.id}", summary)


def home_page(*, latest: int = 7, per_category: int = 4) -> HomePage:
    """The home page's stories, each event once: the top takes the newest story of each
    coverage (the item counts the rest: "covered by 5 articles from 5 outlets"), and no two
    different stories on the page share a coverage or a summary (a story may sit in the top
    and in its category's row). Three queries, however many stories."""
    owner: dict[str, int] = {}  # event or summary -> the story shown for it

    def fresh(story: Story) -> bool:
        keys = [k for k in _sameness(story) if k]
        if any(owner.get(k, story.id) != story.id for k in keys):
            return False
        owner.update(dict.fromkeys(keys, story.id))
        return True

    top: list[Story] = []
    for story in story_list_visible()[:HOME_POOL]:
        if len(top) < latest and fresh(story):
            top.append(story)
    blocks = []
    for block in home_blocks(per_category=per_category * 2):
        stories = [s for s in block.stories if fresh(s)][:per_category]
        if stories:
            blocks.append(CategoryBlock(category=block.category, stories=stories))
    return HomePage(lead=top[0] if top else None, latest=top[1:], blocks=blocks)


def entity_get(*, slug: str) -> Entity | None:
    """The entity `slug` names, if a story a reader may see names it: an entity named only in
    drafts or scheduled stories has no page (its name would leak what is not published)."""
    now = timezone.now()
    return (
        Entity.objects.filter(
            slug=slug,
            story_links__story__status=Story.Status.PUBLISHED,
            story_links__story__published_at__lte=now,
        )
        .distinct()
        .first()
    )


def entity_mentions(*, entity: Entity) -> QuerySet[StoryEntity]:
    """Visible stories that mention `entity`, newest first, with the roles each text gives."""
    now = timezone.now()
    return (
        StoryEntity.objects.filter(
            entity=entity, story__status=Story.Status.PUBLISHED, story__published_at__lte=now
        )
        .select_related("story", "story__category")
        .only("roles", "mentions", "entity_id", *(f"story__{f}" for f in LIST_FIELDS))
        .order_by("-story__published_at", "-story__id")
    )


def story_search(*, text: str, limit: int = 50) -> list[Story]:
    """Visible stories matching `text`, best match first, each with `snippet`: a passage of
    its text with the matched words marked (None when the database gives none). Two queries
    and the search itself."""
    ids = search.search_ids(text=text)
    if not ids:
        return []
    found = {s.id: s for s in story_list_visible().filter(id__in=ids)}
    stories = [found[i] for i in ids if i in found][:limit]
    snippets = search.search_snippets(ids=[s.id for s in stories], text=text)
    for story in stories:
        story.snippet = snippets.get(story.id)  # type: ignore[attr-defined]
    return stories


def archive_months() -> list[datetime]:
    """The months that hold visible stories, newest first."""
    months = (
        Story.objects.filter(visible_q())
        .annotate(month=TruncMonth("published_at"))
        .values_list("month", flat=True)
        .distinct()
        .order_by("-month")
    )
    return list(months)


def archive_stories(*, year: int, month: int) -> QuerySet[Story]:
    return story_list_visible().filter(published_at__year=year, published_at__month=month)


def feed_stories(*, category: Category | None = None, limit: int = 30) -> list[Story]:
    """Newest visible stories with their tags, for feeds (two queries). The brief is left in
    the database: an item's content is a template fragment kept per story version, and only a
    missing one loads its brief."""
    stories = Story.objects.filter(visible_q()).select_related("category").defer(*PAGE_DEFERRED)
    if category is not None:
        stories = stories.filter(category=category)
    return list(stories.prefetch_related("tags").order_by("-published_at", "-id")[:limit])


def story_briefs(*, ids: Sequence[int]) -> dict[int, dict]:
    """The briefs of these stories, by id (one query, none for no ids)."""
    if not ids:
        return {}
    return dict(Story.objects.filter(pk__in=ids).values_list("pk", "brief"))


def news_sitemap_stories(*, days: int = 2, limit: int = 1000) -> Sequence[Story]:
    since = timezone.now() - timedelta(days=days)
    return list(
        story_list_visible().filter(published_at__gte=since).prefetch_related("tags")[:limit]
    )


def story_drafts(*, limit: int = 10) -> list[Story]:
    """The review queue's head: drafts, newest first, with their review flags."""
    return list(
        Story.objects.filter(status=Story.Status.DRAFT)
        .select_related("category")
        .only("id", "slug", "headline", "created_at", "review_flags", "category__name")
        .order_by("-created_at", "-id")[:limit]
    )
