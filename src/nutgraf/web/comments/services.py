"""Every write to comments: posting, moderating, reporting.

Named `<entity>_<action>` with keyword-only arguments; views and the desk call these only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from nutgraf.web.comments import moderation
from nutgraf.web.comments.forms import TOKEN_MAX_AGE
from nutgraf.web.comments.models import Comment, CommentReport
from nutgraf.web.comments.text import text_fingerprint
from nutgraf.web.limits.clients import client_key
from nutgraf.web.limits.counters import counter_add
from nutgraf.web.stories.caching import content_changed
from nutgraf.web.stories.models import Story

log = logging.getLogger(__name__)

MAX_DEPTH = 4  # a top-level comment is depth 0; replies to depth 3 become its siblings
REPORTS_TO_HOLD = 3
DUPLICATE_DAYS = 30
DUPLICATE_MIN_WORDS = 6  # "Thank you!" twice is two readers, not a spammer


def _pages_changed(count: int = 1) -> int:
    """Readers see a different page: kept copies go (stories/caching.py)."""
    if count:
        content_changed()
    return count


class CommentRefusedError(Exception):
    """A post that cannot become a comment; the message is for the reader."""


@dataclass(frozen=True, slots=True)
class CommentInput:
    text: str
    name: str
    email: str
    website: str = ""
    parent_id: int | None = None
    trap: str = ""


def _place_reply(*, story: Story, parent_id: int | None) -> tuple[Comment | None, int]:
    if parent_id is None:
        return None, 0
    parent = (
        Comment.objects.filter(id=parent_id, story=story, status=Comment.Status.APPROVED)
        .only("id", "parent_id", "thread_id", "depth")
        .first()
    )
    if parent is None:
        raise CommentRefusedError("The comment you replied to is not open for replies.")
    if parent.depth >= MAX_DEPTH - 1 and parent.parent_id is not None:
        parent = Comment.objects.only("id", "parent_id", "thread_id", "depth").get(
            id=parent.parent_id
        )
    return parent, parent.depth + 1


@sensitive_variables()  # error reports star out its locals and its callees': the email
def comment_create(
    *,
    story: Story,
    data: CommentInput,
    client_address: str = "",
    user_agent: str = "",
) -> Comment:
    """Store a reader's comment with the status moderation gives it.

    Raises CommentRefusedError when it replies to a comment that is not approved or not on `story`.
    """
    parent, depth = _place_reply(story=story, parent_id=data.parent_id)
    fingerprint = text_fingerprint(data.text)
    long_enough = len(data.text.split()) >= DUPLICATE_MIN_WORDS
    seen_before = (
        long_enough
        and Comment.objects.filter(
            content_hash=fingerprint,
            created_at__gte=timezone.now() - timedelta(days=DUPLICATE_DAYS),
        ).exists()
    )
    known = Comment.objects.filter(email=data.email, status=Comment.Status.APPROVED).exists()
    verdict = moderation.judge_comment(
        text=data.text,
        trap_filled=bool(data.trap.strip()),
        seen_before=seen_before,
        known_commenter=known,
    )
    comment = Comment.objects.create(
        story=story,
        parent=parent,
        thread_id=(parent.thread_id or parent.id) if parent else None,
        depth=depth,
        name=data.name,
        email=data.email,
        website=data.website,
        text=data.text,
        status=verdict.status,
        reason=verdict.reason,
        content_hash=fingerprint,
        client_address=client_address or None,
        user_agent=user_agent[:300],
    )
    # Ids and verdicts only: the address and the text stay out of logs.
    log.info("comment %s on story %s: %s", comment.id, story.id, verdict.status)
    if comment.status == Comment.Status.APPROVED:
        _pages_changed()
    return comment


def form_token_spend(*, nonce: str) -> bool:
    """Use up a comment form's token; False when it was used before (a replay).

    Counted in the exact shared counters (limits.counters), so two posts of one form at the
    same instant to two web processes cannot both pass. The count outlives the token.
    """
    spent = counter_add(name=f"comment-form:{nonce}", seconds=TOKEN_MAX_AGE + 60)
    return spent.hits == 1


def comment_approve(*, comments: QuerySet[Comment]) -> int:
    """Publish comments; approving also clears readers' reports (an editor has looked)."""
    with transaction.atomic():
        CommentReport.objects.filter(comment__in=comments).delete()
        return _pages_changed(
            comments.update(status=Comment.Status.APPROVED, reason="", report_count=0)
        )


def comment_mark_spam(*, comments: QuerySet[Comment]) -> int:
    return _pages_changed(
        comments.update(status=Comment.Status.SPAM, reason="marked as spam by an editor")
    )


def comment_hold(*, comments: QuerySet[Comment]) -> int:
    return _pages_changed(
        comments.update(status=Comment.Status.PENDING, reason="held by an editor")
    )


def comment_delete(*, comments: QuerySet[Comment]) -> int:
    """Delete comments and, with them, their replies."""
    _, per_model = comments.delete()
    return _pages_changed(per_model.get(Comment._meta.label, 0))


def comment_report(*, comment: Comment, client_address: str, reason: str = "other") -> bool:
    """Record one reader's report and why; the third distinct report holds an approved
    comment, with the readers' reasons as its reason.

    Returns False when this reader had already reported it.
    """
    if reason not in CommentReport.Reason.values:
        reason = CommentReport.Reason.OTHER
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, client=client_key(client_address), reason=reason
            )
            Comment.objects.filter(id=comment.id).update(report_count=F("report_count") + 1)
            reasons = sorted(set(comment.reports.values_list("reason", flat=True)))
            held = Comment.objects.filter(
                id=comment.id,
                status=Comment.Status.APPROVED,
                report_count__gte=REPORTS_TO_HOLD,
            ).update(
                status=Comment.Status.PENDING,
                reason=f"reported by readers: {', '.join(reasons)}"[:200],
            )
            _pages_changed(held)
    except IntegrityError:
        return False
    return True


def comment_reply_as_editor(*, parent: Comment, text: str, editor: object) -> Comment:
    """An editor's reply from the desk: approved at once, under the editor's name, placed in
    the thread as a reader's reply would be. Raises CommentRefusedError as comment_create does."""
    from nutgraf.web.comments.text import clean_text

    body = clean_text(text)
    if not body.strip():
        raise CommentRefusedError("Write a reply first.")
    story = Story.objects.get(pk=parent.story_id)
    placed, depth = _place_reply(story=story, parent_id=parent.id)
    full_name = getattr(editor, "get_full_name", lambda: "")() or getattr(editor, "username", "")
    comment = Comment.objects.create(
        story=story,
        parent=placed,
        thread_id=(placed.thread_id or placed.id) if placed else None,
        depth=depth,
        name=f"{full_name} ({settings.SITE_NAME})"[:80],
        email=getattr(editor, "email", "") or "editor@desk.invalid",
        text=body,
        status=Comment.Status.APPROVED,
        reason="reply from the desk",
        content_hash=text_fingerprint(body),
    )
    _pages_changed()
    return comment
