"""Reads: published content only, filters, cursor pagination, ETag / Last-Modified and 304."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from nutgraf.web.stories import services
from nutgraf.web.stories.models import Story


def walk(client: Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a cursor-paginated list, following next_cursor to the end."""
    items, cursor = [], None
    for _ in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, query).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursor never ended")


def test_lists_show_only_published_stories(
    client: Client, published: list[Story], make_story: Callable[..., Story], sample_inputs: Any
) -> None:
    draft = make_story(sample_inputs[0], publish=False)
    scheduled = make_story(sample_inputs[1], publish=False)
    services.story_publish(story=scheduled, at=timezone.now() + timedelta(days=1))
    ids = [item["id"] for item in walk(client, "/api/v1/stories", limit=3)]
    assert sorted(ids) == sorted(s.id for s in published)
    assert len(ids) == len(set(ids)), "a story appeared on two pages"
    for hidden in (draft, scheduled):
        assert client.get(f"/api/v1/stories/{hidden.id}").status_code == 404
        assert client.get(f"/api/v1/stories/{hidden.id}/articles").status_code == 404
        assert client.get(f"/api/v1/articles/{hidden.source_id}").status_code == 404


def test_pages_are_newest_first_and_stable(client: Client, published: list[Story]) -> None:
    items = walk(client, "/api/v1/stories", limit=2)
    stamps = [item["published_at"] for item in items]
    assert stamps == sorted(stamps, reverse=True)
    assert items[0]["id"] == published[0].id


def test_story_detail_carries_the_stored_brief(client: Client, published: list[Story]) -> None:
    story = published[0]
    body = client.get(f"/api/v1/stories/{story.id}").json()
    assert body["headline"] == story.headline
    assert body["brief"] == story.brief
    assert body["article_ids"] == [story.source_id]
    assert body["url"].endswith(story.get_absolute_url())
    assert {e["name"] for e in body["entities"]} <= {e["name"] for e in story.brief["entities"]}
    assert "review_flags" not in body and "status" not in body


def test_articles_and_entities(client: Client, published: list[Story]) -> None:
    story = published[0]
    articles = client.get(f"/api/v1/stories/{story.id}/articles").json()["items"]
    assert [a["id"] for a in articles] == [story.source_id]
    article = client.get(f"/api/v1/articles/{story.source_id}").json()
    assert article["story_ids"] == [story.id]
    assert article["text"] == story.body_text
    assert "content" not in article and "location" not in article
    entity = client.get(f"/api/v1/stories/{story.id}").json()["entities"][0]
    detail = client.get(f"/api/v1/entities/{entity['id']}").json()
    assert detail["name"] == entity["name"]
    tagged = walk(client, "/api/v1/stories", entity=entity["id"])
    assert story.id in {s["id"] for s in tagged}
    assert detail["story_count"] == len(tagged)


def test_filters_by_category_and_dates(client: Client, published: list[Story]) -> None:
    category = published[0].category
    in_category = walk(client, "/api/v1/stories", category=category.slug)
    assert {s["id"] for s in in_category} == {
        s.id for s in published if s.category_id == category.id
    }
    middle = sorted(s.published_at for s in published)[len(published) // 2]
    since = walk(client, "/api/v1/stories", since=middle.isoformat())
    until = walk(client, "/api/v1/stories", until=middle.isoformat())
    assert {s["id"] for s in since} == {s.id for s in published if s.published_at >= middle}
    assert {s["id"] for s in until} == {s.id for s in published if s.published_at < middle}


def test_search_finds_published_stories_with_a_cursor(
    client: Client, published: list[Story], make_story: Callable[..., Story], sample_inputs: Any
) -> None:
    word = published[0].headline.split()[0]
    draft = make_story(sample_inputs[0], publish=False)
    found = walk(client, "/api/v1/search", q=word, limit=1)
    assert published[0].id in {s["id"] for s in found}
    assert draft.id not in {s["id"] for s in found}
    # "said" is in every sample and, unlike "the", is no stop word of PostgreSQL's search.
    first = client.get("/api/v1/search", {"q": "said", "limit": 1}).json()
    assert first["next_cursor"] is not None, "every sample holds 'said'"
    other = client.get("/api/v1/search", {"q": "zzz", "cursor": first["next_cursor"]})
    assert other.status_code == 400
    assert other.json()["error"]["code"] == "bad_cursor"


def test_etag_and_last_modified_give_304_until_a_change(
    client: Client, published: list[Story], editor: Any
) -> None:
    story = published[0]
    path = f"/api/v1/stories/{story.id}"
    first = client.get(path)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/api/v1/stories", headers={"If-None-Match": etag}).status_code == 200
    listing = client.get("/api/v1/stories")
    assert (
        client.get("/api/v1/stories", headers={"If-None-Match": listing["ETag"]}).status_code == 304
    )

    services.story_update(
        story=story,
        editor=editor,
        headline="A new headline for the API test",
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"]],
        faq=[(f["question"], f["answer"]) for f in story.brief["faq"]],
    )
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["headline"] == "A new headline for the API test"
    assert (
        client.get("/api/v1/stories", headers={"If-None-Match": listing["ETag"]}).status_code == 200
    )
