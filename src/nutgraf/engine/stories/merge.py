"""The merged brief of a story: what is known, by how many independent reports, and where
outlets disagree.

From the single-article briefs of a story's articles (any order):

    1. order      by publication time (undated last, in the order given)
    2. versions   one outlet's pages of one article (AMP, print, a second host, a revision)
                  become one article with its newest text and its versions listed (versions.py)
    3. lineage    lineage.trace_lineage: roles, and each fact sentence's origin report
    4. facts      a fact of the story gathers every sentence restating it, across articles
    5. points     the facts most independent reports support, each said once: among facts
                  with as many reports, the one least like the points already chosen, then
                  most articles, then the earliest; a fact that says again what a chosen
                  point says (other words, the same quotation) is not a second point
    6. conflicts  the same statement with another figure, date or name (conflicts.py)
    7. timeline   the facts the engine's dates place on a day, month or year (resolved against
                  each article's own publication time; unresolved ones left out), one entry per
                  date and fact
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from nutgraf.engine.dates import find_dates, precision_date
from nutgraf.engine.facts import Claim, Known, restates, same_fact
from nutgraf.engine.records import Brief, DateMention
from nutgraf.engine.stories.conflicts import find_conflicts
from nutgraf.engine.stories.lineage import Key, Trace, trace_lineage
from nutgraf.engine.stories.profiles import published_day
from nutgraf.engine.stories.records import (
    ArticleVersion,
    Citation,
    SourceCount,
    StoryArticle,
    StoryBrief,
    StoryEntity,
    StoryEvent,
    StoryPoint,
)
from nutgraf.engine.stories.restatements import quotations, shares_quotation
from nutgraf.engine.stories.signatures import sign_text
from nutgraf.engine.stories.versions import group_versions, outlet_domain
from nutgraf.engine.terms import weighted_overlap

Cite = Callable[[Key], Citation]

#: Timeline entries a merged brief keeps, oldest first.
TIMELINE_EVENTS = 20


def outlet_of(brief: Brief) -> str:
    """The outlet's name: the page's site name, else its host's registrable domain (so that
    `amp.`, `m.` and CDN hosts of one site are one outlet), else the location."""
    if brief.source.site_name:
        return brief.source.site_name
    url = brief.source.url or brief.source.location
    domain = outlet_domain(url) if "://" in url else None
    if domain:
        return domain
    host = urlsplit(url).hostname if "://" in url else None
    return host.removeprefix("www.") if host else brief.source.location


def order_briefs(briefs: Sequence[Brief]) -> list[Brief]:
    def key(item: tuple[int, Brief]) -> tuple[bool, float, int]:
        day = published_day(item[1].source.published)
        return (day is None, day if day is not None else math.inf, item[0])

    return [brief for _, brief in sorted(enumerate(briefs), key=key)]


def group_articles(ordered: Sequence[Brief]) -> list[list[int]]:
    """Positions of `ordered` (publication order) grouped into articles: each group is one
    outlet's versions of one article, oldest first; groups in order of first publication."""
    signatures = [sign_text(" ".join(s.text for s in brief.sentences)) for brief in ordered]
    return group_versions([brief.source.url for brief in ordered], signatures)


