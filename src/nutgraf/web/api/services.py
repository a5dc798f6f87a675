"""The API's writes: tokens (create, revoke, authenticate) and ingest of an article.

Ingest goes through the site's own services (stories.services.story_ingest_*), so an article
sent to the API becomes the same draft, with the same history, as one ingested in the desk, and
the same article (URL or content) sent twice, by any path, is one story. With Celery workers
(a broker configured) an article not yet known becomes a Submission that a worker makes into a
story (`submission_ingest`, a job); the caller follows it at /api/v1/submissions/{id}.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone

from nutgraf.engine import Source
from nutgraf.engine.errors import BlockedAddressError, FetchError, NutgrafError
from nutgraf.web.api.briefs import api_fetcher, source_from_input
from nutgraf.web.api.models import ApiToken
from nutgraf.web.jobs.errors import JobQueueDown
from nutgraf.web.jobs.models import Submission
from nutgraf.web.jobs.services import MAX_FETCH_RETRIES, job_enqueue
from nutgraf.web.stories import composition
from nutgraf.web.stories import services as story_services
from nutgraf.web.stories.models import Story

TOKEN_PREFIX = "ngk_"  # noqa: S105  (a marker that says what the string is, not a secret)
USE_RECORDED_EVERY = timedelta(minutes=1)  # last_used_at is a hint, not a write per request


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, name: str, user: Any) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name.strip()[:100] or "API token",
        user=user,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(raw),
    )
    return token, raw


def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(*, raw: str) -> ApiToken | None:
    """The live token `raw` names, if its editor may still use the desk; else None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not (token.user.is_active and token.user.is_staff):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def article_ingest(
    *,
    editor: Any,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    text_format: str = "plain",
    name: str | None = None,
    publish: bool = False,
) -> Story:
    """A draft story (published at once when asked) from a URL, text or HTML, made here."""
    if url is not None:
        story = story_services.story_ingest_url(url=url, editor=editor, fetcher=api_fetcher())
    else:
        source = source_from_input(text=text, html=html, text_format=text_format, name=name)
        composed = composition.compose_from_source(source)
        story = story_services.story_ingest_composed(composed=composed, editor=editor)
    return _published(story, editor) if publish else story


def _published(story: Story, editor: Any) -> Story:
    return story_services.story_publish(story=story, editor=editor)


def article_submit(
    *,
    editor: Any,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    text_format: str = "plain",
    name: str | None = None,
    publish: bool = False,
) -> Story | Submission:
    """With workers: the story already made from this article (same URL or same content), or
    a queued Submission a worker will make into one. JobQueueDown when the queue refuses it
    (nothing is kept); InputError for empty or binary text, as `article_ingest`."""
    source: Source | None = None
    if url is not None:
        url = url.strip()
        known = story_services.story_ingested(url=url)
        key = url
    else:
        source = source_from_input(text=text, html=html, text_format=text_format, name=name)
        digest = composition.content_digest(content=source.content, media_type=source.media_type)
        known = story_services.story_ingested(digest=digest)
        key = f"content:{digest}"
    if known is not None:
        return _published(known, editor) if publish else known
    submission = Submission.objects.create(
        editor=editor if getattr(editor, "pk", None) else None,
        url=url or "",
        location=source.location if source else url or "",
        media_type=source.media_type if source else "",
        content=source.content if source else b"",
        publish=publish,
    )
    try:
        job_enqueue(
            name="submission_ingest", key=key, arguments={"submission_id": str(submission.id)}
        )
    except JobQueueDown:
        submission.delete()
        raise
    return submission


def submission_ingest(*, submission_id: str) -> str:
    """The `submission_ingest` job: make a queued Submission into a story, as `article_ingest`
    would have; its status says "done" (with the story) or "failed" (with the reason)."""
    submission = (
        Submission.objects.select_related("editor")
        .filter(id=submission_id, status=Submission.Status.QUEUED)
        .first()
    )
    if submission is None:
        return "gone"
    editor = submission.editor
    try:
        if submission.url:
            story = story_services.story_ingest_url(
                url=submission.url, editor=editor, fetcher=api_fetcher()
            )
        else:
            source = Source(
                location=submission.location,
                content=bytes(submission.content),
                media_type=submission.media_type,
                charset="utf-8",
            )
            composed = composition.compose_from_source(source)
            story = story_services.story_ingest_composed(composed=composed, editor=editor)
        if submission.publish:
            story = _published(story, editor)
    except FetchError as error:
        submission.attempts += 1
        if isinstance(error, BlockedAddressError) or submission.attempts > MAX_FETCH_RETRIES:
            return _submission_fail(submission, error)
        submission.save(update_fields=["attempts"])
        raise  # a transient failure: the job is run again with back-off
    except NutgrafError as error:
        return _submission_fail(submission, error)
    submission.status, submission.story = Submission.Status.DONE, story
    submission.content, submission.finished_at = b"", timezone.now()
    submission.save(update_fields=["status", "story", "content", "finished_at"])
    return "done"


def _submission_fail(submission: Submission, error: Exception) -> str:
    submission.status, submission.error = Submission.Status.FAILED, str(error)[:500]
    submission.content, submission.finished_at = b"", timezone.now()
    submission.save(update_fields=["status", "error", "content", "finished_at", "attempts"])
    return "failed"
