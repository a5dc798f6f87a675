"""The kept assignment index (coverage/index.py): it places articles as a rebuild from the
database does, catches up with what other processes added, and is rebuilt after any change
that is not one more article in order (a withdrawal, a late article, a rolled-back write)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from nutgraf.web.coverage import index, services
from nutgraf.web.coverage.models import CoverageIndex, CoverageMember
from nutgraf.web.stories import services as story_services


def placements_agree(profile) -> index.Placement:
    """Place `profile` with a fresh kept index and with the cold path: same coverage."""
    state = index.index_state()
    cold = index.cold_place(profile=profile)
    with transaction.atomic():
        warm = index.WarmIndex().place(profile=profile, state=state)
        transaction.set_rollback(True)
    assert (warm.coverage_id, warm.near_copy) == (cold.coverage_id, cold.near_copy)
    return warm


def test_publishing_in_order_keeps_the_index_warm(publish, sample_set_inputs):
    warm = services.warm_index()
    warm.drop()
    items = sample_set_inputs["ferry-fire"]
    stories = []
    for n, (_, composed) in enumerate(items):
        stories.append(publish(composed, minutes_ago=10 * (len(items) - n)))
    state = CoverageIndex.objects.get()
    assert state.generation == len(items) and state.reset_generation == 0
    assert list(
        CoverageMember.objects.order_by("added_generation").values_list("story_id", flat=True)
    ) == [s.pk for s in stories]
    # the kept index is current, and it answers as a rebuild does
    assert warm._kept is not None and warm._kept.generation == state.generation
    member = CoverageMember.objects.get(story=stories[-1])
    placements_agree(index.member_profile(member))


def test_two_processes_take_turns_and_catch_up(publish, sample_set_inputs, monkeypatch):
    """Two workers publishing in turn: each adds what the other added since, no rebuild."""
    from django.apps import apps

    config = apps.get_app_config("coverage")
    workers = [index.WarmIndex(), index.WarmIndex()]
    seen: list[bool] = []
    place = index.WarmIndex.place

    def spy(self, *, profile, state):
        placed = place(self, profile=profile, state=state)
        seen.append(placed.warm)
        return placed

    monkeypatch.setattr(index.WarmIndex, "place", spy)
    items = sample_set_inputs["ferry-fire"]
    stories = []
    for n, (_, composed) in enumerate(items):
        monkeypatch.setattr(config, "index", workers[n % 2])
        stories.append(publish(composed, minutes_ago=10 * (len(items) - n)))
    assert seen == [False, False] + [True] * (len(items) - 2)
    assert len({m.coverage_id for m in CoverageMember.objects.all()}) == 1
    generation = CoverageIndex.objects.get().generation
    current = workers[(len(items) - 1) % 2]
    assert current._kept.generation == generation
    assert len(current._kept.owners) == len(items)


def test_a_withdrawal_resets_every_kept_index(publish_set, django_capture_on_commit_callbacks):
    stories = publish_set("bridge-closure")
    state = CoverageIndex.objects.get()
    kept_generation = state.generation
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_unpublish(story=list(stories.values())[1])
    state.refresh_from_db()
    assert state.reset_generation == state.generation > kept_generation
    member = CoverageMember.objects.order_by("added_generation").last()
    placed = placements_agree(index.member_profile(member))
    assert not placed.warm


def test_a_late_article_is_placed_as_of_its_day_and_resets(publish, sample_set_inputs):
    items = sample_set_inputs["ferry-fire"]
    for n, (_, composed) in enumerate(items[1:], 1):
        publish(composed, minutes_ago=10 * (len(items) - n))
    before = CoverageIndex.objects.get()
    oldest = items[0][1]
    brief = {**oldest.brief, "source": {**oldest.brief["source"], "published": "2025-03-30"}}
    # the oldest article, dated three days before the others, published last
    story = publish(dataclasses.replace(oldest, brief=brief), minutes_ago=1)
    after = CoverageIndex.objects.get()
    assert after.generation == before.generation + 1 == after.reset_generation
    assert CoverageMember.objects.get(story=story).added_generation == after.generation
    assert services.warm_index()._kept is None


def test_a_failed_assignment_leaves_no_current_index(publish, sample_set_inputs):
    items = sample_set_inputs["museum-theft"]
    publish(items[0][1], minutes_ago=30)
    warm = services.warm_index()
    generation = CoverageIndex.objects.get().generation
    assert warm._kept is not None and warm._kept.generation == generation

    def place_then_fail() -> None:
        with transaction.atomic():
            state = index.index_state(for_update=True)
            member = CoverageMember.objects.get()
            warm.place(profile=index.member_profile(member), state=state)
            raise RuntimeError("the write failed after placing")

    with pytest.raises(RuntimeError):
        place_then_fail()
    assert warm._kept is None or warm._kept.generation is None
    state = index.index_state()
    assert state.generation == generation, "nothing was recorded"
    later = timezone.now() - timedelta(minutes=5)
    story = publish(items[1][1], at=later)
    assert CoverageMember.objects.get(story=story).added_generation == generation + 1
