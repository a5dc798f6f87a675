"""A story's clustering profile: computed once from its article, stored on its membership row.

The engine's `profile_text` takes the article as the brief cites it (Story.body_text), the
engine's own title (not an editor's headline: outlets are compared as they wrote) and the
source's publication time, falling back to the site's when the source gave none.
"""

from __future__ import annotations

from typing import Any

from nutgraf.engine.stories import Profile, Signature, profile_text
from nutgraf.web.stories.models import Story


def story_published(story: Story) -> str | None:
    """When the outlet published the article: the source's date, else the site's."""
    source = (story.brief or {}).get("source") or {}
    published = str(source.get("published") or "").strip()
    if published:
        return published
    return story.published_at.isoformat() if story.published_at else None


def story_profile(story: Story) -> Profile:
    brief = story.brief or {}
    title = str(brief.get("title") or story.headline)
    return profile_text(
        story.body_text or story.summary, title=title, published=story_published(story)
    )


def profile_fields(profile: Profile) -> dict[str, Any]:
    """The CoverageMember columns that hold `profile`."""
    signature = profile.signature
    return {
        "day": profile.day,
        "terms": [[term, count] for term, count in profile.terms],
        "anchors": sorted(profile.anchors),
        "signature": signature.values if signature is not None else None,
        "shingles": signature.shingles if signature is not None else 0,
    }


def stored_profile(
    *, day: float | None, terms: Any, anchors: Any, signature: Any, shingles: int
) -> Profile:
    """The profile a CoverageMember row holds, as profile_text made it."""
    sign = Signature(bytes(signature), int(shingles)) if signature is not None else None
    return Profile(
        tuple((str(term), int(count)) for term, count in terms),
        frozenset(str(a) for a in anchors),
        day,
        sign,
    )
