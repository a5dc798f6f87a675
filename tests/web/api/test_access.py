"""Errors in one shape, tokens (hashed, made and revoked in the desk), ingest through the site's
services, rate limits, CORS, and no email address anywhere the API answers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from nutgraf.web.api.models import ApiToken
from nutgraf.web.api.schemas import EXAMPLE_TEXT
from nutgraf.web.api.services import token_create, token_digest, token_revoke
from nutgraf.web.comments.models import Comment
from nutgraf.web.stories.models import Story, StoryRevision


def error_of(response: Any, status: int) -> dict[str, str]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"].strip()
    assert b"Traceback" not in response.content and b'File "' not in response.content
    return body["error"]


def test_every_refusal_has_the_one_error_shape(client: Client, post_json: Callable) -> None:
    assert error_of(post_json("/api/v1/briefs", "{not json"), 400)["code"] == "bad_request"
    assert error_of(client.get("/api/v1/stories", {"cursor": "forged"}), 400)["code"] == (
        "bad_cursor"
    )
    assert error_of(post_json("/api/v1/articles", {"text": "x"}), 401)["code"] == "unauthorized"
    assert error_of(client.get("/api/v1/stories/12345"), 404)["code"] == "not_found"
    assert error_of(client.get("/api/v1/no-such-thing"), 404)["code"] == "not_found"
    refused = error_of(client.delete("/api/v1/stories"), 405)
    assert refused["code"] == "method_not_allowed" and "GET" in refused["message"]
    with override_settings(API_MAX_BODY_BYTES=100):
        assert error_of(post_json("/api/v1/briefs", {"text": "x" * 200}), 413)["code"] == (
            "payload_too_large"
        )
    sent_as_form = client.post("/api/v1/briefs", {"text": "x"})
    assert error_of(sent_as_form, 415)["code"] == "unsupported_media_type"
    invalid = error_of(post_json("/api/v1/briefs", {"text": "a", "html": "<p>b</p>"}), 422)
    assert "exactly one" in invalid["message"]
    assert error_of(client.get("/api/v1/stories", {"limit": 0}), 422)["message"].startswith("limit")
    empty = error_of(post_json("/api/v1/briefs", {"text": "   "}), 422)
    assert empty["code"] == "bad_input"


def test_urls_are_fetched_only_through_the_engine_fetcher(post_json: Callable) -> None:
    for url in ("http://127.0.0.1:8000/", "http://169.254.169.254/latest", "http://[::1]/"):
        error = error_of(post_json("/api/v1/briefs", {"url": url}), 422)
        assert error["code"] == "blocked_address", error
    assert error_of(post_json("/api/v1/briefs", {"url": "file:///etc/passwd"}), 422)


def test_a_crash_is_a_bare_500(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from nutgraf.web.api import selectors

    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(selectors, "story_page", broken)
    error = error_of(client.get("/api/v1/stories"), 500)
    assert error["code"] == "server_error"
    assert "secret internal detail" not in json.dumps(error)


@override_settings(API_READ_RATE="3/60", API_BRIEF_RATE="1/60")
def test_rate_limits_per_client_address(client: Client, post_json: Callable) -> None:
    assert [client.get("/api/v1/stories").status_code for _ in range(3)] == [200] * 3
    limited = client.get("/api/v1/stories")
    assert error_of(limited, 429)["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    other = client.get("/api/v1/stories", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200, "another address has its own count"
    post_json("/api/v1/briefs", {"text": "   "})
    assert error_of(post_json("/api/v1/briefs", {"text": "   "}), 429)


def test_tokens_are_stored_hashed_and_can_be_revoked(editor: Any, post_json: Callable) -> None:
    token, raw = token_create(name="wire", user=editor)
    assert raw.startswith("ngk_") and len(raw) > 40
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert raw not in json.dumps(stored, default=str)
    assert stored["digest"] == token_digest(raw)
    auth = {"Authorization": f"Bearer {raw}"}
    assert post_json("/api/v1/articles", {"text": "   "}, **auth).status_code == 422  # past auth
    token_revoke(token=token)
    assert error_of(post_json("/api/v1/articles", {"text": "   "}, **auth), 401)
    assert error_of(post_json("/api/v1/articles", {"text": "x"}, Authorization="Bearer ngk_x"), 401)


def test_a_token_acts_only_while_its_editor_may(db: Any, post_json: Callable) -> None:
    users = get_user_model()
    reader = users.objects.create_user("reader", password="pw-reader-123")
    assert error_of(
        post_json(
            "/api/v1/articles",
            {"text": "x"},
            Authorization=f"Bearer {token_create(name='r', user=reader)[1]}",
        ),
        401,
    )
    staff = users.objects.create_user("staff", password="pw-staff-123", is_staff=True)
    raw = token_create(name="s", user=staff)[1]
    forbidden = post_json("/api/v1/articles", {"text": EXAMPLE_TEXT}, Authorization=f"Bearer {raw}")
    assert error_of(forbidden, 403)["code"] == "forbidden"


def test_ingest_makes_a_draft_through_the_site_services(
    client: Client, post_json: Callable, token: str, editor: Any
) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    made = post_json("/api/v1/articles", {"text": EXAMPLE_TEXT, "name": "ferry.txt"}, **auth)
    assert made.status_code == 201, made.content
    body = made.json()
    story = Story.objects.get(pk=body["story_id"])
    assert story.status == Story.Status.DRAFT and body["status"] == "draft"
    assert story.headline == "Harbor council approves new ferry route"
    assert StoryRevision.objects.filter(story=story, action="composed", editor=editor).exists()
    assert client.get(f"/api/v1/stories/{story.id}").status_code == 404, "drafts stay hidden"

    published = post_json("/api/v1/articles", {"text": EXAMPLE_TEXT, "publish": True}, **auth)
    assert published.status_code == 201
    assert client.get(published["Location"]).json()["id"] == published.json()["story_id"]


def test_desk_creates_a_token_shown_once_and_revokes_it(editor: Any, client: Client) -> None:
    client.force_login(editor)
    added = client.post(
        "/desk/api/apitoken/add/", {"name": "analysts", "user": editor.pk}, follow=True
    )
    page = added.content.decode()
    token = ApiToken.objects.get(name="analysts")
    shown = [word for word in page.split() if word.startswith(token.prefix)]
    assert shown, "the new token is shown on the page after creation"
    raw = shown[0]
    assert token.digest == token_digest(raw)
    listing = client.get("/desk/api/apitoken/").content.decode()
    assert raw not in listing and token.prefix in listing
    assert raw not in client.get(f"/desk/api/apitoken/{token.pk}/change/").content.decode()
    client.post(
        "/desk/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert token.revoked_at is not None


@override_settings(API_CORS_ORIGINS=["https://analysts.example.org"])
def test_cors_only_for_configured_origins(client: Client, published: list[Story]) -> None:
    allowed = client.get("/api/v1/stories", headers={"Origin": "https://analysts.example.org"})
    assert allowed["Access-Control-Allow-Origin"] == "https://analysts.example.org"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get("/api/v1/stories", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        "/api/v1/briefs",
        headers={
            "Origin": "https://analysts.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in client.get(
        "/", headers={"Origin": "https://analysts.example.org"}
    )


def test_no_email_address_ever_appears(
    client: Client, published: list[Story], token: str, editor: Any
) -> None:
    story = published[0]
    for status in Comment.Status.values:
        Comment.objects.create(
            story=story,
            name="A reader",
            email=f"reader-{status}@private.example",
            text="A comment",
            status=status,
        )
    paths = ["/api/v1/openapi.json", "/api/v1/stories", "/api/v1/search?q=the"]
    for s in published:
        paths += [f"/api/v1/stories/{s.id}", f"/api/v1/stories/{s.id}/articles"]
        paths += [f"/api/v1/articles/{s.source_id}"]
        detail = client.get(f"/api/v1/stories/{s.id}").json()
        paths += [f"/api/v1/entities/{e['id']}" for e in detail["entities"]]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert "@private.example" not in text and editor.email not in text, path
        assert '"email"' not in text, path


def test_rate_limit_counts_in_redis_when_configured(client: Client) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"api-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        },
        "pages": settings.CACHES["pages"],
    }
    store = redis.Redis(host="127.0.0.1", port=6379, db=15)
    with override_settings(CACHES=caches, API_READ_RATE="2/60"):
        try:
            assert [client.get("/api/v1/stories").status_code for _ in range(3)] == [200, 200, 429]
            keys = store.keys(f"{prefix}:*api-read*")
            assert keys, "the count lives in Redis, where every web process sees it"
        finally:
            # Only this test's keys: the database may be shared with other work on this machine.
            for key in store.scan_iter(f"{prefix}:*"):
                store.delete(key)
