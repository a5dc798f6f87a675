"""Load the fictional sample articles shipped in nutgraf/samples/site into an empty site."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from nutgraf.web.stories import services

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples" / "site"
SAMPLE_SUFFIXES = (".html", ".htm", ".txt")


def sample_paths() -> list[Path]:
    return sorted(p for p in SAMPLES_DIR.iterdir() if p.suffix in SAMPLE_SUFFIXES)


def samples_load(*, editor: Any = None, publish: bool = True) -> int:
    """Compose and (by default) publish every sample; returns how many stories were made.

    Publication times are staggered an hour apart, newest last, so lists have a stable order.
    """
    paths = sample_paths()
    now = timezone.now()
    for index, path in enumerate(paths):
        story = services.story_ingest_upload(
            name=path.name, content=path.read_bytes(), editor=editor
        )
        if publish:
            at = now - timedelta(hours=len(paths) - index)
            services.story_publish(story=story, editor=editor, at=at)
    services.related_rebuild()
    return len(paths)
