"""The coverage page's contents, from the stored merged brief and the coverage's members.

Plain records for the template: every citation becomes a link to the sentence in the site's
copy of that article (its source view highlights and scrolls to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.stories.models import Story, url_for
from nutgraf.web.stories.presentation import timeline_when

ROLE_LABELS = {
    "original": "Original reporting",
    "rewrite": "Rewrite",
    "adds": "Rewrite, adds facts",
}


@dataclass(frozen=True, slots=True)
class Cite:
    outlet: str
    text: str
    href: str  # the sentence in the site's copy of the article
    story_url: str


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    outlet: str
    title: str
    published: str
    story: Story
    url: str  # the outlet's own address, when known
    role: str
    role_label: str
    role_text: str  # "Original reporting", "Rewrite of Coastal Wire, adds 2 facts"
    follows: int | None  # number of the source it follows
    follows_outlet: str
    copied: int  # percent of its sentences copied from what it follows
    added: list[Cite]
    versions: list[tuple[str, str]]  # (address, published) of the same outlet's other pages


@dataclass(frozen=True, slots=True)
class Point:
    text: str
    independent: int
    articles: int
    outlets: int
    single_source: bool
    citations: list[Cite]


@dataclass(frozen=True, slots=True)
class Claim:
    value: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class Disagreement:
    kind: str
    claims: list[Claim]


@dataclass(frozen=True, slots=True)
class Event:
    date: str
    label: str  # see stories.presentation.timeline_when
    text: str
    citations: list[Cite]


@dataclass(frozen=True, slots=True)
class CoveragePage:
    coverage: Coverage
    title: str
    summary: str
    category: str
    counts: str
    points: list[Point]
    conflicts: list[Disagreement]
    timeline: list[Event]
    sources: list[Source]
    first_published: str
    last_published: str


def _source_href(story: Story, sentence: int) -> str:
    return f"{url_for('stories:source', story.slug)}?s={sentence}#s-{sentence}"


def coverage_page(*, coverage: Coverage, members: Sequence[CoverageMember]) -> CoveragePage:
    brief: dict[str, Any] = coverage.brief or {}
    articles = brief.get("articles", [])
    # A version shares its article's position; the article's own story stands for it.
    stories = {m.position: m.story for m in members if m.role == CoverageMember.Role.VERSION}
    stories |= {m.position: m.story for m in members if m.role != CoverageMember.Role.VERSION}
    outlets = {int(a["index"]): str(a.get("outlet", "")) for a in articles}

    def cite(citation: dict[str, Any]) -> Cite | None:
        story = stories.get(int(citation["article"]))
        if story is None:  # withdrawn since the merge
            return None
        sentence = int(citation["sentence"])
        return Cite(
            outlets.get(int(citation["article"]), ""),
            str(citation.get("text", "")),
            _source_href(story, sentence),
            story.get_absolute_url(),
        )

    def cites(items: Sequence[dict[str, Any]]) -> list[Cite]:
        return [c for c in map(cite, items) if c is not None]

    sources = []
    for article in articles:
        index = int(article["index"])
        story = stories.get(index)
        if story is None:
            continue
        follows = article.get("follows")
        role = str(article.get("role", "original"))
        added = cites(article.get("added", ()))
        if follows is None:
            role_text = "Original reporting"
        else:
            role_text = f"Rewrite of {outlets.get(int(follows), '?')}"
            if role == "adds":
                role_text += f", adds {len(added)} fact{'' if len(added) == 1 else 's'}"
        sources.append(
            Source(
                number=index + 1,
                outlet=outlets[index],
                title=str(article.get("title", "")),
                published=str(article.get("published") or ""),
                story=story,
                url=str(article.get("url") or ""),
                role=role,
                role_label=ROLE_LABELS.get(role, role),
                role_text=role_text,
                follows=int(follows) + 1 if follows is not None else None,
                follows_outlet=outlets.get(int(follows), "") if follows is not None else "",
                copied=round(100 * float(article.get("copied", 0.0))),
                added=added,
                versions=[
                    (str(v.get("url") or v.get("location") or ""), str(v.get("published") or ""))
                    for v in article.get("versions", ())
                ],
            )
        )
    return CoveragePage(
        coverage=coverage,
        title=str(brief.get("title") or coverage.title),
        summary=str(brief.get("summary", "")),
        category=str(brief.get("category", "")),
        counts=coverage.counts_text,
        points=[
            Point(
                text=str(p.get("text", "")),
                independent=int(p.get("independent", 0)),
                articles=int(p.get("articles", 0)),
                outlets=int(p.get("outlets", 0)),
                single_source=bool(p.get("single_source")),
                citations=cites(p.get("citations", ())),
            )
            for p in brief.get("key_points", ())
        ],
        conflicts=[
            Disagreement(
                kind=str(c.get("kind", "")),
                claims=[
                    Claim(str(claim.get("value", "")), found)
                    for claim in c.get("claims", ())
                    if (found := cite(claim["citation"])) is not None
                ],
            )
            for c in brief.get("conflicts", ())
        ],
        timeline=[
            Event(
                date=str(e.get("date", "")),
                label=timeline_when(e)[1],
                text=str(e.get("text", "")),
                citations=cites(e.get("citations", ())),
            )
            for e in brief.get("timeline", ())
        ],
        sources=sources,
        first_published=coverage.first_published,
        last_published=coverage.last_published,
    )
