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

COMMENTS_PER_PAGE = 50  # replies included: a page is this long whatever the threads' shape
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
    threads: list[Comment]  # top-level items of this page; each has `.children`
    page: int
    pages: int
    reply_to: Comment | None = None
    mine: frozenset[int] = field(default_factory=frozenset)


def _visible(mine: frozenset[int]) -> Q:
    q = Q(status=Comment.Status.APPROVED)
    return q | Q(id__in=sorted(mine)) if mine else q


def _reading_order(rows: list[tuple[int, int | None]]) -> list[int]:
    """Comment ids in the order a reader meets them: threads oldest first, each thread depth
    first (a reply right under what it answers, replies oldest first).

    `rows` are (id, parent_id) of the visible comments, oldest first. A reply whose parent is
    not visible (spam, held) is left out, and its own replies with it.
    """
    children: dict[int | None, list[int]] = {}
    for comment_id, parent_id in rows:
        children.setdefault(parent_id, []).append(comment_id)
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        comment_id = stack.pop()
        order.append(comment_id)
        stack.extend(reversed(children.get(comment_id, [])))
    return order


def _ordered_ids(story_id: int, mine: frozenset[int]) -> tuple[list[int], int]:
    """The reading order of the story's visible comments, and how many are approved."""
    rows = list(
        Comment.objects.filter(story_id=story_id)
        .filter(_visible(mine))
        .order_by("created_at", "id")
        .values_list("id", "parent_id", "status")
    )
    approved = sum(1 for *_, status in rows if status == Comment.Status.APPROVED)
    return _reading_order([(i, parent) for i, parent, _ in rows]), approved


def comment_section(
    *, story: Story, page: int | None, mine: frozenset[int], reply_to: int | None = None
) -> CommentSection:
    """The comments shown under `story`: one page of COMMENTS_PER_PAGE comments in reading
    order, built into trees.

    Pages count every comment, replies included, so no thread shape makes a page larger. A
    thread that runs past the end of a page goes on at the top of the next; there its first
    replies, whose parents were on an earlier page, are top-level items marked `.continued`.
    Two queries (the ids in order, then the page's comments); none when the story's annotated
    count is zero and the reader has nothing waiting.
    """
    approved_count = getattr(story, "comment_count", None)
    if approved_count == 0 and not mine:
        return CommentSection(count=0, threads=[], page=1, pages=1, mine=mine)
    order, approved = _ordered_ids(story.id, mine)
    pages = max(1, math.ceil(len(order) / COMMENTS_PER_PAGE))
    number = min(max(page or 1, 1), pages)
    start = (number - 1) * COMMENTS_PER_PAGE
    shown = order[start : start + COMMENTS_PER_PAGE]
    by_id = {c.id: c for c in Comment.objects.filter(id__in=shown).defer(*PUBLIC_HIDDEN)}
    threads: list[Comment] = []
    for comment_id in shown:
        c = by_id[comment_id]
        c.children = []  # type: ignore[attr-defined]
        c.is_mine = c.id in mine  # type: ignore[attr-defined]
        c.continued = c.parent_id is not None and c.parent_id not in by_id  # type: ignore[attr-defined]
        if c.parent_id in by_id:
            by_id[c.parent_id].children.append(c)  # type: ignore[attr-defined]
        else:
            threads.append(c)
    target = by_id.get(reply_to) if reply_to else None
    if target is not None and target.status != Comment.Status.APPROVED:
        target = None
    return CommentSection(
        count=approved,
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
    """The page of the story's comments, as anyone sees them, that holds `comment`."""
    order, _ = _ordered_ids(comment.story_id, frozenset())
    try:
        return order.index(comment.id) // COMMENTS_PER_PAGE + 1
    except ValueError:  # not shown to everyone (held, or under a hidden comment)
        return 1


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
