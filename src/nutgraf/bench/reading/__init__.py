"""`nutgraf bench reading`: does nutgraf read a page right? Headlines, dates, speakers, entities.

A gold set annotated by hand from real news (tests/data/reading/, sources in its README); page
HTML and article text are read from the benchmark folder (../shared/bench) at run time. Each part
is a plain record: its name, `run(data_dir, limit)` returning flat figures whose keys no other
part uses, and `report(figures)` printing them beside main before this work.

    pages      headline and publication-date accuracy of real pages, htmldate beside ours
    dates      relative-date precision and coverage ("on Tuesday", "last week")
    speakers   who said what: precision and recall of named speakers
    entities   entity-kind accuracy and junk entities per article

A part is added by appending its record to PARTS; `run_reading_bench` runs them in order and
`format_reading_report` joins their reports.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nutgraf.bench.reading import dates, entities, pages, speakers

Progress = Callable[[int, int], None]
Figures = dict[str, float]

GOLD_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "reading"
BASELINE_FILE = Path(__file__).with_name("baseline.json")
# The figures of the pages and dates parts: every key they return starts with one of these.
_PAGE_KEYS = ("headline", "published", "htmldate", "trafilatura", "pasted", "pages", "relative")


@dataclass(frozen=True, slots=True)
class Part:
    """One measured part of reading."""

    name: str
    run: Callable[[Path, int | None], Figures]
    report: Callable[[Figures], str]
    about: str


def load_baseline() -> Figures:
    """The pages and dates figures of main before this work, measured with this same code."""
    if not BASELINE_FILE.is_file():
        return {}
    recorded = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in recorded["figures"].items()}


def format_page_figures(figures: Figures) -> str:
    """The pages and dates figures, each beside main's before this work."""
    baseline = load_baseline()
    lines = [
        "pages and dates: headline, publication date (htmldate beside), relative dates; "
        "'held' = untouched while tuning",
        f"  {'figure':44} {'ours':>8} {'main before':>12}",
    ]
    for key in sorted(k for k in figures if k.startswith(_PAGE_KEYS)):
        before = baseline.get(key)
        shown = f"{before:12.3f}" if before is not None else f"{'':>12}"
        lines.append(f"  {key:44} {figures[key]:8.3f} {shown}")
    return "\n".join(lines)


def _page_part_report(figures: Figures) -> str:
    return format_page_figures(figures) if "pages" in figures else ""


def _dates_part_report(figures: Figures) -> str:
    # the pages part's table already lists the relative-date figures beside the others
    return "" if "pages" in figures else format_page_figures(figures)


PARTS: tuple[Part, ...] = (
    Part("pages", pages.run, _page_part_report, "headline and publication date of real pages"),
    Part("dates", dates.run, _dates_part_report, "relative dates against the article's date"),
    Part(
        "speakers",
        lambda data, limit: speakers.run(data, limit),
        speakers.format_report,
        "who said what",
    ),
    Part(
        "entities",
        lambda data, limit: entities.run(data, limit),
        entities.format_report,
        "entity kinds and junk",
    ),
)


def run_reading_bench(
    data: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    parts: tuple[Part, ...] = PARTS,
) -> Figures:
    """Every part's figures in one flat dict; `data` is ../shared/bench (its root)."""
    figures: Figures = {}
    for done, part in enumerate(parts, start=1):
        figures |= part.run(data, limit)
        if progress is not None:
            progress(done, len(parts))
    return figures


def format_reading_report(figures: Figures, parts: tuple[Part, ...] = PARTS) -> str:
    """Each part's report, in order; a part that did not run says nothing."""
    reports = []
    for part in parts:
        try:
            text = part.report(figures)
        except KeyError:  # that part's figures are not in this run
            continue
        if text:
            reports.append(text)
    return "\n\n".join(reports)
