"""Broken 1 (desk permissions) and 2 (source HTML in the desk), attacked through the real admin
and API."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from nutgraf.web.api import services as api_services
from nutgraf.web.api.models import ApiToken
from nutgraf.web.stories import services
from nutgraf.web.stories.models import Story

ARTICLE = """Harbour ferry fares to fall next month

Port Ellery will cut harbour ferry fares by a quarter from 1 April, the transit authority said
on Monday. The cut applies to all single tickets and monthly passes.

Transit director Ola Brandt said ridership had fallen by 12 percent since the fares rose in
2023. "We priced people off the water," Brandt said.

The authority expects the cut to cost 2 million dollars a year, paid from the new transit levy.
"""


def staff(username: str, *codenames: str) -> tuple[object, Client]:
    user = get_user_model().objects.create_user(username, password="pw-staff-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def draft(db) -> Story:
    return services.story_ingest_text(text=ARTICLE)


def test_view_only_staff_cannot_publish_through_the_list_actions(draft: Story) -> None:
    _, client = staff("viewer", "view_story", "view_draftstory")
    for changelist in ("admin:stories_story_changelist", "admin:stories_draftstory_changelist"):
        client.post(
            reverse(changelist),
            {"action": "publish_selected", "_selected_action": [draft.pk], "index": 0},
        )
    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT


def test_view_only_staff_cannot_unpublish_through_the_list_actions(draft: Story) -> None:
    services.story_publish(story=draft)
    _, client = staff("viewer", "view_story")
    client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "unpublish_selected", "_selected_action": [draft.pk], "index": 0},
    )
    draft.refresh_from_db()
    assert draft.status == Story.Status.PUBLISHED


def test_view_only_staff_cannot_ingest(db) -> None:
    _, client = staff("viewer", "view_story")
    response = client.post(reverse("admin:stories_story_ingest"), {"text": ARTICLE})
    assert response.status_code == 403
    assert not Story.objects.exists()


def test_view_only_staff_cannot_revoke_another_editors_token(editor) -> None:
    token, _ = api_services.token_create(name="wire", user=editor)
    _, client = staff("viewer", "view_apitoken")
    client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk], "index": 0},
    )
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_maker_cannot_make_a_token_for_the_superuser(editor) -> None:
    maker, client = staff("tokens", "add_apitoken", "view_apitoken")
    client.post(reverse("admin:api_apitoken_add"), {"name": "mine", "user": editor.pk})
    assert not ApiToken.objects.filter(user=editor).exists()
    assert list(ApiToken.objects.values_list("user_id", flat=True)) in ([], [maker.pk])


def test_publish_true_in_the_api_needs_more_than_the_add_permission(db) -> None:
    user, _ = staff("adder", "add_story")
    _, raw = api_services.token_create(name="wire", user=user)
    response = Client().post(
        "/api/v1/articles",
        json.dumps({"text": ARTICLE, "publish": True}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403
    assert not Story.objects.filter(status=Story.Status.PUBLISHED).exists()


PAYLOADS = (
    '<img src="x" onerror="alert(1)" data-probe="redteam">',
    '<form action="/desk/stories/story/" method="post"><button data-probe="redteam">',
    '<a href="javascript:alert(2)" data-probe="redteam">here</a>',
)
HOSTILE = f"""Harbour ferry fares to fall next month

Port Ellery will cut harbour ferry fares by a quarter from 1 April, the transit authority said
on Monday {PAYLOADS[0]}. The cut applies to all single tickets and monthly passes.

Transit director Ola Brandt said ridership had fallen by 12 percent {PAYLOADS[1]} since the
fares rose in 2023. "We priced people off the water," Brandt said.

The authority expects the cut to cost 2 million dollars a year {PAYLOADS[2]}, paid from the new
transit levy.
"""
RAW_MARKUP = re.compile(r"<[a-z]+ [^>]*data-probe=", re.IGNORECASE)


def desk_urls(story: Story) -> list[str]:
    """Every desk page that shows the story or its text (the review queue's while a draft)."""
    pages = []
    for model in ("story", "draftstory") if story.status == Story.Status.DRAFT else ("story",):
        base = f"admin:stories_{model}"
        pages += [
            reverse(f"{base}_changelist"),
            reverse(f"{base}_changelist") + "?q=ferry",
            reverse(f"{base}_change", args=[story.pk]),
            reverse(f"{base}_history", args=[story.pk]),
            reverse(f"{base}_delete", args=[story.pk]),
        ]
    return [*pages, "/desk/", story.get_absolute_url(), story.get_absolute_url() + "source/"]


def test_markup_in_an_ingested_article_never_reaches_a_desk_page_unescaped(editor) -> None:
    story = services.story_ingest_text(text=HOSTILE, editor=editor)
    cited = " ".join(s["text"] for s in story.brief["sentences"])
    assert "data-probe" in cited  # the payloads are in the sentences the desk shows
    client = Client()
    client.force_login(editor)
    for state in ("draft", "published"):
        for url in desk_urls(story):
            response = client.get(url)
            assert response.status_code == 200, (state, url, response.status_code)
            page = response.content.decode()
            assert not RAW_MARKUP.search(page), (state, url, RAW_MARKUP.search(page))
        story = services.story_publish(story=story, editor=editor)
