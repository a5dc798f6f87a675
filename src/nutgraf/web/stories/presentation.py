"""The story page's content, laid out from the brief: every item with its citations resolved.

Pure functions from a Story (already loaded with its prefetches) and its brief to plain
records the templates walk; no queries happen here.

The page says each thing once (the engine's render.page.plan_page): a key point the lede
already says, a section sentence shown above, an answer that repeats them, timeline entries
and pull quotes of sentences shown above are left out, and every citation mark carries the
number of its sentence, the same wherever that sentence is cited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from nutgraf.engine.render.page import PagePlan, plan_page
from nutgraf.web.stories import briefs
from nutgraf.web.stories.briefs import Citation
from nutgraf.web.stories.edits import NEWSROOM
from nutgraf.web.stories.models import Story

MAX_SECTION_SENTENCES = 6


NO_MARKS = SafeString("")


def citation_marks(citations: Sequence[Citation], *, source_url: str) -> SafeString:
    """Citation marks as <details>: they open in place without JavaScript.

    Built here rather than with an {% include %} per item: a story has dozens of marks, and
    this keeps the page cheap to render.
    """
    return format_html_join(
        "",
        '<details class="cite"><summary><span class="visually-hidden">Show source sentence '
        '</span>{}</summary><span class="cite-body"><q>{}</q> <a href="{}?s={}#s-{}">'
        "In the source text</a></span></details>",
        ((c.number, c.text, source_url, c.id, c.id) for c in citations),
    )


@dataclass(frozen=True, slots=True)
class Point:
    text: str
    citations: list[Citation]
    marks: SafeString = NO_MARKS
    newsroom: bool = False  # an editor's confirmed wording, not the source's (edits.py)


@dataclass(frozen=True, slots=True)
class Question:
    question: str
    answer: str
    citations: list[Citation]
    marks: SafeString = NO_MARKS
    newsroom: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    heading: str
    paragraphs: list[str]


@dataclass(frozen=True, slots=True)
class Event:
    iso: str  # "2025-03-04", "2024-09" or "2025": as precise as the text is
    label: str  # "4 Mar 2025", "Sep 2024", "2025"; the text's own words when undated
    text: str
    citations: list[Citation]
    marks: SafeString = NO_MARKS


@dataclass(frozen=True, slots=True)
class Mention:
    name: str
    kind: str
    url: str
    roles: list[str]


@dataclass(frozen=True, slots=True)
class StoryPage:
    key_points: list[Point]
    faq: list[Question]
    sections: list[Part]
    timeline: list[Event]
    quotes: list[dict[str, Any]]
    source: dict[str, Any]
    mentions: list[Mention] = field(default_factory=list)
    summary_newsroom: bool = False


def _ids(item: dict[str, Any], key: str = "sources") -> list[int]:
    return [int(i) for i in item.get(key, ()) or ()]


def _sections(brief: dict[str, Any], sentences: dict[int, str], plan: PagePlan) -> list[Part]:
    """Each section's sentences the page does not show above, as paragraphs of the article,
    trimmed to a readable length; a section left with none is left out."""
    paragraph_of: dict[int, int] = {}
    for number, group in enumerate(briefs.paragraphs(brief)):
        for sentence in group:
            paragraph_of[int(sentence["id"])] = number
    parts = []
    for section, shown in zip(brief.get("sections", ()), plan.sections, strict=True):
        ids = [i for i in shown if i in sentences]
        ids = ids[:MAX_SECTION_SENTENCES]
        paragraphs: list[list[str]] = []
        last: int | None = None
        for sentence_id in ids:
            if last is None or paragraph_of.get(sentence_id) != last:
                paragraphs.append([])
            paragraphs[-1].append(sentences[sentence_id])
            last = paragraph_of.get(sentence_id)
        if paragraphs:
            parts.append(
                Part(
                    heading=section.get("heading") or "",
                    paragraphs=[" ".join(p) for p in paragraphs],
                )
            )
    return parts


def date_label(iso: str) -> str:
    """A timeline date as a reader reads it, no more precise than the text was:
    "2025-03-04" -> "4 Mar 2025", "2024-09" -> "Sep 2024", "2025" -> "2025"; else ""."""
    try:
        if len(iso) == 10:
            day = date.fromisoformat(iso)
            return f"{day.day} {day:%b %Y}"
        if len(iso) == 7:
            return f"{date.fromisoformat(iso + '-01'):%b %Y}"
        if len(iso) == 4 and iso.isdigit():
            return iso
    except ValueError:
        pass
    return ""


def timeline_when(entry: dict[str, Any]) -> tuple[str, str]:
    """(machine date for <time datetime>, or "" when the entry has none; the label a reader
    sees): the date as precisely as the text gave it, else the text's own words."""
    iso = str(entry.get("date") or "")
    label = date_label(iso)
    return (iso, label) if label else ("", str(entry.get("date_text", "")))


