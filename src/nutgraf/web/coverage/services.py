"""Every write of coverage: assign a published story to its event, withdraw it, merge, recluster.

Named `<entity>_<action>` with keyword-only arguments (HackSoft style); signals.py, the
samples loader and the `recluster` command call these.

Where a new article goes is decided by the engine's StoryIndex, kept warm in each process
and numbered by a generation in the database (index.py): every write here that changes what
assignment reads either adds one article in order (the generation moves on) or resets it
(`index_reset`: withdrawals, changed profiles, re-clustering, late articles), so no process
ever places an article with an index another process has made stale. Assignments are
serialised (an advisory lock on PostgreSQL; SQLite already has one writer at a time), so two
workers cannot both start a new coverage for the same event.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from nutgraf.engine.stories import Profile, cluster_profiles, merge_story
from nutgraf.engine.stories.merge import group_articles, order_briefs
from nutgraf.web.coverage import briefs, profiles
from nutgraf.web.coverage.index import (
    SETTINGS,
    WarmIndex,
    index_reset,
    index_state,
    member_profile,
)
from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.stories.models import Story

#: Key points a merged brief keeps.
POINTS = 7
#: Any fixed number: the PostgreSQL advisory lock that serialises assignments.
ASSIGN_LOCK = 0x6E757467


def _unique_slug(text: str) -> str:
    base = slugify(text)[:110].strip("-") or "coverage"
    slug, n = base, 2
    while Coverage.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ASSIGN_LOCK])


def _is_member_story(story: Story) -> bool:
    return story.status == Story.Status.PUBLISHED and story.published_at is not None


@transaction.atomic
def coverage_assign(*, story: Story) -> Coverage | None:
    """Put a published story into the coverage of its event (or a new one) and merge it.

    A story already in a coverage keeps it (its profile is refreshed: a recomposed article may
    read differently) and the coverage is merged again. A story that is not published leaves
    its coverage. Returns the story's coverage, or None when it has none.
    """
    _lock()
    story = Story.objects.get(pk=story.pk)
    if not _is_member_story(story):
        coverage_withdraw(story=story)
        return None
    profile = profiles.story_profile(story)
    fields = profiles.profile_fields(profile)
    member = CoverageMember.objects.filter(story=story).select_related("coverage").first()
    if member is not None:
        if _changed(member, fields):
            CoverageMember.objects.filter(pk=member.pk).update(**fields)
            index_reset()
        return coverage_merge(coverage=member.coverage)
    state = index_state(for_update=True)
    warm = warm_index()
    placement = warm.place(profile=profile, state=state)
    if placement.coverage_id is None:
        coverage = Coverage.objects.create(title=story.headline, slug=_unique_slug(story.headline))
    else:
        coverage = Coverage.objects.get(pk=placement.coverage_id)
    state.generation += 1
    if placement.late:
        state.reset_generation = state.generation
    state.save(update_fields=["generation", "reset_generation"])
    CoverageMember.objects.create(
        coverage=coverage, story=story, added_generation=state.generation, **fields
    )
    if not placement.late:
        warm.confirm(coverage_id=coverage.pk, generation=state.generation)
    return coverage_merge(coverage=coverage)


def warm_index() -> WarmIndex:
    """This process's kept assignment index (made by the coverage app when Django starts)."""
    index: WarmIndex = apps.get_app_config("coverage").index  # type: ignore[attr-defined]
    return index


def _changed(member: CoverageMember, fields: dict[str, object]) -> bool:
    """Does a recomposed article's profile differ from the stored one?"""
    stored = profiles.profile_fields(member_profile(member))
    return any(stored[key] != value for key, value in fields.items())


@transaction.atomic
def coverage_withdraw(*, story: Story) -> None:
    """Take `story` out of its coverage (unpublished or deleted) and merge what remains."""
    member = CoverageMember.objects.filter(story_id=story.pk).select_related("coverage").first()
    if member is None:
        return
    coverage = member.coverage
    member.delete()
    index_reset()
    coverage_merge(coverage=coverage)


def _span(days: Iterable[float | None]) -> tuple[float | None, float | None]:
    known = [d for d in days if d is not None and not math.isnan(d)]
    return (min(known), max(known)) if known else (None, None)


