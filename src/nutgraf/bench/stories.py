"""`nutgraf bench stories`: the story engine on real coverage and at the scale of a wire.

    quality   story_quality.py: clustering, lineage, independent counts and merged briefs on
              the hand-annotated development set (tests/data/coverage) and, reported apart,
              on the held-out set (tests/data/coverage-held-out; keys prefixed `held_out_`)
    speed     story_speed.py: assigning articles to stories in a live archive of 100,000
              synthetic articles, p99 per placement and live memory per article

`--limit N` sizes the synthetic archive (the coverage sets are always read whole). Every miss
of the development set (which article, which point) is named on standard error; the held-out
set's misses are only counted (`held_out_misses`): it is measured, never read, while tuning.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from nutgraf.bench.story_quality import (
    DEFAULT_DATA,
    HELD_OUT_DATA,
    evaluate,
    format_story_quality_report,
)
from nutgraf.bench.story_speed import format_story_speed_report, run_story_speed_bench

Progress = Callable[[int, int], None]


def run_stories_bench(
    *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Quality figures of the development set (keys of story_quality), of the held-out set
    (prefixed `held_out_`) and speed figures (prefixed `speed_`)."""
    figures, misses = evaluate(DEFAULT_DATA, progress=progress)
    held_out, held_out_misses = evaluate(HELD_OUT_DATA, progress=progress)
    figures.update({f"held_out_{key}": value for key, value in held_out.items()})
    figures["held_out_misses"] = float(len(held_out_misses))
    articles = limit or 100_000
    speed = run_story_speed_bench(articles=articles, stories=max(1, articles // 10))
    figures.update({f"speed_{key}": value for key, value in speed.items()})
    figures["misses"] = float(len(misses))
    for miss in misses:  # diagnostics, named one by one: they are not figures
        print(f"  miss: {miss}", file=sys.stderr)
    return figures


def format_stories_report(figures: dict[str, float]) -> str:
    prefixes = ("speed_", "held_out_")
    quality = {k: v for k, v in figures.items() if not k.startswith(prefixes)}
    held_out = {
        k.removeprefix("held_out_"): v for k, v in figures.items() if k.startswith("held_out_")
    }
    speed = {k.removeprefix("speed_"): v for k, v in figures.items() if k.startswith("speed_")}
    parts = [format_story_quality_report(quality)]
    if held_out:
        parts.append(
            format_story_quality_report(held_out, data=HELD_OUT_DATA)
            + f"\n  ({held_out.get('misses', 0):.0f} misses, counted, not named: held out)"
        )
    return "\n".join([*parts, format_story_speed_report(speed)])
