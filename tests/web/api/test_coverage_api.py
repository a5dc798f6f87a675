"""Coverage over the API: the list with its filters and cursor, one coverage with its merged
brief, roles and counts, a story's coverage, and what a reader may not see."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.coverage.samples import sample_lineage
from tests.web.api.test_reads import walk


@pytest.fixture
def coverages(publish_set: Callable[[str], dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {name: publish_set(name) for name in ("ferry-fire", "museum-theft", "bridge-closure")}


def test_the_list_pages_through_every_coverage(client: Client, coverages: Any) -> None:
    items = walk(client, "/api/v1/coverages", limit=2)
    assert sorted(i["id"] for i in items) == sorted(Coverage.objects.values_list("id", flat=True))
    assert len(items) == len({i["id"] for i in items}) == 3
    stamps = [(i["updated_at"], i["id"]) for i in items]
    assert stamps == sorted(stamps, reverse=True)
    first = items[0]
    assert first["url"].endswith(f"/coverage/{first['slug']}/")
    assert first["counts"]["text"].startswith(f"{first['counts']['articles']} articles")


def test_one_coverage_has_the_merged_brief_roles_and_counts(client: Client, coverages: Any) -> None:
    stories = coverages["ferry-fire"]
    lineage = sample_lineage("ferry-fire")
    coverage = CoverageMember.objects.get(story=next(iter(stories.values()))).coverage
    body = client.get(f"/api/v1/coverages/{coverage.id}").json()
    counts = lineage["counts"]
    assert (body["counts"]["articles"], body["counts"]["outlets"]) == (
        counts["articles"],
        counts["outlets"],
    )
    assert body["counts"]["independent"] == counts["independent"]
    assert body["brief"] == coverage.brief
    assert body["brief"]["nutgraf_story"] == 2
    roles = {m["story_id"]: m["role"] for m in body["members"]}
    for file, story in stories.items():
        assert roles[story.id] == lineage[file]["role"], file
        follows = lineage[file]["follows"]
        member = next(m for m in body["members"] if m["story_id"] == story.id)
        assert member["follows_story_id"] == (stories[follows].id if follows else None)
    story = next(iter(stories.values()))
    assert client.get(f"/api/v1/stories/{story.id}/coverage").json() == body


def test_filters_by_category_entity_and_dates(client: Client, coverages: Any) -> None:
    story = next(iter(coverages["museum-theft"].values()))
    mine = CoverageMember.objects.get(story=story).coverage_id
    by_category = walk(client, "/api/v1/coverages", category=story.category.slug)
    assert mine in {c["id"] for c in by_category}
    entity = client.get(f"/api/v1/stories/{story.id}").json()["entities"][0]["id"]
    by_entity = walk(client, "/api/v1/coverages", entity=entity)
    assert mine in {c["id"] for c in by_entity}
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert walk(client, "/api/v1/coverages", since=future) == []
    assert len(walk(client, "/api/v1/coverages", until=future)) == 3
    assert walk(client, "/api/v1/coverages", category="no-such-category") == []


def test_hidden_and_missing_are_404(
    client: Client, coverages: Any, make_story: Callable[..., Any], sample_inputs: Any
) -> None:
    draft = make_story(sample_inputs[0], publish=False)
    for path in (
        "/api/v1/coverages/999999",
        f"/api/v1/stories/{draft.id}/coverage",
        "/api/v1/stories/999999/coverage",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "not_found"
    bad = client.get("/api/v1/coverages", {"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_cursor"


def test_etag_gives_304(client: Client, coverages: Any) -> None:
    coverage = Coverage.objects.first()
    path = f"/api/v1/coverages/{coverage.id}"
    first = client.get(path)
    assert client.get(path, headers={"If-None-Match": first["ETag"]}).status_code == 304
    listing = client.get("/api/v1/coverages")
    again = client.get("/api/v1/coverages", headers={"If-None-Match": listing["ETag"]})
    assert again.status_code == 304


def test_the_document_describes_the_coverage_operations(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/coverages", "/api/v1/coverages/{coverage_id}"):
        assert "get" in paths[path], path
    assert "get" in paths["/api/v1/stories/{story_id}/coverage"]