def page_plan(brief: dict[str, Any]) -> PagePlan:
    """What the story page shows of `brief`, once each, and its citation numbers."""
    faq = list(brief.get("faq", ()))
    points = list(brief.get("key_points", ()))
    return plan_page(
        summary=_ids(brief, "summary_sources"),
        key_points=[_ids(p) for p in points],
        sections=[_ids(s) for s in brief.get("sections", ())],
        faq=[_ids(f) for f in faq],
        timeline=[_ids(e) for e in brief.get("timeline", ())],
        quotes=[_ids(q, "sentence_ids") for q in brief.get("quotes", ())],
        fragments=[
            i
            for i, f in enumerate(faq)
            if f.get("question") == "Who is involved?" or f.get("wording") == NEWSROOM
        ],
        lede_marked=False,
        own_words=[i for i, p in enumerate(points) if p.get("wording") == NEWSROOM],
    )


def story_page(*, story: Story) -> StoryPage:
    brief = story.brief
    sentences = briefs.sentence_map(brief)
    source_url = story.get_absolute_url() + "source/"
    plan = page_plan(brief)

    def cited(item: dict[str, Any]) -> tuple[list[Citation], SafeString]:
        found = [
            Citation(number=plan.number(i), id=i, text=sentences[i])
            for i in _ids(item)
            if i in sentences and i in plan.numbers
        ]
        return found, citation_marks(found, source_url=source_url)

    key_points = list(brief.get("key_points", ()))
    points = [
        Point(p["text"], *cited(p), newsroom=p.get("wording") == NEWSROOM)
        for p in (key_points[i] for i in plan.key_points)
        if p.get("text")
    ]
    faq_items = list(brief.get("faq", ()))
    faq = [
        Question(f["question"], f["answer"], *cited(f), newsroom=f.get("wording") == NEWSROOM)
        for f in (faq_items[i] for i in plan.faq)
        if f.get("question") and f.get("answer")
    ]
    events = list(brief.get("timeline", ()))
    timeline = [
        Event(*timeline_when(e), e.get("text", ""), *cited(e))
        for e in (events[i] for i in plan.timeline)
        if e.get("text")
    ]
    mentions = [
        Mention(
            name=link.entity.name,
            kind=link.entity.get_kind_display(),
            url=link.entity.get_absolute_url(),
            roles=[str(r) for r in link.roles][:2],
        )
        for link in getattr(story, "entity_list", ())
    ]
    all_quotes = list(brief.get("quotes", ()))
    quotes = [
        q for q in (all_quotes[i] for i in plan.quotes) if q.get("direct") and q.get("speaker")
    ][:3]
    return StoryPage(
        key_points=points,
        faq=faq,
        sections=_sections(brief, sentences, plan),
        timeline=timeline,
        quotes=quotes,
        source=briefs.source_info(brief),
        mentions=mentions[:12],
        summary_newsroom=brief.get("summary_wording") == NEWSROOM,
    )


@dataclass(frozen=True, slots=True)
class SourceParagraph:
    sentences: list[tuple[int, str, bool]]  # id, text, highlighted


def source_paragraphs(*, brief: dict[str, Any], highlight: Sequence[int]) -> list[SourceParagraph]:
    marked = set(highlight)
    return [
        SourceParagraph(
            sentences=[(int(s["id"]), s["text"], int(s["id"]) in marked) for s in group]
        )
        for group in briefs.paragraphs(brief)
    ]
