"""The merged brief of a story: what is known, by how many independent reports, and where
outlets disagree.

From the single-article briefs of a story's articles (any order):

    1. order      by publication time (undated last, in the order given)
    2. lineage    lineage.trace_lineage: roles, and each fact sentence's origin report
    3. facts      a fact of the story gathers every sentence restating it, across articles
    4. points     the facts most independent reports support, then most articles, then the
                  earliest stated; each lists every article stating it
    5. conflicts  statements alike but for a figure, a date or a name, from different reports
    6. timeline   the articles' dated events (dates already resolved against each article's
                  own publication date), merged when they fall on one day and say one thing
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from nutgraf.engine.dates import find_dates
from nutgraf.engine.records import Brief, DateMention
from nutgraf.engine.redundancy import same_fact
from nutgraf.engine.stories.lineage import Key, Trace, trace_lineage
from nutgraf.engine.stories.profiles import published_day
from nutgraf.engine.stories.records import (
    Citation,
    Conflict,
    ConflictClaim,
    SourceCount,
    StoryArticle,
    StoryBrief,
    StoryEntity,
    StoryEvent,
    StoryPoint,
)
from nutgraf.engine.terms import Terms, sentence_terms, tokenize, weighted_overlap

Cite = Callable[[Key], Citation]

#: Overlap of everything but the disputed figure, date or name that makes two statements alike.
CONFLICT_OVERLAP = 0.6


def outlet_of(brief: Brief) -> str:
    """The outlet's name: the page's site name, else the URL's host, else the location."""
    if brief.source.site_name:
        return brief.source.site_name
    url = brief.source.url or brief.source.location
    host = urlsplit(url).hostname if "://" in url else None
    if host:
        return host.removeprefix("www.")
    return brief.source.location


def order_briefs(briefs: Sequence[Brief]) -> list[Brief]:
    def key(item: tuple[int, Brief]) -> tuple[bool, float, int]:
        day = published_day(item[1].source.published)
        return (day is None, day if day is not None else math.inf, item[0])

    return [brief for _, brief in sorted(enumerate(briefs), key=key)]


def merge_story(briefs: Sequence[Brief], *, points: int = 7) -> StoryBrief:
    """The merged brief of one story's articles (steps 1-6 of the module docstring)."""
    ordered = order_briefs(briefs)
    trace = trace_lineage([brief.sentences for brief in ordered])
    outlets = [outlet_of(brief) for brief in ordered]
    text_of = {(a, s.id): s.text for a, brief in enumerate(ordered) for s in brief.sentences}

    def cite(key: Key) -> Citation:
        return Citation(key[0], key[1], text_of[key])

    facts = _gather_facts(trace)
    ranked = sorted(
        facts,
        key=lambda members: (
            -len({trace.origins[k] for k in members}),
            -len({k[0] for k in members}),
            members[0],
        ),
    )
    key_points = tuple(_point(members, trace, outlets, cite) for members in ranked[:points])
    articles = tuple(
        StoryArticle(
            index=a,
            location=brief.source.location,
            url=brief.source.url,
            outlet=outlets[a],
            title=brief.title,
            published=brief.source.published,
            role=line.role,
            follows=line.follows,
            copied=line.copied,
            covered=line.covered,
            added=tuple(cite((a, i)) for i in line.added),
        )
        for a, (brief, line) in enumerate(zip(ordered, trace.lineage, strict=True))
    )
    independent = sum(1 for line in trace.lineage if line.role == "original")
    lead = next((a for a, line in enumerate(trace.lineage) if line.role == "original"), 0)
    lead_brief = ordered[lead] if ordered else None
    dated = [b.source.published for b in ordered if published_day(b.source.published) is not None]
    return StoryBrief(
        title=lead_brief.title if lead_brief else "",
        category=_category(ordered),
        summary=lead_brief.summary if lead_brief else "",
        summary_citations=tuple(cite((lead, i)) for i in lead_brief.summary_sources)
        if lead_brief
        else (),
        counts=SourceCount(len(ordered), len(set(outlets)), independent),
        articles=articles,
        key_points=key_points,
        conflicts=_conflicts(ordered, trace, outlets, cite),
        timeline=_timeline(ordered, trace, cite),
        entities=_entities(ordered),
        first_published=dated[0] if dated else None,
        last_published=dated[-1] if dated else None,
    )


def _gather_facts(trace: Trace) -> list[list[Key]]:
    """Fact sentences grouped by what they state; a restatement joins what it restates."""
    group_of: dict[Key, int] = {}
    groups: list[list[Key]] = []
    for a, ids in enumerate(trace.facts):
        for i in ids:
            key = (a, i)
            earlier = trace.matches.get(key)
            if earlier is not None and earlier in group_of:
                group_of[key] = group_of[earlier]
                groups[group_of[key]].append(key)
            else:
                group_of[key] = len(groups)
                groups.append([key])
    return groups


def _point(members: list[Key], trace: Trace, outlets: list[str], cite: Cite) -> StoryPoint:
    origins = {trace.origins[k] for k in members}
    by_article: dict[int, Key] = {}
    for key in members:
        by_article.setdefault(key[0], key)
    # The words of the earliest original report that states it.
    first = min(members, key=lambda k: (k[0] not in origins, k))
    citations = tuple(cite(key) for key in by_article.values())
    return StoryPoint(
        text=cite(first).text,
        citations=citations,
        independent=len(origins),
        articles=len(by_article),
        outlets=len({outlets[a] for a in by_article}),
        single_source=len(origins) == 1,
    )


