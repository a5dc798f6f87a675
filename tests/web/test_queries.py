"""The number of SQL queries per page does not grow with the number of stories (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nutgraf.web.stories import services
from tests.web.conftest import variant


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def pages(story) -> list[str]:
    entity = story.entities.first()
    return [
        "/",
        story.get_absolute_url(),
        f"{story.get_absolute_url()}source/",
        story.category.get_absolute_url(),
        entity.get_absolute_url(),
        "/archive/",
        "/search/?q=Port",
        "/feeds/rss.xml",
        f"/category/{story.category.slug}/atom.xml",
        "/sitemap.xml",
        "/news-sitemap.xml",
    ]


@pytest.mark.django_db
def test_query_count_is_constant(client, make_story, sample_inputs):
    first = make_story(sample_inputs[0])
    services.related_rebuild()
    few = {url: count(client, url) for url in pages(first)}

    for n in range(12):
        make_story(variant(sample_inputs[n % len(sample_inputs)], n), hours_ago=2 + n)
    services.related_rebuild()
    many = {url: count(client, url) for url in pages(first)}
    assert many == few


def test_story_page_query_budget(client, published, django_assert_max_num_queries):
    url = published[0].get_absolute_url()
    # Fragments missing: the brief with tags and mentions, related, sections; a new generation.
    with django_assert_max_num_queries(14):
        client.get(url)
    # Fragments kept: the generation and the story (and two for comments, when it has some).
    with django_assert_max_num_queries(4):
        client.get(url)
