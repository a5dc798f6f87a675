"""Every read of coverage, each in a fixed number of queries.

`story_annotate_coverage` adds a story's source counts to the rows of any story list in the
same query (as comments add their count), so listing pages show "14 articles from 11 outlets,
3 independent reports" without a query per story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict, TypeVar

from django.db.models import CharField, Exists, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.stories.models import Story, visible_q

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class VisibleMembers(TypedDict):
    visible_members: list[CoverageMember]  # Prefetch("members", ..., to_attr=...)


M = TypeVar("M", bound=Model)

#: A coverage is worth pointing to from a story once it holds this many articles.
SHOWN_FROM = 2


def story_annotate_coverage(*, stories: QuerySet[M], story_field: str = "pk") -> QuerySet[M]:
    """Add `coverage_slug` and `coverage_counts` (its counts' text) to each row, or None.

    Correlated subqueries on the membership's unique story column: one index probe per row.
    """
    member = CoverageMember.objects.filter(
        story_id=OuterRef(story_field), coverage__articles__gte=SHOWN_FROM
    ).order_by()
    return stories.annotate(
        coverage_slug=Subquery(member.values("coverage__slug")[:1], output_field=CharField()),
        coverage_counts=Subquery(
            member.values("coverage__counts_text")[:1], output_field=CharField()
        ),
    )


def coverage_get_for_reader(*, slug: str) -> WithAnnotations[Coverage, VisibleMembers] | None:
    """A coverage with its visible members and their stories (two queries)."""
    members = (
        CoverageMember.objects.filter(
            story__status=Story.Status.PUBLISHED, story__published_at__lte=timezone.now()
        )
        .select_related("story", "story__category")
        .only(
            "id",
            "coverage_id",
            "position",
            "role",
            "follows_id",
            "copied",
            "covered",
            "added",
            "outlet",
            "story__id",
            "story__slug",
            "story__headline",
            "story__published_at",
            "story__status",
            "story__category__name",
            "story__category__slug",
        )
        .order_by("position")
    )
    return (
        Coverage.objects.filter(slug=slug, articles__gt=0)
        .prefetch_related(Prefetch("members", queryset=members, to_attr="visible_members"))
        .first()
    )


def coverage_for_story(*, story: Story) -> Coverage | None:
    member = CoverageMember.objects.filter(story=story).select_related("coverage").first()
    return member.coverage if member is not None else None


@dataclass(frozen=True, slots=True)
class CoverageFilters:
    """Which coverages a list shows: those with a visible story matching every given filter."""

    category: str | None = None  # category slug
    entity: int | None = None  # entity id
    since: datetime | None = None  # a story published at or after
    until: datetime | None = None  # a story published before

    def apply(self, coverages: QuerySet[Coverage]) -> QuerySet[Coverage]:
        stories = Story.objects.filter(visible_q(), coverage_member__coverage=OuterRef("pk"))
        if self.category:
            stories = stories.filter(category__slug=self.category)
        if self.entity is not None:
            stories = stories.filter(entity_links__entity_id=self.entity)
        if self.since is not None:
            stories = stories.filter(published_at__gte=self.since)
        if self.until is not None:
            stories = stories.filter(published_at__lt=self.until)
        if (self.category, self.entity, self.since, self.until) == (None, None, None, None):
            return coverages
        return coverages.filter(Exists(stories))


def coverage_list_public() -> QuerySet[Coverage]:
    """Coverages with at least one visible article, most recently merged first."""
    return Coverage.objects.filter(articles__gt=0).order_by("-updated_at", "-id")


def coverage_page(
    *, filters: CoverageFilters, after: tuple[datetime, int] | None, limit: int
) -> tuple[list[Coverage], tuple[datetime, int] | None]:
    """One page of coverages and the key of its last item if more follow (one query).

    Ordered by the time of the last merge: a coverage that an article joins while a reader
    pages moves to the front, like a feed.
    """
    coverages = filters.apply(coverage_list_public()).defer("brief")
    if after is not None:
        updated_at, coverage_id = after
        coverages = coverages.filter(
            Q(updated_at__lt=updated_at) | Q(updated_at=updated_at, id__lt=coverage_id)
        )
    items = list(coverages[: limit + 1])
    if len(items) <= limit:
        return items, None
    last = items[limit - 1]
    return items[:limit], (last.updated_at, last.id)


def coverage_get_public(*, coverage_id: int) -> WithAnnotations[Coverage, VisibleMembers] | None:
    """A coverage with a visible article, with its visible members (two queries)."""
    found = coverage_list_public().filter(pk=coverage_id).values_list("slug", flat=True).first()
    return coverage_get_for_reader(slug=found) if found else None


def coverage_id_of_story(*, story_id: int) -> int | None:
    """The coverage of a visible story, when it has one with a visible article."""
    return (
        CoverageMember.objects.filter(story_id=story_id, coverage__articles__gt=0)
        .filter(story__in=Story.objects.filter(visible_q()))
        .values_list("coverage_id", flat=True)
        .first()
    )


def coverage_list_for_readers() -> QuerySet[Coverage]:
    """Coverage worth a page (SHOWN_FROM articles or more) with a story a reader can see,
    most recently updated first: the /coverage/ index."""
    visible = CoverageMember.objects.filter(
        coverage=OuterRef("pk"),
        story__status=Story.Status.PUBLISHED,
        story__published_at__lte=timezone.now(),
    )
    return (
        Coverage.objects.filter(articles__gte=SHOWN_FROM)
        .filter(Exists(visible))
        .only(
            "id",
            "slug",
            "title",
            "brief",
            "counts_text",
            "first_published",
            "last_published",
            "updated_at",
        )
        .order_by("-updated_at", "-id")
    )
