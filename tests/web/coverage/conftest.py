"""Fixtures for coverage tests: the multi-outlet sample sets, composed once, published in order.

Publication assigns coverage after the story's transaction commits (signals.py); pytest-django
wraps each test in a transaction, so `publish_set` runs the commit callbacks as a real commit
would, through django_capture_on_commit_callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from nutgraf.web.coverage.samples import sample_sets
from nutgraf.web.stories import composition, services
from nutgraf.web.stories.models import Story


@pytest.fixture(scope="session")
def sample_set_inputs() -> dict[str, list[tuple[str, composition.Composed]]]:
    """Every sample set's articles composed by the engine once: (file name, composed)."""
    found: dict[str, list[tuple[str, composition.Composed]]] = {}
    for name, paths in sample_sets().items():
        found[name] = [
            (
                path.name,
                composition.compose_from_bytes(
                    location=path.name, content=path.read_bytes(), media_type="text/html"
                ),
            )
            for path in paths
        ]
    return found


@pytest.fixture
def publish(db: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Story]:
    """Create and publish one composed article, running its commit callbacks (coverage)."""

    def run(composed: composition.Composed, *, minutes_ago: float = 60, at: Any = None) -> Story:
        with django_capture_on_commit_callbacks(execute=True):
            story = services.story_create(composed=composed)
            when = at or timezone.now() - timedelta(minutes=minutes_ago)
            services.story_publish(story=story, at=when)
        story.refresh_from_db()
        return story

    return run


@pytest.fixture
def publish_set(
    publish: Callable[..., Story], sample_set_inputs: dict[str, Any]
) -> Callable[[str], dict[str, Story]]:
    """Publish every article of one set, oldest first; returns {file name: story}."""

    def run(name: str) -> dict[str, Story]:
        items = sample_set_inputs[name]
        return {
            file: publish(composed, minutes_ago=10 * (len(items) - n))
            for n, (file, composed) in enumerate(items)
        }

    return run
