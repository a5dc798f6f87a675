"""The story page's query: one query gives the story, its category, the comment count and the
coverage, never the brief; readers see only visible stories; a slug is a value, never SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nutgraf.web.comments.models import Comment
from nutgraf.web.stories import selectors, services
from nutgraf.web.stories.models import Story


def test_one_query_gives_the_category_comment_count_and_coverage(
    publish_set, django_assert_num_queries
):
    commented = next(iter(publish_set("ferry-fire").values()))
    for n, status in enumerate([Comment.Status.APPROVED] * 3 + [Comment.Status.PENDING]):
        Comment.objects.create(
            story=commented, name=f"R{n}", email="r@example.org", text="x", status=status
        )
    with django_assert_num_queries(1):
        story = selectors.story_get_for_reader(slug=commented.slug)
        assert story is not None and story.category.name
    assert story.comment_count == 3  # approved only
    assert story.coverage_slug and "5 articles" in story.coverage_counts
    assert "brief" in story.get_deferred_fields()  # the page keeps its article as a fragment


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


@pytest.mark.parametrize("slug", ["no-such-story", "x' OR '1'='1", "%", "_", ""])
def test_a_slug_is_a_value_never_sql(make_story, sample_inputs, slug):
    make_story(sample_inputs[0])
    assert selectors.story_get_for_reader(slug=slug, include_unpublished=True) is None
    assert Story.objects.count() == 1
