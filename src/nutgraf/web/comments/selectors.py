"""Every read of comments, each with a fixed number of queries however many comments.

Readers see approved comments, plus their own still waiting ones (ids from their signed
cookie). Public reads never load the email address, the client address or the user agent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Count, IntegerField, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from nutgraf.web.comments.models import Comment
from nutgraf.web.stories.models import Story, visible_q

THREADS_PER_PAGE = 50
PUBLIC_HIDDEN = ("email", "client_address", "user_agent", "reason")

M = TypeVar("M", bound=Model)


def story_annotate_comment_count(*, stories: QuerySet[M], story_field: str = "pk") -> QuerySet[M]:
    """Add `comment_count` (approved comments) to each row in the same query.

    `story_field` names the story's id on the rows: "pk" for stories, "story_id" for rows that
    point at one. A correlated subquery, not a join, so filters on other relations (tags) cannot
    multiply the count.
    """
    counts = (
        Comment.objects.filter(story_id=OuterRef(story_field), status=Comment.Status.APPROVED)
        .order_by()
        .values("story_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return stories.annotate(
        comment_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


@dataclass(slots=True)
class CommentSection:
    count: int  # approved comments on the story
    threads: list[Comment]  # top-level comments of this page; each has `.children`
    page: int
    pages: int
    reply_to: Comment | None = None
    mine: frozenset[int] = field(default_factory=frozenset)


def _visible(mine: frozenset[int]) -> Q:
    q = Q(status=Comment.Status.APPROVED)
    return q | Q(id__in=sorted(mine)) if mine else q


def comment_section(
    *, story: Story, page: int | None, mine: frozenset[int], reply_to: int | None = None
) -> CommentSection:
    """The comments shown under `story`: one page of threads, built into trees.

    Two queries (counts, then the page's threads); none when the story's annotated count is
    zero and the reader has nothing waiting.
    """
    approved = getattr(story, "comment_count", None)
    if approved == 0 and not mine:
        return CommentSection(count=0, threads=[], page=1, pages=1, mine=mine)
    on_story = Comment.objects.filter(story=story).filter(_visible(mine))
    counts = on_story.aggregate(
        approved=Count("id", filter=Q(status=Comment.Status.APPROVED)),
        threads=Count("id", filter=Q(parent__isnull=True)),
    )
    pages = max(1, math.ceil(counts["threads"] / THREADS_PER_PAGE))
    number = min(max(page or 1, 1), pages)
    start = (number - 1) * THREADS_PER_PAGE
    roots = on_story.filter(parent__isnull=True).order_by("created_at", "id").values("id")
    roots = roots[start : start + THREADS_PER_PAGE]
    rows = list(
        on_story.filter(Q(id__in=roots) | Q(thread_id__in=roots))
        .defer(*PUBLIC_HIDDEN)
        .order_by("created_at", "id")
    )
    by_id = {c.id: c for c in rows}
    threads: list[Comment] = []
    for c in rows:
        c.children = []  # type: ignore[attr-defined]
        c.is_mine = c.id in mine  # type: ignore[attr-defined]
    for c in rows:
        if c.parent_id is None:
            threads.append(c)
        elif c.parent_id in by_id:
            by_id[c.parent_id].children.append(c)  # type: ignore[attr-defined]
        # else: its parent was hidden (spam, held), and the reply goes with it
    target = by_id.get(reply_to) if reply_to else None
    if target is not None and target.status != Comment.Status.APPROVED:
        target = None
    return CommentSection(
        count=counts["approved"],
        threads=threads,
        page=number,
        pages=pages,
        reply_to=target,
        mine=mine,
    )


def comment_get_public(*, pk: int) -> Comment | None:
    """An approved comment on a visible story."""
    return (
        Comment.objects.filter(
            pk=pk,
            status=Comment.Status.APPROVED,
            story__status=Story.Status.PUBLISHED,
            story__published_at__lte=timezone.now(),
        )
        .defer(*PUBLIC_HIDDEN)
        .first()
    )


def comment_page_number(*, comment: Comment) -> int:
    """The page of the story's comments that holds `comment`'s thread (oldest first)."""
    root_id = comment.thread_id or comment.id
    root = Comment.objects.only("created_at").get(id=root_id)
    before = (
        Comment.objects.filter(
            story_id=comment.story_id, parent__isnull=True, status=Comment.Status.APPROVED
        )
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root_id))
        .count()
    )
    return before // THREADS_PER_PAGE + 1


def comment_feed_items(*, story: Story, limit: int = 50) -> list[Comment]:
    """The newest approved comments on `story`, for its comments feed."""
    return list(
        Comment.objects.filter(story=story, status=Comment.Status.APPROVED)
        .defer(*PUBLIC_HIDDEN)
        .order_by("-created_at", "-id")[:limit]
    )


def story_open_for_comments(*, slug: str) -> Story | None:
    """A visible story by slug, with only what posting a comment needs."""
    return Story.objects.filter(visible_q(), slug=slug).only("id", "slug", "headline").first()


def comment_queue_size() -> int:
    """Comments waiting for an editor, for the desk's front page."""
    return Comment.objects.filter(status=Comment.Status.PENDING).count()


def story_slug(*, story_id: int) -> str:
    return str(Story.objects.values_list("slug", flat=True).get(id=story_id))
