"""Fixtures for the site's tests: Django set up here (not globally: engine tests run without it).

Sample briefs are composed by the real engine once per session and reused; each test stores
the stories it needs in its own transaction.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any

os.environ["DJANGO_SETTINGS_MODULE"] = "nutgraf.web.settings.test"

import django

django.setup()

import pytest  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.utils import timezone  # noqa: E402

from nutgraf.web.stories import composition, services  # noqa: E402
from nutgraf.web.stories.models import Story  # noqa: E402
from nutgraf.web.stories.samples import sample_paths  # noqa: E402


@pytest.fixture(autouse=True)
def nothing_kept_for_readers() -> None:
    """Each test starts with no page or fragment kept in this process's memory."""
    caches["pages"].clear()


@pytest.fixture(scope="session")
def sample_inputs() -> list[composition.Composed]:
    """Every sample article composed by the engine, once."""
    composed = []
    for path in sample_paths():
        content = path.read_bytes()
        composed.append(
            composition.compose_from_bytes(
                location=path.name,
                content=content,
                media_type=composition.guess_media_type(name=path.name, content=content),
            )
        )
    return composed


def variant(composed: composition.Composed, n: int) -> composition.Composed:
    """A copy of a composed sample under another headline, for lists of many stories."""
    brief = copy.deepcopy(composed.brief)
    brief["title"] = f"{brief['title']} (copy {n})"
    return composition.Composed(
        brief=brief,
        location=composed.location,
        content=composed.content,
        media_type=composed.media_type,
        url=composed.url,
    )


@pytest.fixture
def make_story(db: Any) -> Callable[..., Story]:
    def make(
        composed: composition.Composed, *, publish: bool = True, hours_ago: float = 1
    ) -> Story:
        story = services.story_create(composed=composed)
        if publish:
            at = timezone.now() - timedelta(hours=hours_ago)
            services.story_publish(story=story, at=at)
            story.refresh_from_db()
        return story

    return make


@pytest.fixture
def published(make_story: Callable[..., Story], sample_inputs: list[Any]) -> list[Story]:
    """All samples, published an hour apart (the first is the newest)."""
    stories = [make_story(c, hours_ago=1 + i) for i, c in enumerate(sample_inputs)]
    services.related_rebuild()
    return stories


@pytest.fixture
def editor(db: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("desk", "desk@example.org", "pw-desk-123")
