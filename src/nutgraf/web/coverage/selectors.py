"""Every read of coverage, each in a fixed number of queries.

`story_annotate_coverage` adds a story's source counts to the rows of any story list in the
same query (as comments add their count), so listing pages show "14 articles from 11 outlets,
3 independent reports" without a query per story.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import CharField, Exists, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.stories.models import Story

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


def coverage_get_for_reader(*, slug: str) -> Coverage | None:
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
