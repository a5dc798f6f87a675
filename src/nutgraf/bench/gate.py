"""The quality gate: benchmark figures checked against the floors pinned in floors.toml.

A table per benchmark holds the slice its floors were measured on and the floors themselves:

    [summaries]
    articles = 20                 # the first N articles of each set
    [summaries.floors]
    select3_rouge1 = 43.0         # a figure key of run_summaries_bench, and its floor

`check_floors` names every figure below its floor, or missing; an empty list means the run
holds. tests/test_quality_gate.py runs the slices and asserts the list is empty.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

FLOORS_FILE = Path(__file__).with_name("floors.toml")


@dataclass(frozen=True, slots=True)
class Gate:
    """One benchmark's slice size and floors."""

    articles: int
    floors: dict[str, float]


def load_gate(benchmark: str, path: Path = FLOORS_FILE) -> Gate:
    """The [benchmark] table of the floors file."""
    with path.open("rb") as stream:
        table = tomllib.load(stream)[benchmark]
    return Gate(int(table["articles"]), {k: float(v) for k, v in table["floors"].items()})


def check_floors(figures: Mapping[str, float], floors: Mapping[str, float]) -> list[str]:
    """One line per figure below its floor (or absent from `figures`); empty when all hold."""
    failures = []
    for key, floor in sorted(floors.items()):
        if key not in figures:
            failures.append(f"{key}: missing from the run (floor {floor:g})")
        elif figures[key] < floor:
            failures.append(f"{key}: {figures[key]:.4g} is below its floor {floor:g}")
    return failures
