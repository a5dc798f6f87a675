"""The API's writes: tokens (create, revoke, authenticate) and ingest of an article.

Ingest goes through the site's own services (stories.services.story_create and friends), so an
article sent to the API becomes the same draft, with the same history, as one ingested in the desk.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone

from nutgraf.web.api.briefs import api_fetcher, source_from_input
from nutgraf.web.api.models import ApiToken
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
    """A draft story (published at once when asked) from a URL, text or HTML."""
    if url is not None:
        story = story_services.story_ingest_url(url=url, editor=editor, fetcher=api_fetcher())
    else:
        source = source_from_input(text=text, html=html, text_format=text_format, name=name)
        composed = composition.compose_from_bytes(
            location=name or "api", content=source.content, media_type=source.media_type
        )
        story = story_services.story_create(composed=composed, editor=editor)
    if publish:
        story = story_services.story_publish(story=story, editor=editor)
    return story
