"""`nutgraf bench stories`: the story engine on real coverage and at the scale of a wire.

    quality   story_quality.py: clustering, lineage, independent counts and merged briefs on
              the hand-annotated development set (tests/data/coverage)
    speed     story_speed.py: assigning articles to stories in a live archive of 100,000
              synthetic articles, p99 per placement and live memory per article

`--limit N` sizes the synthetic archive (the development set is always read whole). Every
miss of the quality part (which article, which point) is named on standard error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from nutgraf.bench.story_quality import DEFAULT_DATA, evaluate, format_story_quality_report
from nutgraf.bench.story_speed import format_story_speed_report, run_story_speed_bench

Progress = Callable[[int, int], None]


def run_stories_bench(
    *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Quality figures (keys of story_quality) and speed figures prefixed `speed_`."""
    figures, misses = evaluate(DEFAULT_DATA, progress=progress)
    articles = limit or 100_000
    speed = run_story_speed_bench(articles=articles, stories=max(1, articles // 10))
    figures.update({f"speed_{key}": value for key, value in speed.items()})
    figures["misses"] = float(len(misses))
    for miss in misses:  # diagnostics, named one by one: they are not figures
        print(f"  miss: {miss}", file=sys.stderr)
    return figures


def format_stories_report(figures: dict[str, float]) -> str:
    quality = {k: v for k, v in figures.items() if not k.startswith("speed_")}
    speed = {k.removeprefix("speed_"): v for k, v in figures.items() if k.startswith("speed_")}
    return "\n".join([format_story_quality_report(quality), format_story_speed_report(speed)])
