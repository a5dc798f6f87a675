"""The story page's query, compiled once per process (stories/prepared.py), gives exactly what
the plain queryset gives: every loaded column, the category, the comment count, the coverage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nutgraf.web.comments.models import Comment
from nutgraf.web.stories import selectors, services
from nutgraf.web.stories.models import Story


def loaded(story: Story) -> dict[str, object]:
    """Every value the row put on the instance, the related category's included."""
    values = {k: v for k, v in vars(story).items() if not k.startswith("_")}
    values["category"] = (story.category.id, story.category.name, story.category.slug)
    return values


def plain(slug: str) -> list[Story]:
    return list(selectors._story_page_rows(slug))


def test_prepared_rows_equal_the_querysets(publish_set, make_story, sample_inputs):
    stories = list(publish_set("ferry-fire").values())
    stories.append(make_story(sample_inputs[0], publish=False))  # a draft
    commented = stories[0]
    for n, status in enumerate([Comment.Status.APPROVED] * 3 + [Comment.Status.PENDING]):
        Comment.objects.create(
            story=commented, name=f"R{n}", email="r@example.org", text="x", status=status
        )
    checked = 0
    for story in stories:
        got, expected = selectors._story_page.list(story.slug), plain(story.slug)
        assert [loaded(s) for s in got] == [loaded(s) for s in expected]
        checked += 1
    assert checked == 6
    first = selectors._story_page.list(commented.slug)[0]
    assert first.comment_count == 3
    assert first.coverage_slug and "5 articles" in first.coverage_counts
    assert "brief" in first.get_deferred_fields()  # the page never loads the brief


def test_readers_see_only_visible_stories(make_story, sample_inputs):
    draft = make_story(sample_inputs[0], publish=False)
    scheduled = make_story(sample_inputs[1], publish=False)
    services.story_publish(story=scheduled, at=timezone.now() + timedelta(hours=2))
    live = make_story(sample_inputs[2])
    for story in (draft, scheduled):
        assert selectors.story_get_for_reader(slug=story.slug) is None
        shown = selectors.story_get_for_reader(slug=story.slug, include_unpublished=True)
        assert shown is not None and shown.id == story.id
    assert selectors.story_get_for_reader(slug=live.slug).id == live.id


@pytest.mark.parametrize(
    "slug", ["no-such-story", "x' OR '1'='1", "%", "_", "nutgraf:prepared:value", ""]
)
def test_a_slug_is_a_value_never_sql(make_story, sample_inputs, slug):
    make_story(sample_inputs[0])
    assert selectors.story_get_for_reader(slug=slug, include_unpublished=True) is None
    assert Story.objects.count() == 1
