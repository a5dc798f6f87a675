"""The assignment index: where a published article's event is found, kept warm in the process.

The engine's StoryIndex lives in memory. Rebuilding it for every publication (replaying the
stored profiles of the open coverages' members, `replay`) costs time in proportion to the
articles in the clustering window: fine for an editor's button, too slow for a wire-fed site
(see `nutgraf bench coverage`). So each process keeps the index it last used, and a number in
the database says whether that index is still current:

    CoverageIndex.generation        moves on at every change to what assignment reads
    CoverageIndex.reset_generation  the last change that was not one more article in order
                                    (a withdrawal, a changed profile, a re-clustering, a late
                                    article): an index older than it is rebuilt
    CoverageMember.added_generation the generation that added the member

Placing an article, under the assignment lock (services._lock):

    1. current     the process's index has seen the current generation: add the article
    2. behind      other processes only added articles since: add those members, in the
                   order they were added, then the article (the "one owner" case costs
                   nothing; a second worker catches up in a few milliseconds)
    3. stale       anything else (no index yet, a reset since, an article older than the
                   index's clock): rebuild from the database as the cold path always did

An index changed by a transaction that then rolls back is dropped, not reused: it is marked
current only once the transaction has committed. A rebuild replays exactly what the cold path
replays, so its first answer is the cold answer; after that the warm index also counts the
words of articles of already closed stories in its idf, which the cold replay does not see:
both are valid placements, and a process that did not make the last change never uses a
stale one.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from nutgraf.engine.stories import Assignment, ClusterSettings, Profile, StoryIndex
from nutgraf.web.coverage import profiles
from nutgraf.web.coverage.models import Coverage, CoverageIndex, CoverageMember

SETTINGS = ClusterSettings()

#: The CoverageMember columns an index needs.
PROFILE_FIELDS = ("id", "coverage_id", "day", "terms", "anchors", "signature", "shingles")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the index put an article: an existing coverage, or None for a new one."""

    coverage_id: int | None
    score: float
    near_copy: bool
    warm: bool = False  # decided by a kept index (steps 1-2), not by a rebuild
    late: bool = False  # older than articles already placed: the kept index is dropped


def member_profile(member: CoverageMember) -> Profile:
    return profiles.stored_profile(
        day=member.day,
        terms=member.terms,
        anchors=member.anchors,
        signature=member.signature,
        shingles=member.shingles,
    )


def open_members(*, day: float | None) -> list[CoverageMember]:
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
    members = CoverageMember.objects.filter(coverage__in=coverages).only(*PROFILE_FIELDS)
    if day is not None:
        # The index takes articles in publication order and closes stories as its clock
        # passes their window: replaying later articles first would close the very stories
        # an older article belongs to. A late article therefore sees the coverage as it stood
        # on its day; `recluster` gathers it with anything begun after it.
        members = members.filter(Q(day=None) | Q(day__lte=day))
    return sorted(members, key=lambda m: (m.day is None, m.day or 0.0, m.id))


def index_state(*, for_update: bool = False) -> CoverageIndex:
    """The single CoverageIndex row (made on first use)."""
    rows = CoverageIndex.objects.select_for_update() if for_update else CoverageIndex.objects
    state = rows.filter(pk=1).first()
    if state is None:
        state, _ = CoverageIndex.objects.get_or_create(pk=1)
    return state


def index_reset() -> None:
    """Record a change that is not one more article in order: every kept index is rebuilt."""
    state = index_state(for_update=True)
    state.generation += 1
    state.reset_generation = state.generation
    state.save(update_fields=["generation", "reset_generation"])


class KeptIndex:
    """One process's index and the coverage of every article in it, in the order added."""

    def __init__(self) -> None:
        self.index = StoryIndex(SETTINGS)
        self.owners = array("q")
        self.generation: int | None = None

    def add(self, profile: Profile, coverage_id: int) -> None:
        self.index.add(profile)
        self.owners.append(coverage_id)

    def placement(self, found: Assignment, *, warm: bool = False, late: bool = False) -> Placement:
        if found.near_copy_of is not None:
            return Placement(self.owners[found.near_copy_of], 1.0, True, warm, late)
        if found.created:
            return Placement(None, 0.0, False, warm, late)
        # The index's story may not match the stored coverages one for one (they may come
        # from a batch re-clustering): the coverage most of its earlier articles are in wins.
        votes = Counter(
            self.owners[a] for a in self.index.members(found.story) if a != found.article
        )
        return Placement(votes.most_common(1)[0][0], found.score, False, warm, late)


def cold_place(*, profile: Profile) -> Placement:
    """The placement a rebuild gives, without keeping anything (the reference path)."""
    kept = replay(open_members(day=profile.day))
    return kept.placement(kept.index.add(profile))


def replay(members: Iterable[CoverageMember]) -> KeptIndex:
    kept = KeptIndex()
    for member in members:
        kept.add(member_profile(member), member.coverage_id)
    return kept


class WarmIndex:
    """The process's kept index (one per process, on the coverage AppConfig).

    Only `place` and `confirm` touch it, both under the database's assignment lock; the
    thread lock guards the object itself when two threads of one process interleave.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: KeptIndex | None = None

    def place(self, *, profile: Profile, state: CoverageIndex) -> Placement:
        """Place `profile` (steps 1-3 of the module docstring); the index now holds it.

        A late article (older than articles already placed) is placed as the coverage stood
        on its day, and the kept index is dropped: the caller records a reset.
        """
        with self._lock:
            kept = self._current(profile, state)
            warm = kept is not None
            late = False
            if kept is None:
                late = profile.day is not None and (
                    CoverageMember.objects.filter(day__gt=profile.day).exists()
                )
                kept = replay(open_members(day=profile.day))
            found = kept.index.add(profile)
            if late:
                self._kept = None
                return kept.placement(found, late=True)
            kept.owners.append(0)  # set by `confirm` once the coverage is known
            kept.generation = None  # not current until the transaction commits
            self._kept = kept
            return kept.placement(found, warm=warm)

    def confirm(self, *, coverage_id: int, generation: int) -> None:
        """The placed article went into `coverage_id`; current at `generation` once committed."""
        with self._lock:
            kept = self._kept
            if kept is None:
                return
            kept.owners[-1] = coverage_id

        def current() -> None:
            with self._lock:
                if self._kept is kept:
                    kept.generation = generation

        transaction.on_commit(current)

    def drop(self) -> None:
        with self._lock:
            self._kept = None

    def _current(self, profile: Profile, state: CoverageIndex) -> KeptIndex | None:
        """The kept index brought up to `state` (steps 1-2), or None when it must be rebuilt."""
        kept = self._kept
        if kept is None or kept.generation is None:
            return None
        if kept.generation > state.generation or state.reset_generation > kept.generation:
            return None
        if kept.generation < state.generation:
            later = (
                CoverageMember.objects.filter(added_generation__gt=kept.generation)
                .only(*PROFILE_FIELDS, "added_generation")
                .order_by("added_generation", "id")
            )
            for member in later:
                if _late(member.day, kept.index.clock):
                    return None
                kept.add(member_profile(member), member.coverage_id)
            kept.generation = state.generation
        if _late(profile.day, kept.index.clock):
            return None
        return kept


def _late(day: float | None, clock: float) -> bool:
    """An article dated before what the index has seen cannot be added in order."""
    return day is not None and not math.isinf(clock) and day < clock
