"""Every write the site makes: ingest, edit, re-compose, publish, relate.

Views, the desk and the CLI call these and nothing else writes stories. Each is named
`<entity>_<action>` and takes keyword-only arguments (HackSoft style). Each change to a story
leaves a StoryRevision; a change readers can see on a published story moves `updated_at`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from nutgraf.engine.fetch import Fetcher
from nutgraf.web.stories import (
    briefs,
    composition,
    edits,
    images,
    related,
    search,
)
from nutgraf.web.stories.caching import content_changed
from nutgraf.web.stories.models import (
    Category,
    Entity,
    PendingEdit,
    RelatedStory,
    SourceDocument,
    Story,
    StoryEntity,
    StoryRevision,
    Tag,
)

SOURCE_FIELDS = ("author", "site_name", "published", "url")
PUBLIC_FIELDS = frozenset(
    {
        "headline",
        "summary",
        "description",
        "category",
        "tags",
        "key_points",
        "faq",
        "brief",
        "source",
    }
)


def _unique_slug(model: Any, text: str, *, max_length: int, exclude_id: int | None = None) -> str:
    base = slugify(text)[: max_length - 6].strip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(id=exclude_id).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def category_get_or_create(*, name: str) -> Category:
    name = name.strip() or "General"
    found = Category.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    return Category.objects.create(name=name, slug=_unique_slug(Category, name, max_length=80))


def tags_get_or_create(*, names: Sequence[str]) -> list[Tag]:
    tags = []
    # A page's keywords often arrive as one comma-separated string.
    split = [part for raw in names for part in str(raw).split(",")]
    for raw in dict.fromkeys(p.strip() for p in split):
        name = " ".join(raw.split())[:80]
        if not name:
            continue
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=_unique_slug(Tag, name, max_length=80))
        tags.append(tag)
    return tags


def _snapshot(story: Story) -> dict[str, Any]:
    return {
        "headline": story.headline,
        "summary": story.summary,
        "description": story.description,
        "category": story.category.name,
        "tags": sorted(t.name for t in story.tags.all()) if story.pk else [],
        "key_points": [p.get("text", "") for p in story.brief.get("key_points", ())],
        "faq": [[f.get("question", ""), f.get("answer", "")] for f in story.brief.get("faq", ())],
        "status": story.status,
        "published_at": story.published_at.isoformat() if story.published_at else None,
        "featured": story.featured,
        "source": {k: v for k, v in briefs.source_info(story.brief).items() if k in SOURCE_FIELDS},
    }


def _record(
    *, story: Story, editor: Any, action: str, before: dict[str, Any] | None
) -> StoryRevision | None:
    after = _snapshot(story)
    changed = sorted(k for k in after if before is None or before.get(k) != after[k])
    if action == "edited" and not changed:
        return None  # a save with nothing changed is not history
    public = story.is_visible and bool(set(changed) & PUBLIC_FIELDS) and before is not None
    if public:
        story.updated_at = timezone.now()
        story.save(update_fields=["updated_at"])
    return StoryRevision.objects.create(
        story=story,
        editor=editor if getattr(editor, "pk", None) else None,
        action=action,
        changed=changed,
        snapshot={**after, "brief": story.brief},
        public=public,
    )


def brief_flags(*, brief: dict[str, Any]) -> list[dict[str, str]]:
    """Items of `brief` whose words are no longer supported by the sentences they cite (an
    item an editor confirmed as the newsroom's wording is not flagged again)."""
    return edits.flags(brief=brief)


def _apply_brief(story: Story, brief: dict[str, Any]) -> None:
    """Copy what lists, feeds and search need from the brief onto the story's columns."""
    story.brief = brief
    story.headline = (brief.get("title") or "Untitled").strip()[:300]
    story.summary = brief.get("summary", "")
    story.description = (brief.get("description") or story.summary)[:300]
    story.byline = (briefs.source_info(brief)["author"] or "")[:300]
    story.body_text = briefs.article_text(brief)
    story.reading_minutes = max(1, int((brief.get("stats") or {}).get("reading_time_minutes", 1)))
    story.suggested_category = (brief.get("category") or "")[:80]
    story.review_flags = brief_flags(brief=brief)


def _store_entities(story: Story, brief: dict[str, Any]) -> None:
    StoryEntity.objects.filter(story=story).delete()
    links = []
    seen: set[int] = set()
    for item in brief.get("entities", ()):
        name, kind = str(item.get("name", "")).strip()[:200], item.get("kind", "")
        if not name or kind not in Entity.Kind.values:
            continue
        entity = Entity.objects.filter(name=name, kind=kind).first()
        if entity is None:
            entity = Entity.objects.create(
                name=name, kind=kind, slug=_unique_slug(Entity, name, max_length=220)
            )
        if entity.id in seen:
            continue
        seen.add(entity.id)
        links.append(
            StoryEntity(
                story=story,
                entity=entity,
                roles=list(item.get("roles", ()))[:5],
                mentions=max(1, len(item.get("sentence_ids", ()))),
            )
        )
    StoryEntity.objects.bulk_create(links)


def _index(story: Story) -> None:
    search.search_index(
        story_id=story.id, headline=story.headline, summary=story.summary, body=story.body_text
    )


@transaction.atomic
def story_create(
    *, composed: composition.Composed, editor: Any = None, content_hash: str = ""
) -> Story:
    """A draft story from freshly composed input, with its source kept for re-composition.

    `content_hash` (set by the ingest services) makes a second story of the same content
    impossible: the database refuses it (IntegrityError).
    """
    brief = composed.brief
    info = briefs.source_info(brief)
    source = SourceDocument.objects.create(
        location=composed.location[:2000],
        url=(composed.url or info["url"] or "")[:2000],
        media_type=composed.media_type,
        content=composed.content,
        site_name=info["site_name"][:200],
        author=info["author"][:300],
        published=info["published"][:40],
        content_hash=content_hash,
    )
    story = Story(source=source, category=category_get_or_create(name=brief.get("category", "")))
    _apply_brief(story, copy.deepcopy(brief))
    story.slug = _unique_slug(Story, story.headline, max_length=120)
    story.save()
    story.tags.set(tags_get_or_create(names=brief.get("tags", ())))
    _store_entities(story, brief)
    _index(story)
    _record(story=story, editor=editor, action="composed", before=None)
    content_changed()
    return story


def _ingested(*, url: str | None = None, content_hash: str | None = None) -> Story | None:
    """The story already made from `url` or from content with `content_hash`, if any."""
    match = Q(pk__in=[])
    if url:
        match |= Q(source__url=url) | Q(source__location=url)
    if content_hash:
        match |= Q(source__content_hash=content_hash)
    return Story.objects.filter(match).order_by("id").first()


def story_ingest_or_get(
    *, composed: composition.Composed, editor: Any = None
) -> tuple[Story, bool]:
    """(story, created): `composed` stored as a new draft, or the story already made from the
    same URL or the same content (composition.content_digest) and False.

    The check and the insert share one transaction (IMMEDIATE on SQLite, so two processes
    take turns); on PostgreSQL the unique content_hash settles a race, and the loser returns
    the winner's story.
    """
    digest = composed.digest or composition.content_digest(
        content=composed.content, media_type=composed.media_type
    )
    try:
        with transaction.atomic():
            found = _ingested(url=composed.url, content_hash=digest)
            if found is not None:
                return found, False
            return story_create(composed=composed, editor=editor, content_hash=digest), True
    except IntegrityError:
        found = _ingested(url=composed.url, content_hash=digest)
        if found is None:
            raise
        return found, False


def story_ingest_composed(*, composed: composition.Composed, editor: Any = None) -> Story:
    """Store `composed` once: the same URL or the same content gives back the first story."""
    return story_ingest_or_get(composed=composed, editor=editor)[0]


def story_ingested(*, url: str | None = None, digest: str | None = None) -> Story | None:
    """The story already made from `url` or from content with `digest`, if any."""
    return _ingested(url=url, content_hash=digest)


def story_ingest_url(*, url: str, fetcher: Fetcher, editor: Any = None) -> Story:
    """The story for `url`: made once (fetch with `fetcher`, compose, store), then returned as is.

    The caller chooses the fetcher (the desk and feeds: jobs.politeness.fetcher_make, which
    honours NUTGRAF_FETCH_PRIVATE; the API its own), so stories import nothing of the jobs."""
    found = _ingested(url=url.strip())
    if found is not None:
        return found
    composed = composition.compose_from_url(url=url.strip(), fetcher=fetcher)
    return story_ingest_composed(composed=composed, editor=editor)


def _with_source(
    composed: composition.Composed, source: dict[str, str] | None
) -> composition.Composed:
    """`composed` with what an editor said about where it came from (`author`, `site_name`,
    `published` as ISO 8601, `url`) over what the text itself told the engine."""
    given = {k: " ".join(str(v).split()) for k, v in (source or {}).items() if k in SOURCE_FIELDS}
    given = {k: v for k, v in given.items() if v}
    if not given:
        return composed
    composed.brief["source"] = {**(composed.brief.get("source") or {}), **given}
    return dataclasses.replace(composed, url=given.get("url") or composed.url)


def story_ingest_upload(
    *, name: str, content: bytes, editor: Any = None, source: dict[str, str] | None = None
) -> Story:
    media_type = composition.guess_media_type(name=name, content=content)
    composed = composition.compose_from_bytes(location=name, content=content, media_type=media_type)
    return story_ingest_composed(composed=_with_source(composed, source), editor=editor)


def story_ingest_text(
    *, text: str, editor: Any = None, source: dict[str, str] | None = None
) -> Story:
    """A story from pasted text; `source` says where it came from, which pasted text cannot."""
    composed = _with_source(composition.compose_from_text(text=text), source)
    return story_ingest_composed(composed=composed, editor=editor)


def _source_set(story: Story, brief: dict[str, Any], source: dict[str, str]) -> None:
    """Where the text came from (byline, outlet, date, URL), on the brief and its source."""
    kept = dict(brief.get("source") or {})
    for key in SOURCE_FIELDS:
        if key in source:
            kept[key] = " ".join(str(source[key] or "").split()) or None
    brief["source"] = kept
    document = story.source
    document.author = (kept.get("author") or "")[:300]
    document.site_name = (kept.get("site_name") or "")[:200]
    document.published = (kept.get("published") or "")[:40]
    document.url = (kept.get("url") or document.url or "")[:2000]
    document.save(update_fields=["author", "site_name", "published", "url"])


def _flags_with_held(story: Story) -> list[dict[str, Any]]:
    held = [
        {"item": p.label, "problem": p.problem, "held": True}
        for p in PendingEdit.objects.filter(story=story)
    ]
    return [*held, *edits.flags(brief=story.brief)]


def _hold(*, story: Story, editor: Any, held: Sequence[edits.Held]) -> None:
    """Replace the story's held edits with `held` (each save sends every field again, so the
    held set is what this save left unsupported), and note them in the history."""
    PendingEdit.objects.filter(story=story).delete()
    person = editor if getattr(editor, "pk", None) else None
    PendingEdit.objects.bulk_create(
        PendingEdit(
            story=story,
            item=h.item,
            label=h.label,
            text=h.text,
            sources=list(h.sources),
            problem=h.problem[:300],
            question=h.question[:300],
            editor=person,
        )
        for h in held
    )
    if held:
        StoryRevision.objects.create(
            story=story,
            editor=person,
            action="held",
            changed=[h.label for h in held],
            snapshot={
                **_snapshot(story),
                "brief": story.brief,
                "held": [
                    {"item": h.item, "label": h.label, "text": h.text, "problem": h.problem}
                    for h in held
                ],
            },
            public=False,
        )


@transaction.atomic
def story_update(
    *,
    story: Story,
    editor: Any,
    headline: str,
    category: Category,
    summary: str,
    key_points: Sequence[str],
    faq: Sequence[tuple[str, str]],
    tags: Sequence[str] | None = None,
    description: str | None = None,
    featured: bool | None = None,
    image_url: str | None = None,
    point_sources: Sequence[Sequence[int] | None] | None = None,
    source: dict[str, str] | None = None,
) -> Story:
    """Apply an editor's changes. Citations stay attached (or become `point_sources[i]` for
    key point i, when given); an edited item its citations do not support is held back
    (edits.py): readers keep the old wording until an editor confirms the new one
    (story_confirm_wording)."""
    before = _snapshot(Story.objects.select_related("category").get(pk=story.pk))
    # A point without its own list of sources (or past the end of the lists) keeps its own.
    sources: list[Sequence[int] | None] = [*(point_sources or ()), *[None] * len(key_points)]
    points = [
        edits.Proposal(text, None if ids is None else tuple(ids))
        for text, ids in zip(key_points, sources, strict=False)
    ]
    brief, held = edits.lay_edits(
        brief=story.brief,
        summary=summary,
        points=points,
        faq=[edits.Proposal(answer, None, question) for question, answer in faq],
    )
    brief["title"] = " ".join(headline.split())
    brief["category"] = category.name
    if description is not None:
        brief["description"] = " ".join(description.split())[:300]
    if source is not None:
        _source_set(story, brief, source)
    suggested = story.suggested_category
    _apply_brief(story, brief)
    story.suggested_category = suggested
    story.category = category
    if featured is not None:
        story.featured = featured
    if image_url is not None:
        story.image_url = image_url
    story.save()
    if tags is not None:
        story.tags.set(tags_get_or_create(names=tags))
    _index(story)
    _record(story=story, editor=editor, action="edited", before=before)
    _hold(story=story, editor=editor, held=held)
    story.review_flags = _flags_with_held(story)
    story.save(update_fields=["review_flags"])
    content_changed()
    if story.status == Story.Status.PUBLISHED:
        related_refresh(story=story)
    return story


@transaction.atomic
def story_confirm_wording(*, story: Story, item: str, editor: Any) -> Story:
    """Put the held edit of `item` into the brief as the newsroom's wording: the page marks it
    so, and its JSON-LD names the newsroom as its author. Raises PendingEdit.DoesNotExist."""
    pending = PendingEdit.objects.get(story=story, item=item)
    before = _snapshot(story)
    held = edits.Held(
        item=pending.item,
        label=pending.label,
        text=pending.text,
        sources=tuple(int(i) for i in pending.sources),
        problem=pending.problem,
        question=pending.question,
    )
    suggested, category = story.suggested_category, story.category
    _apply_brief(story, edits.confirm_held(brief=story.brief, held=held))
    story.suggested_category, story.category = suggested, category
    pending.delete()
    story.review_flags = _flags_with_held(story)
    story.save()
    _index(story)
    _record(story=story, editor=editor, action="confirmed", before=before)
    content_changed()
    if story.status == Story.Status.PUBLISHED:
        related_refresh(story=story)
    return story


def story_discard_wording(*, story: Story, item: str, editor: Any) -> Story:
    """Drop the held edit of `item`: the brief keeps the wording it has."""
    PendingEdit.objects.filter(story=story, item=item).delete()
    story.review_flags = _flags_with_held(story)
    story.save(update_fields=["review_flags", "modified_at"])
    return story


@transaction.atomic
def story_restore(*, story: Story, revision: StoryRevision, editor: Any) -> Story:
    """Put back the headline, summary, brief, category and tags `revision` recorded (its
    lifecycle, published or not, stays as it is now). Held edits are dropped."""
    snapshot = revision.snapshot
    before = _snapshot(story)
    category = category_get_or_create(name=snapshot.get("category") or story.category.name)
    suggested = story.suggested_category
    _apply_brief(story, copy.deepcopy(snapshot["brief"]))
    story.suggested_category = suggested
    story.category = category
    story.description = (snapshot.get("description") or story.description)[:300]
    story.featured = bool(snapshot.get("featured", story.featured))
    story.save()
    story.tags.set(tags_get_or_create(names=snapshot.get("tags", ())))
    PendingEdit.objects.filter(story=story).delete()
    story.review_flags = _flags_with_held(story)
    story.save(update_fields=["review_flags"])
    _index(story)
    _record(story=story, editor=editor, action="restored", before=before)
    content_changed()
    if story.status == Story.Status.PUBLISHED:
        related_refresh(story=story)
    return story


def story_image_update(
    *,
    story: Story,
    editor: Any,
    upload: bytes | None = None,
    remove: bool = False,
    alt: str | None = None,
    caption: str | None = None,
    credit: str | None = None,
) -> Story:
    """Set, replace or remove the story's uploaded lead image and its alt text, caption and
    credit. The upload is re-encoded first (images.py); raises images.ImageRefusedError."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    before = (story.image.name, story.image_alt, story.image_caption, story.image_credit)
    if upload is not None:
        prepared = images.image_prepare(content=upload)
        name = f"images/{prepared.name}"
        thumb = f"images/thumbs/{prepared.name}"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(prepared.picture))
        if not default_storage.exists(thumb):
            thumb = default_storage.save(thumb, ContentFile(prepared.thumbnail))
        story.image = name
        story.image_thumbnail = thumb
        story.image_width, story.image_height = prepared.width, prepared.height
    elif remove:
        story.image = ""
        story.image_thumbnail = ""
        story.image_width = story.image_height = None
    for field, value in (("image_alt", alt), ("image_caption", caption), ("image_credit", credit)):
        if value is not None:
            setattr(story, field, " ".join(value.split())[:300])
    after = (story.image.name, story.image_alt, story.image_caption, story.image_credit)
    if after == before:
        return story
    story.save()
    StoryRevision.objects.create(
        story=story,
        editor=editor if getattr(editor, "pk", None) else None,
        action="image",
        changed=["image"],
        snapshot={**_snapshot(story), "brief": story.brief},
        public=story.is_visible,
    )
    content_changed()
    return story


@transaction.atomic
def story_recompose(*, story: Story, editor: Any = None) -> Story:
    """Run the engine again on the stored source; the editor's category and tags are kept."""
    before = _snapshot(story)
    source = story.source
    composed = composition.compose_from_bytes(
        location=source.location, content=bytes(source.content), media_type=source.media_type
    )
    _apply_brief(story, copy.deepcopy(composed.brief))
    story.save()
    PendingEdit.objects.filter(story=story).delete()  # they edited the brief this replaces
    _store_entities(story, composed.brief)
    _index(story)
    _record(story=story, editor=editor, action="recomposed", before=before)
    content_changed()
    if story.status == Story.Status.PUBLISHED:
        related_refresh(story=story)
    return story


@transaction.atomic
def story_publish(*, story: Story, editor: Any = None, at: datetime | None = None) -> Story:
    """Publish now, or at `at` (a future time schedules it; pages show it from then)."""
    before = _snapshot(story)
    now = timezone.now()
    if at is not None:
        story.published_at = at
    elif story.published_at is None or story.published_at > now:
        story.published_at = now
    story.status = Story.Status.PUBLISHED
    story.save(update_fields=["status", "published_at", "modified_at"])
    action = "scheduled" if story.published_at > now else "published"
    _record(story=story, editor=editor, action=action, before=before)
    content_changed()
    related_refresh(story=story)
    return story


@transaction.atomic
def story_unpublish(*, story: Story, editor: Any = None) -> Story:
    before = _snapshot(story)
    story.status = Story.Status.DRAFT
    story.save(update_fields=["status", "modified_at"])
    _record(story=story, editor=editor, action="unpublished", before=before)
    content_changed()
    return story


def _features(stories: Sequence[Story]) -> list[related.Features]:
    return [
        related.features_of(
            id=s.id,
            category_id=s.category_id,
            published_at=s.published_at,
            headline=s.headline,
            summary=s.summary,
            body=s.body_text,
            entities=briefs.names(s.brief.get("entities", ())),
            keyphrases=briefs.names(s.brief.get("keyphrases", ()), key="text")[:12],
        )
        for s in stories
    ]


def _store_related(story_id: int, matches: Sequence[related.Match]) -> None:
    RelatedStory.objects.filter(story_id=story_id).delete()
    RelatedStory.objects.bulk_create(
        RelatedStory(
            story_id=story_id, related_id=m.id, score=m.score, reason=m.reason[:300], position=n
        )
        for n, m in enumerate(matches)
    )


def related_refresh(*, story: Story) -> None:
    """Recompute `story`'s related list and those of the stories it is now related to."""
    published = list(
        Story.objects.filter(status=Story.Status.PUBLISHED).only(
            "id", "category_id", "published_at", "headline", "summary", "body_text", "brief"
        )
    )
    corpus = _features(published)
    by_id = {f.id: f for f in corpus}
    target = by_id.get(story.id) or _features([story])[0]
    matches = related.rank_related(target, corpus)
    _store_related(story.id, matches)
    for match in matches:
        _store_related(match.id, related.rank_related(by_id[match.id], corpus))
    content_changed()


def related_rebuild() -> int:
    """Recompute every published story's related list; returns how many were computed."""
    published = list(Story.objects.filter(status=Story.Status.PUBLISHED))
    corpus = _features(published)
    with transaction.atomic():
        for item in corpus:
            _store_related(item.id, related.rank_related(item, corpus))
    content_changed()
    return len(corpus)