def _category(briefs: Sequence[Brief]) -> str:
    counts = Counter(b.category for b in briefs if b.category and b.category != "General")
    return counts.most_common(1)[0][0] if counts else "General"


def _entities(briefs: Sequence[Brief]) -> tuple[StoryEntity, ...]:
    seen: dict[tuple[str, str], tuple[str, set[int]]] = {}
    for a, brief in enumerate(briefs):
        for entity in brief.entities:
            _, found = seen.setdefault((entity.kind, entity.name.lower()), (entity.name, set()))
            found.add(a)
    merged = [
        StoryEntity(name, kind, tuple(sorted(found))) for (kind, _), (name, found) in seen.items()
    ]
    merged.sort(key=lambda e: (-len(e.articles), e.name))
    return tuple(merged)


def _without(terms: Terms, words: frozenset[str]) -> Terms:
    return Terms(
        terms.words - words,
        terms.anchors - words,
        terms.numbers - words,
        terms.length,
        terms.specific - words,
    )


def _conflicts(
    briefs: Sequence[Brief], trace: Trace, outlets: list[str], cite: Cite
) -> tuple[Conflict, ...]:
    """Pairs of statements from different reports, alike but for a figure, a date or a name."""
    dates: dict[Key, DateMention] = {}
    for a, brief in enumerate(briefs):
        for mention in find_dates(brief.sentences, brief.source.published):
            if mention.value and mention.kind != "duration":
                dates.setdefault((a, mention.sentence_id), mention)
    keys = [(a, i) for a, ids in enumerate(trace.facts) for i in ids]
    stripped: dict[Key, Terms] = {}
    for key in keys:
        dated = dates.get(key)
        date_words = (
            frozenset(sentence_terms(dated.text).words) if dated is not None else frozenset()
        )
        stripped[key] = _without(trace.terms[key], date_words)
    found: dict[tuple[str, frozenset[str]], dict[Key, str]] = defaultdict(dict)
    for n, x in enumerate(keys):
        for y in keys[n + 1 :]:
            if x[0] == y[0] or trace.origins[x] == trace.origins[y]:
                continue
            kind_value = _disagreement(x, y, stripped, dates, trace, cite)
            if kind_value is None:
                continue
            kind, value_x, value_y = kind_value
            topic = frozenset(stripped[x].words & stripped[y].words)
            claims = found[(kind, topic)]
            claims.setdefault(x, value_x)
            claims.setdefault(y, value_y)
    conflicts = []
    for (kind, _), claims in found.items():
        if len(set(claims.values())) < 2:
            continue
        conflicts.append(
            Conflict(
                kind,
                tuple(
                    ConflictClaim(value, outlets[key[0]], cite(key))
                    for key, value in sorted(claims.items())
                ),
            )
        )
    return tuple(conflicts)


def _disagreement(
    x: Key,
    y: Key,
    stripped: dict[Key, Terms],
    dates: dict[Key, DateMention],
    trace: Trace,
    cite: Cite,
) -> tuple[str, str, str] | None:
    tx, ty = stripped[x], stripped[y]
    weights = trace.weights
    if tx.numbers and ty.numbers and tx.numbers.isdisjoint(ty.numbers):
        rest = weighted_overlap(_without(tx, tx.numbers), _without(ty, ty.numbers), weights)
        if rest >= CONFLICT_OVERLAP:
            return "figure", _figures(cite(x).text, tx), _figures(cite(y).text, ty)
        return None
    dx, dy = dates.get(x), dates.get(y)
    if dx and dy and dx.value != dy.value and tx.numbers == ty.numbers:
        if weighted_overlap(tx, ty, weights) >= CONFLICT_OVERLAP:
            return "date", f"{dx.value} ({dx.text})", f"{dy.value} ({dy.text})"
        return None
    names_x, names_y = tx.anchors - tx.numbers, ty.anchors - ty.numbers
    only_x, only_y = names_x - names_y, names_y - names_x
    if only_x and only_y and tx.numbers == ty.numbers and names_x & names_y:
        names = only_x | only_y
        rest = weighted_overlap(_without(tx, names), _without(ty, names), weights)
        if rest >= 0.75 and same_fact(_without(tx, names), _without(ty, names), weights):
            return "name", _names(cite(x).text, only_x), _names(cite(y).text, only_y)
    return None


def _figures(text: str, terms: Terms) -> str:
    shown = [t for t in tokenize(text) if t.replace(",", "").rstrip(".") in terms.numbers]
    return ", ".join(dict.fromkeys(shown))


def _names(text: str, stems: frozenset[str]) -> str:
    shown = [t for t in tokenize(text) if sentence_terms(t).words & stems and t[:1].isupper()]
    return " ".join(dict.fromkeys(shown))


def _timeline(briefs: Sequence[Brief], trace: Trace, cite: Cite) -> tuple[StoryEvent, ...]:
    events: list[tuple[str, str, list[Key]]] = []
    for a, brief in enumerate(briefs):
        for event in brief.timeline:
            keys = [(a, i) for i in event.sources if (a, i) in trace.terms]
            if not keys:
                continue
            for date, _, members in events:
                if date == event.date and any(
                    same_fact(trace.terms[keys[0]], trace.terms[m], trace.weights) for m in members
                ):
                    members.extend(keys)
                    break
            else:
                events.append((event.date, event.date_text, keys))
    events.sort(key=lambda item: (item[0], item[2][0]))
    return tuple(
        StoryEvent(date, date_text, cite(members[0]).text, tuple(cite(k) for k in members))
        for date, date_text, members in events
    )
