"""A stored brief (JSON contract v1, docs/brief-json.md) read back into the engine's Brief.

The merge needs what the engine made: sentences, timeline, entities, source and summary. The
stored JSON holds all of it with an editor's text edits laid over the items, which cite the same
sentences, so nothing is composed again. Keys a brief lacks read as empty.
"""

from __future__ import annotations

from typing import Any

from nutgraf.engine.records import (
    Brief,
    Entity,
    KeyPoint,
    Sentence,
    SourceInfo,
    Stats,
    TimelineEvent,
)
from nutgraf.web.coverage.profiles import story_published
from nutgraf.web.stories.models import Story


def _ids(values: Any) -> tuple[int, ...]:
    return tuple(int(v) for v in values or ())


def _text(value: Any) -> str | None:
    return str(value) if value else None


def brief_of_story(story: Story) -> Brief:
    """The engine Brief of `story`; its source date falls back to the site's publication."""
    data: dict[str, Any] = story.brief or {}
    source = data.get("source") or {}
    sentences = tuple(
        Sentence(int(s["id"]), str(s["text"]), int(s.get("start", 0)), int(s.get("end", 0)))
        for s in data.get("sentences", ())
    )
    entities = tuple(
        Entity(
            id=str(e.get("id", n)),
            name=str(e.get("name", "")),
            kind=str(e.get("kind", "")),
            mentions=tuple(str(m) for m in e.get("mentions", ())),
            roles=tuple(str(r) for r in e.get("roles", ())),
            sentence_ids=_ids(e.get("sentence_ids")),
        )
        for n, e in enumerate(data.get("entities", ()))
        if e.get("name")
    )
    timeline = tuple(
        TimelineEvent(
            str(e.get("date", "")),
            str(e.get("date_text", "")),
            str(e.get("text", "")),
            _ids(e.get("sources")),
        )
        for e in data.get("timeline", ())
        if e.get("date")
    )
    stats = data.get("stats") or {}
    return Brief(
        source=SourceInfo(
            location=str(source.get("location") or story.slug),
            url=_text(source.get("url")),
            site_name=_text(source.get("site_name")),
            author=_text(source.get("author")),
            published=story_published(story),
            language=_text(source.get("language")),
        ),
        title=str(data.get("title") or story.headline),
        category=str(data.get("category") or ""),
        summary=str(data.get("summary") or story.summary),
        summary_sources=_ids(data.get("summary_sources")),
        description=str(data.get("description") or ""),
        key_points=tuple(
            KeyPoint(str(p.get("text", "")), _ids(p.get("sources")))
            for p in data.get("key_points", ())
        ),
        faq=(),
        sections=(),
        entities=entities,
        quotes=(),
        keyphrases=(),
        timeline=timeline,
        stats=Stats(
            sentences=int(stats.get("sentences", len(sentences))),
            words=int(stats.get("words", 0)),
            redundant_sentences=int(stats.get("redundant_sentences", 0)),
            filler_sentences=int(stats.get("filler_sentences", 0)),
            distinct_facts=int(stats.get("distinct_facts", 0)),
            information_density=float(stats.get("information_density", 0.0)),
            reading_time_minutes=int(stats.get("reading_time_minutes", 1)),
        ),
        sentences=sentences,
    )