def merge_story(briefs: Sequence[Brief], *, points: int = 7) -> StoryBrief:
    """The merged brief of one story's articles (steps 1-7 of the module docstring)."""
    ordered = order_briefs(briefs)
    groups = group_articles(ordered)
    newest = [ordered[group[-1]] for group in groups]
    first = [ordered[group[0]] for group in groups]
    trace = trace_lineage(
        [brief.sentences for brief in newest], [brief.entities for brief in newest]
    )
    outlets = [outlet_of(brief) for brief in newest]
    text_of = {(a, s.id): s.text for a, brief in enumerate(newest) for s in brief.sentences}

    def cite(key: Key) -> Citation:
        return Citation(key[0], key[1], text_of[key])

    dates = _fact_dates(newest, first, trace)
    articles = tuple(
        StoryArticle(
            index=a,
            location=brief.source.location,
            url=brief.source.url,
            outlet=outlets[a],
            title=brief.title,
            published=first[a].source.published,
            role=line.role,
            follows=line.follows,
            copied=line.copied,
            covered=line.covered,
            added=tuple(cite((a, i)) for i in line.added),
            versions=tuple(
                ArticleVersion(
                    ordered[p].source.location,
                    ordered[p].source.url,
                    ordered[p].source.published,
                    ordered[p].title,
                )
                for p in group[:-1]
            ),
        )
        for a, (brief, line, group) in enumerate(zip(newest, trace.lineage, groups, strict=True))
    )
    independent = sum(1 for line in trace.lineage if line.role == "original")
    lead = next((a for a, line in enumerate(trace.lineage) if line.role == "original"), 0)
    lead_brief = newest[lead] if newest else None
    dated = [b.source.published for b in ordered if published_day(b.source.published) is not None]
    return StoryBrief(
        title=lead_brief.title if lead_brief else "",
        category=_category(newest),
        summary=lead_brief.summary if lead_brief else "",
        summary_citations=tuple(
            cite((lead, i)) for i in lead_brief.summary_sources if (lead, i) in text_of
        )
        if lead_brief
        else (),
        counts=SourceCount(len(newest), len(set(outlets)), independent),
        articles=articles,
        key_points=_points(trace, outlets, cite, points),
        conflicts=find_conflicts(newest, trace, outlets, dates, cite),
        timeline=_timeline(trace, dates, cite),
        entities=_entities(newest),
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


def _points(trace: Trace, outlets: list[str], cite: Cite, limit: int) -> tuple[StoryPoint, ...]:
    """The facts most independent reports state, each said once (module docstring, step 5).

    Among facts with as many reports, the one least like the points already chosen comes
    first, then the one most articles state, then the earliest: a story's main fact is told
    by every report in its own words, and a second wording of it is no second point.
    """
    remaining = [
        [k for k in members if _worth_a_point(trace.claims[k])] for members in _gather_facts(trace)
    ]
    remaining = [members for members in remaining if members]
    chosen: list[list[Key]] = []
    while remaining and len(chosen) < limit:
        reports = max(len({trace.origins[k] for k in members}) for members in remaining)
        tier = [m for m in remaining if len({trace.origins[k] for k in m}) == reports]
        best = min(
            tier,
            key=lambda members: (
                round(_likeness(members, chosen, trace), 1),
                -len({k[0] for k in members}),
                members[0],
            ),
        )
        remaining.remove(best)
        if not any(_says_again(best, other, trace) for other in chosen):
            chosen.append(best)
    return tuple(_point(members, trace, outlets, cite) for members in chosen)


#: Content words a key point needs: fewer is a fragment or a line of the page, not a fact.
POINT_WORDS = 6


def _worth_a_point(claim: Claim) -> bool:
    """A whole sentence (it ends as one) of some substance that names someone or something,
    or states a figure or someone's words: what a reader can check."""
    text = claim.text.rstrip()
    whole = text[-1:] in {".", "!", "”", '"', "’", "'", ")"}
    return (
        whole
        and len(claim.terms.words) >= POINT_WORDS
        and bool(claim.names or claim.figures or claim.quoted)
    )


def _likeness(members: list[Key], chosen: list[list[Key]], trace: Trace) -> float:
    """How much the fact's first statement resembles the closest chosen point (0..1)."""
    if not chosen:
        return 0.0
    claim = trace.claims[members[0]]
    return max(
        weighted_overlap(claim.terms, trace.claims[k].terms, trace.weights)
        for other in chosen
        for k in other
    )


def _says_again(members: list[Key], chosen: list[Key], trace: Trace) -> bool:
    """Does a candidate point state again what a chosen one states? Each of its statements is
    compared with every sentence of the chosen point: the same quotation, the same fact, or
    nothing beyond them (facts.py). Each statement, not only the first: the outlets word one
    fact each their own way, and the wording that gives it away may be any of theirs ("X's
    removal was disclosed by the committees' Democrats" after "X has been fired, the
    committees' top Democrats confirmed")."""
    others: list[Claim] = [trace.claims[k] for k in chosen]
    quoted = [q for o in others for q in quotations(o.text)]
    known = Known(others)
    for key in members:
        claim = trace.claims[key]
        if shares_quotation(quotations(claim.text), quoted):
            return True
        if any(same_fact(claim, other, trace.weights) for other in others):
            return True
        if restates(claim, known):
            return True
    return False


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


def _fact_dates(
    newest: Sequence[Brief], first: Sequence[Brief], trace: Trace
) -> dict[Key, DateMention]:
    """The first resolved date of each fact sentence, by the engine's dates, resolved against
    when the outlet first published the article; periods ("for two weeks") left out."""
    found: dict[Key, DateMention] = {}
    for a, brief in enumerate(newest):
        facts = set(trace.facts[a])
        sentences = [s for s in brief.sentences if s.id in facts]
        for mention in find_dates(sentences, first[a].source.published):
            if mention.value and mention.kind != "duration":
                found.setdefault((a, mention.sentence_id), mention)
    return found


def _timeline(trace: Trace, dates: dict[Key, DateMention], cite: Cite) -> tuple[StoryEvent, ...]:
    group_of = {key: n for n, members in enumerate(_gather_facts(trace)) for key in members}
    events: list[tuple[str, str, list[Key]]] = []
    for key in sorted(dates):
        mention = dates[key]
        when = precision_date(mention) or mention.value or ""
        for date, _, members in events:
            if date == when and (
                group_of.get(members[0]) == group_of.get(key)
                or same_fact(trace.claims[key], trace.claims[members[0]], trace.weights)
            ):
                members.append(key)
                break
        else:
            events.append((when, mention.text, [key]))
    events.sort(key=lambda item: (item[0], item[2][0]))
    return tuple(
        StoryEvent(date, date_text, cite(members[0]).text, tuple(cite(k) for k in members))
        for date, date_text, members in events[:TIMELINE_EVENTS]
    )
