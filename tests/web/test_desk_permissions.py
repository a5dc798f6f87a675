"""Who may do what in the desk and the write API, role by role, through the real admin and API.

Roles: view-only staff, token-only staff (the API-token permissions and nothing else), an
add-only staff member (ingests, may not publish), an editor (view, add and change of stories
and the review queue, tokens of their own) and a superuser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from nutgraf.web.api import services as api_services
from nutgraf.web.api.models import ApiToken
from nutgraf.web.stories import services
from nutgraf.web.stories.models import Story

from .test_desk import ARTICLE, form_data

STORY = ["view_story", "view_draftstory"]
ROLES = {
    "viewer": [*STORY, "view_apitoken"],
    "tokens": ["add_apitoken", "view_apitoken", "change_apitoken"],
    "adder": [*STORY, "add_story", "add_apitoken", "view_apitoken"],
    "editor": [
        *STORY,
        "add_story",
        "change_story",
        "change_draftstory",
        "add_apitoken",
        "view_apitoken",
        "change_apitoken",
    ],
    "superuser": [],
}


@dataclass
class Role:
    name: str
    user: object
    client: Client


@pytest.fixture(params=list(ROLES))
def role(request, db) -> Role:
    users = get_user_model()
    name = request.param
    if name == "superuser":
        user = users.objects.create_superuser("chief", "chief@example.org", "pw-chief-123")
    else:
        user = users.objects.create_user(name, password="pw-staff-123", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=ROLES[name]))
    client = Client()
    client.force_login(user)
    return Role(name, user, client)


@pytest.fixture
def other(db):
    return get_user_model().objects.create_superuser("other", "other@example.org", "pw-other-1")


def may(role: Role, *names: str) -> bool:
    return role.name in names


def test_ingest_needs_the_add_permission(role: Role) -> None:
    response = role.client.post(reverse("admin:stories_story_ingest"), {"text": ARTICLE})
    allowed = may(role, "adder", "editor", "superuser")
    assert response.status_code == (302 if allowed else 403)
    assert Story.objects.exists() == allowed
    if may(role, "viewer"):
        listing = role.client.get(reverse("admin:stories_story_changelist")).content.decode()
        assert "Ingest an article" not in listing


def test_publishing_from_the_list_needs_the_change_permission(role: Role) -> None:
    story = services.story_ingest_text(text=ARTICLE)
    role.client.post(
        reverse("admin:stories_draftstory_changelist"),
        {"action": "publish_selected", "_selected_action": [story.pk], "index": 0},
    )
    story.refresh_from_db()
    published = story.status == Story.Status.PUBLISHED
    assert published == may(role, "editor", "superuser")
    if published:
        role.client.post(
            reverse("admin:stories_story_changelist"),
            {"action": "unpublish_selected", "_selected_action": [story.pk], "index": 0},
        )
        story.refresh_from_db()
        assert story.status == Story.Status.DRAFT


def test_the_publish_button_needs_the_change_permission(role: Role) -> None:
    story = services.story_ingest_text(text=ARTICLE)
    url = reverse("admin:stories_story_change", args=[story.pk])
    response = role.client.post(url, form_data(story, _publish="1"))
    story.refresh_from_db()
    allowed = may(role, "editor", "superuser")
    assert (story.status == Story.Status.PUBLISHED) == allowed
    if not allowed:
        assert response.status_code == 403


def test_a_token_is_its_makers_unless_a_superuser_assigns_it(role: Role, other) -> None:
    response = role.client.post(
        reverse("admin:api_apitoken_add"), {"name": "wire", "user": other.pk}
    )
    tokens = list(ApiToken.objects.all())
    if may(role, "viewer"):
        assert response.status_code == 403 and not tokens
    elif may(role, "superuser"):
        assert [t.user_id for t in tokens] == [other.pk]  # assigned on purpose
    else:
        assert [t.user_id for t in tokens] == [role.user.pk]


def test_revoking_needs_the_change_permission_and_touches_only_ones_own(role: Role, other) -> None:
    theirs, _ = api_services.token_create(name="theirs", user=other)
    mine, _ = api_services.token_create(name="mine", user=role.user)
    role.client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [theirs.pk, mine.pk], "index": 0},
    )
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (mine.revoked_at is not None) == may(role, "tokens", "editor", "superuser")
    assert (theirs.revoked_at is not None) == may(role, "superuser")


def test_publish_true_in_the_api_needs_the_change_permission(role: Role) -> None:
    _, raw = api_services.token_create(name="wire", user=role.user)
    response = Client().post(
        "/api/v1/articles",
        json.dumps({"text": ARTICLE, "publish": True}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    if may(role, "editor", "superuser"):
        assert response.status_code == 201
        assert Story.objects.get().status == Story.Status.PUBLISHED
    else:
        assert response.status_code == 403
        assert not Story.objects.exists()


def test_every_desk_action_declares_the_permission_it_needs() -> None:
    # An action without `permissions=[...]` is offered to anyone who may view the list.
    for model, model_admin in admin.site._registry.items():
        for func, name, _ in model_admin._get_base_actions():
            assert getattr(func, "allowed_permissions", ()), f"{model.__name__}.{name}"
