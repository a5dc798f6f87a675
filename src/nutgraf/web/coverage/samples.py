"""Load the fictional multi-outlet sample sets (nutgraf/samples/coverage) into the site.

Each set is one invented event told by several invented outlets; `lineage.json` beside the
articles states each one's known role. Stories are published in the order the outlets published
them, and publication is what assigns them to coverage (signals.py), exactly as for an editor.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from nutgraf.web.stories import services
from nutgraf.web.stories.models import Story

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples" / "coverage"


def sample_sets() -> dict[str, list[Path]]:
    """Each set's articles, in the order their outlets published them (file names say so)."""
    return {
        folder.name: sorted(folder.glob("*.html"))
        for folder in sorted(SAMPLES_DIR.iterdir())
        if folder.is_dir()
    }


def sample_lineage(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((SAMPLES_DIR / name / "lineage.json").read_text())
    return result


def coverage_samples_load(*, editor: Any = None, minutes_apart: int = 20) -> list[Story]:
    """Compose and publish every article of every set, oldest first; returns the stories."""
    paths = [path for paths in sample_sets().values() for path in paths]
    now = timezone.now()
    stories = []
    for index, path in enumerate(paths):
        story = services.story_ingest_upload(
            name=path.name, content=path.read_bytes(), editor=editor
        )
        at = now - timedelta(minutes=minutes_apart * (len(paths) - index))
        services.story_publish(story=story, editor=editor, at=at)
        stories.append(story)
    return stories
