"""Helpers for the comments tests: a story to comment on and a post that looks like a person's."""

from __future__ import annotations

import os
import secrets
import time
import uuid
from typing import Any

import pytest
from django.conf import settings

from nutgraf.web.comments.forms import form_token, secret_binding
from nutgraf.web.comments.models import Comment

PG = os.environ.get("NUTGRAF_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("NUTGRAF_TEST_REDIS", "redis://127.0.0.1:6379/0")


def missing(reason: str) -> None:
    """Skip, or fail under `make test-postgres` (NUTGRAF_REQUIRE_SERVICES=1)."""
    if os.environ.get("NUTGRAF_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (NUTGRAF_REQUIRE_SERVICES=1: a missing service fails the run)")
    pytest.skip(reason)


@pytest.fixture
def postgres_database() -> Any:
    """A PostgreSQL database of the test's own on the server at NUTGRAF_TEST_POSTGRES,
    dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    name = f"nutgraf_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        missing(f"no PostgreSQL at {PG}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{PG}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _generous_limits(settings: Any) -> None:
    # The rate-limit tests set their own; the rest post more than a person would.
    settings.COMMENT_RATE = "100000/60"
    settings.REPORT_RATE = "100000/60"


@pytest.fixture
def story(make_story: Any, sample_inputs: list[Any]) -> Any:
    return make_story(sample_inputs[0])


def browser(client: Any) -> str:
    """The binding of `client`'s browser: its CSRF cookie, set to a secret of its own first."""
    cookie = client.cookies.get(settings.CSRF_COOKIE_NAME)
    if cookie is None:
        client.cookies[settings.CSRF_COOKIE_NAME] = secrets.token_hex(16)  # 32 characters
        cookie = client.cookies[settings.CSRF_COOKIE_NAME]
    return secret_binding(cookie.value)


def fields(story: Any, /, *, binding: str, **overrides: Any) -> dict[str, Any]:
    """What a reader's browser sends: the form shown 30 seconds ago, filled in."""
    data = {
        "comment": "The harbour figures in the second section do not match the table.",
        "name": "Ada Reader",
        "email": "ada.reader@example.org",
        "website": "",
        "subject": "",
        "parent": "",
        "ts": form_token(story_id=story.id, binding=binding, issued_at=time.time() - 30),
    }
    data.update(overrides)
    return data


def post(
    client: Any, story: Any, /, headers: dict[str, str] | None = None, **overrides: Any
) -> Any:
    """A post from `client`'s browser with a form of its own (a fresh token each time)."""
    return client.post(
        f"/stories/{story.slug}/comments/",
        fields(story, binding=browser(client), **overrides),
        headers=headers,
    )


def approve_author(story: Any, email: str) -> None:
    """Make `email` a known commenter: one approved comment already."""
    Comment.objects.create(
        story=story,
        name="Known",
        email=email,
        text="An earlier, approved comment.",
        status=Comment.Status.APPROVED,
        content_hash=f"seed-{email}",
    )