def coverage_merge(*, coverage: Coverage, now: datetime | None = None) -> Coverage | None:
    """Merge the briefs of the coverage's visible members into its StoryBrief and store it.

    Members whose publication time has not come are left out, and `refresh_at` says when the
    merge must run again. A coverage without members is deleted (returns None).
    """
    now = now or timezone.now()
    members = list(
        CoverageMember.objects.filter(coverage=coverage)
        .select_related("story")
        .defer("terms", "anchors", "signature")
    )
    if not members:
        coverage.delete()
        return None
    visible = [
        m
        for m in members
        if m.story.status == Story.Status.PUBLISHED
        and m.story.published_at is not None
        and m.story.published_at <= now
    ]
    pending = [m.story.published_at for m in members if m not in visible and m.story.published_at]
    coverage.refresh_at = min(pending) if pending else None
    coverage.first_day, coverage.last_day = _span(m.day for m in members)
    # Outlets often give only a date: on the same day, the order the site published them.
    visible.sort(key=lambda m: (m.story.published_at, m.story.pk))
    loaded = [(member, briefs.brief_of_story(member.story)) for member in visible]
    owner = {id(brief): member for member, brief in loaded}
    # merge_story orders by publication too, with a stable sort: the same order as here.
    ordered = order_briefs([brief for _, brief in loaded])
    chain = [owner[id(brief)] for brief in ordered]
    if chain:
        merged = merge_story(ordered, points=POINTS)
        coverage.brief = merged.to_dict()
        coverage.title = (merged.title or chain[0].story.headline)[:300]
        coverage.articles = merged.counts.articles
        coverage.outlets = merged.counts.outlets
        coverage.independent = merged.counts.independent
        coverage.counts_text = merged.counts.text
        coverage.first_published = (merged.first_published or "")[:40]
        coverage.last_published = (merged.last_published or "")[:40]
        # The engine folds one outlet's pages of one article into one article (its newest
        # page's story); the others are its versions, following it.
        groups = group_articles(ordered)
        kept = [chain[group[-1]] for group in groups]
        for group, article in zip(groups, merged.articles, strict=True):
            for position in group:
                member = chain[position]
                member.position = article.index
                member.outlet = article.outlet[:200]
                if member is kept[article.index]:
                    member.role = article.role
                    follows = article.follows
                    member.follows = kept[follows].story if follows is not None else None
                    member.copied, member.covered = article.copied, article.covered
                    member.added = [{"id": c.sentence, "text": c.text} for c in article.added]
                else:
                    member.role = CoverageMember.Role.VERSION
                    member.follows = kept[article.index].story
                    member.copied, member.covered, member.added = 1.0, 1.0, []
        CoverageMember.objects.bulk_update(
            chain, ["position", "role", "follows", "copied", "covered", "added", "outlet"]
        )
    else:
        coverage.brief, coverage.counts_text = {}, ""
        coverage.articles = coverage.outlets = coverage.independent = 0
    coverage.updated_at = now
    coverage.save()
    return coverage


def coverage_merge_due(*, now: datetime | None = None) -> int:
    """Merge again every coverage whose scheduled member has come out; returns how many."""
    now = now or timezone.now()
    due = list(Coverage.objects.filter(refresh_at__lte=now))
    for coverage in due:
        coverage_merge(coverage=coverage, now=now)
    return len(due)


@dataclass(frozen=True, slots=True)
class Reclustered:
    stories: int
    coverages: int
    moved: int


def _published_members() -> list[tuple[Story, Profile]]:
    stored = {m.story_id: m for m in CoverageMember.objects.all()}
    found = []
    for story in (
        Story.objects.filter(status=Story.Status.PUBLISHED)
        .exclude(published_at=None)
        .order_by("id")
    ):
        member = stored.get(story.pk)
        found.append((story, member_profile(member) if member else profiles.story_profile(story)))
    return found


@transaction.atomic
def coverage_recluster(*, rounds: int = 0) -> Reclustered:
    """Re-cluster every published story with the engine's batch pass and store the result.

    `rounds=0` (the default) replays the online assignment over the whole archive in
    publication order, which gathers late articles and follows changed settings. The engine's
    reassign-and-merge rounds (`rounds=1`) are tuned on large corpora: on the demo's few
    single-outlet samples they merge different events in one town (see the README).

    Each new cluster keeps the coverage (and its slug, so links hold) that most of its
    stories were in, when no larger cluster took that coverage first; the rest get new ones.
    """
    _lock()
    items = _published_members()
    labels = cluster_profiles([profile for _, profile in items], SETTINGS, rounds=rounds)
    current = dict(CoverageMember.objects.values_list("story_id", "coverage_id"))
    clusters: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        clusters.setdefault(label, []).append(position)
    taken: set[int] = set()
    moved = 0
    touched: list[Coverage] = []
    for positions in sorted(clusters.values(), key=len, reverse=True):
        votes = Counter(current[items[p][0].pk] for p in positions if items[p][0].pk in current)
        keep = next((c for c, _ in votes.most_common() if c not in taken), None)
        if keep is None:
            lead = items[positions[0]][0]
            coverage = Coverage.objects.create(
                title=lead.headline, slug=_unique_slug(lead.headline)
            )
        else:
            coverage = Coverage.objects.get(pk=keep)
        taken.add(coverage.pk)
        touched.append(coverage)
        for p in positions:
            story, profile = items[p]
            if current.get(story.pk) != coverage.pk:
                moved += 1
            CoverageMember.objects.update_or_create(
                story=story, defaults={"coverage": coverage, **profiles.profile_fields(profile)}
            )
    CoverageMember.objects.exclude(story__status=Story.Status.PUBLISHED).delete()
    Coverage.objects.exclude(pk__in=taken).delete()
    index_reset()
    for coverage in touched:
        coverage_merge(coverage=coverage)
    return Reclustered(stories=len(items), coverages=len(touched), moved=moved)


def coverage_assign_many(*, stories: Sequence[Story]) -> list[Coverage | None]:
    """Assign stories one by one in their sources' publication order (samples, imports)."""
    ordered = sorted(stories, key=lambda s: (profiles.story_profile(s).day or math.inf, s.pk))
    return [coverage_assign(story=story) for story in ordered]
