"""Every write of coverage: assign a published story to its event, withdraw it, merge, recluster.

Named `<entity>_<action>` with keyword-only arguments (HackSoft style); signals.py, the
samples loader and the `recluster` command call these.

The engine's StoryIndex lives in memory only. Assignment does not keep one between calls: each
`coverage_assign` rebuilds it from the database, replaying in publication order the stored
profiles of the members of the coverages open to the new article (those whose span comes
within the engine's window of its day) published up to its day, then adds the article. The
same code gives the same answer in a web process, in a worker, or after a restart, and no
process holds a copy that another one has made stale. The replay is bounded by the window,
not by the archive (see the README for its cost). Assignments are serialised (an advisory
lock on PostgreSQL; SQLite already has one writer at a time), so two workers cannot both
start a new coverage for the same event.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from nutgraf.engine.stories import (
    ClusterSettings,
    Profile,
    StoryIndex,
    cluster_profiles,
    merge_story,
)
from nutgraf.engine.stories.merge import order_briefs
from nutgraf.web.coverage import briefs, profiles
from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.stories.models import Story

SETTINGS = ClusterSettings()
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


def _member_profile(member: CoverageMember) -> Profile:
    return profiles.stored_profile(
        day=member.day,
        terms=member.terms,
        anchors=member.anchors,
        signature=member.signature,
        shingles=member.shingles,
    )


def _open_members(*, day: float | None) -> list[CoverageMember]:
    """Members of the coverages open to an article of `day`, up to that day, oldest first."""
    window = SETTINGS.window_days
    if day is None:
        latest = Coverage.objects.exclude(last_day=None).order_by("-last_day").first()
        day = latest.last_day if latest is not None else None
    coverages = Coverage.objects.all()
    if day is not None:
        coverages = coverages.filter(
            Q(first_day=None) | Q(first_day__lte=day + window, last_day__gte=day - window)
        )
    members = CoverageMember.objects.filter(coverage__in=coverages).only(
        "id", "coverage_id", "day", "terms", "anchors", "signature", "shingles"
    )
    if day is not None:
        # The index takes articles in publication order and closes stories as its clock
        # passes their window: replaying later articles first would close the very stories
        # an older article belongs to. A late article therefore sees the coverage as it stood
        # on its day; `recluster` gathers it with anything begun after it.
        members = members.filter(Q(day=None) | Q(day__lte=day))
    return sorted(members, key=lambda m: (m.day is None, m.day or 0.0, m.id))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the index put an article: an existing coverage, or None for a new one."""

    coverage_id: int | None
    score: float
    near_copy: bool


def coverage_place(*, profile: Profile) -> Placement:
    """Rebuild the live index from the open coverages and add `profile` to it (no writes)."""
    index = StoryIndex(SETTINGS)
    owners: list[int] = []
    for member in _open_members(day=profile.day):
        index.add(_member_profile(member))
        owners.append(member.coverage_id)
    found = index.add(profile)
    if found.near_copy_of is not None:
        return Placement(owners[found.near_copy_of], 1.0, True)
    if found.created:
        return Placement(None, 0.0, False)
    # The index's story may not match the stored coverages one for one (they may come from a
    # batch re-clustering): the coverage most of that story's earlier articles belong to wins.
    votes = Counter(owners[a] for a in index.members(found.story) if a != found.article)
    return Placement(votes.most_common(1)[0][0], found.score, False)


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
        CoverageMember.objects.filter(pk=member.pk).update(**fields)
        return coverage_merge(coverage=member.coverage)
    placement = coverage_place(profile=profile)
    if placement.coverage_id is None:
        coverage = Coverage.objects.create(title=story.headline, slug=_unique_slug(story.headline))
    else:
        coverage = Coverage.objects.get(pk=placement.coverage_id)
    CoverageMember.objects.create(coverage=coverage, story=story, **fields)
    return coverage_merge(coverage=coverage)


@transaction.atomic
def coverage_withdraw(*, story: Story) -> None:
    """Take `story` out of its coverage (unpublished or deleted) and merge what remains."""
    member = CoverageMember.objects.filter(story_id=story.pk).select_related("coverage").first()
    if member is None:
        return
    coverage = member.coverage
    member.delete()
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
        if m.story.status == Story.Status.PUBLISHED and m.story.published_at <= now
    ]
    pending = [m.story.published_at for m in members if m not in visible]
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
        for member, article in zip(chain, merged.articles, strict=True):
            member.position = article.index
            member.role = article.role
            member.follows = chain[article.follows].story if article.follows is not None else None
            member.copied, member.covered = article.copied, article.covered
            member.added = [{"id": c.sentence, "text": c.text} for c in article.added]
            member.outlet = article.outlet[:200]
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
        found.append((story, _member_profile(member) if member else profiles.story_profile(story)))
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
    for coverage in touched:
        coverage_merge(coverage=coverage)
    return Reclustered(stories=len(items), coverages=len(touched), moved=moved)


def coverage_assign_many(*, stories: Sequence[Story]) -> list[Coverage | None]:
    """Assign stories one by one in their sources' publication order (samples, imports)."""
    ordered = sorted(stories, key=lambda s: (profiles.story_profile(s).day or math.inf, s.pk))
    return [coverage_assign(story=story) for story in ordered]
