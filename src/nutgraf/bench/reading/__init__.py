"""`nutgraf bench reading`: does nutgraf read a page right? Headlines, dates, speakers, entities.

Each part is a plain record: a name, the function that measures it and a line that says what it
measures. A part's `run(data_dir, limit)` takes the benchmark data folder (../shared/bench) and
an optional cap on items, and returns flat figures (`{"headline_accuracy": 0.97, ...}`); the keys
of all parts share one namespace, so each part prefixes its own. The gold sets live in the
repository (tests/data/reading, see its README); page HTML is read from the benchmark folder.

    pages      headline and publication-date accuracy on real pages, htmldate beside ours
    dates      relative-date precision and coverage ("on Tuesday", "last week")

A part is added by appending its record to PARTS; `run_reading_bench` runs them in order and
`format_reading_report` prints every figure beside the baseline measured on main before this
work (baseline.json) and the published anchors where there are any.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nutgraf.bench.reading import dates, pages

Progress = Callable[[int, int], None]

GOLD_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "reading"
BASELINE_FILE = Path(__file__).with_name("baseline.json")


@dataclass(frozen=True, slots=True)
class Part:
    """One measured part of reading: `run(data_dir, limit)` returns its figures."""

    name: str
    run: Callable[[Path, int | None], dict[str, float]]
    about: str


PARTS: tuple[Part, ...] = (
    Part("pages", pages.run, "headline and publication date of real pages, htmldate beside ours"),
    Part("dates", dates.run, "relative dates resolved against the article's date"),
)


def run_reading_bench(
    data: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    parts: tuple[Part, ...] = PARTS,
) -> dict[str, float]:
    """Every part's figures in one flat dict."""
    figures: dict[str, float] = {}
    for done, part in enumerate(parts, start=1):
        figures.update(part.run(data, limit))
        if progress is not None:
            progress(done, len(parts))
    return figures


def load_baseline() -> dict[str, float]:
    """The figures of main before this work, measured with this same code (see baseline.json)."""
    if not BASELINE_FILE.is_file():
        return {}
    recorded = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in recorded["figures"].items()}


def format_reading_report(figures: dict[str, float]) -> str:
    """A table: each figure beside main's before this work and htmldate's where it has one."""
    baseline = load_baseline()
    lines = [
        "reading: gold set in tests/data/reading, hand-annotated; 'held' = untouched while tuning",
        f"{'figure':44} {'ours':>8} {'main before':>12}",
    ]
    for key in sorted(figures):
        before = baseline.get(key)
        shown = f"{before:12.3f}" if before is not None else f"{'':>12}"
        lines.append(f"{key:44} {figures[key]:8.3f} {shown}")
    return "\n".join(lines)
