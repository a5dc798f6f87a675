"""The reading gate: who said what and entity kinds on the first articles of the hand-annotated
gold set (tests/data/reading/), read from ../shared/bench, must hold the floors in floors.toml."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nutgraf.bench.gate import check_floors, load_gate
from nutgraf.bench.reading import entities, speakers

BENCH = Path(
    os.environ.get("NUTGRAF_BENCH_DIR") or Path(__file__).resolve().parents[2] / "shared" / "bench"
)
needs_data = pytest.mark.skipif(
    not (BENCH / "summaries").is_dir() or not (BENCH / "extraction").is_dir(),
    reason=f"benchmark data not found under {BENCH} (set NUTGRAF_BENCH_DIR)",
)


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    limit = load_gate("reading").articles
    found = speakers.run(BENCH, limit) | entities.run(BENCH, limit)
    print(speakers.format_report(found))
    print(entities.format_report(found))
    return found


@needs_data
def test_reading_holds_its_floors(figures: dict[str, float]) -> None:
    assert check_floors(figures, load_gate("reading").floors) == []


@needs_data
def test_no_junk_entity_in_the_slice(figures: dict[str, float]) -> None:
    assert figures["junk_entities"] == 0


def test_the_gold_set_is_well_formed() -> None:
    rows = [json.loads(line) for line in speakers.GOLD_FILE.read_text("utf-8").splitlines()]
    assert len(rows) >= 40
    assert sum(len(r["speech"]) for r in rows) >= 300
    assert {r["split"] for r in rows} == {"dev", "test"}
    kinds = {"person", "organization", "place", "nationality"}
    for row in rows:
        assert row["source"]["set"] in {"summeval", "scrapinghub", "trafilatura-en", "page"}
        assert all(e["kind"] in kinds for e in row["entities"]), row["id"]
        if row["source"]["set"] == "page":
            assert row["source"]["url"].startswith("http") and len(row["source"]["text"]) < 4000


def test_a_name_counts_only_for_the_person_it_names() -> None:
    article = speakers.ArticleGold(
        "x", "dev", {}, (), (("Donald Sterling", "person"), ("Rochelle Sterling", "person"))
    )
    assert speakers.names_person("Donald Sterling", "Donald Sterling", article)
    assert not speakers.names_person("Sterling", "Donald Sterling", article)  # two Sterlings
    assert speakers.names_person(
        "Omar", "Rassol Omar", speakers.ArticleGold("y", "dev", {}, (), ())
    )
