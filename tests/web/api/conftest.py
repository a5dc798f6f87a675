"""Fixtures of the API tests: a client, an editor's token, and a clean rate-limit count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

# The coverage sample sets and their publishing fixtures, for the coverage endpoints' tests.
from tests.web.coverage.conftest import (  # noqa: F401
    publish,
    publish_set,
    sample_set_inputs,
)


@pytest.fixture(autouse=True)
def _fresh_limits(db: Any) -> None:
    # Every test client calls from 127.0.0.1: its rate counts live in the database and roll
    # back with each test; nothing the site keeps in the cache carries over either.
    cache.clear()


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def post_json(client: Client) -> Callable[..., Any]:
    def post(path: str, body: Any, **headers: str) -> Any:
        return client.post(path, body, content_type="application/json", headers=headers)

    return post


@pytest.fixture
def token(editor: Any) -> str:
    from nutgraf.web.api.services import token_create

    return token_create(name="tests", user=editor)[1]
