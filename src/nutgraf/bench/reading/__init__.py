"""`nutgraf bench reading`: who said what and entities (and, from the dates work, headlines,
dates and clutter) on a gold set annotated by hand from real news (tests/data/reading/, sources
in its README). Each part is a module with `run(data_dir, limit)` and `format_report`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nutgraf.bench.reading import entities, speakers

Progress = Callable[[int, int], None]


def run_reading_bench(
    bench_dir: Path, *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Every part's figures; `bench_dir` is ../shared/bench (its root)."""
    figures = speakers.run(bench_dir, limit, progress=progress)
    return figures | entities.run(bench_dir, limit)


def format_reading_report(figures: dict[str, float]) -> str:
    return "\n".join((speakers.format_report(figures), entities.format_report(figures)))
