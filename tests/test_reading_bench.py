"""The reading gate: slices of the hand-annotated gold set (tests/data/reading/), with page HTML
and article text read from ../shared/bench, must hold the floors in floors.toml: who said what and
entity kinds (`[reading]`), headlines, publication dates and relative dates (`[reading_pages]`).
Without the benchmark data the slice tests skip, saying where they looked; the checks of the gold
set's shape and of the scoring always run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nutgraf.bench.gate import check_floors, load_gate
from nutgraf.bench.reading import (
    GOLD_DIR,
    PARTS,
    entities,
    format_reading_report,
    run_reading_bench,
    speakers,
)
from nutgraf.bench.reading.dates import mention_value
from nutgraf.bench.reading.pages import date_right, headline_right
from nutgraf.engine.records import DateMention

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


@needs_data
def test_speakers_on_fresh_articles_hold_their_floors() -> None:
    # the fresh sets (test2, test3): real articles annotated before the sieve was narrowed
    gate = load_gate("reading_fresh")
    found = speakers.run(BENCH, gate.articles, splits=("test2", "test3"))
    print(speakers.format_report(found))
    assert found["speaker_articles"] == gate.articles
    assert check_floors(found, gate.floors) == []


def test_the_gold_set_is_well_formed() -> None:
    rows = [json.loads(line) for line in speakers.GOLD_FILE.read_text("utf-8").splitlines()]
    assert len(rows) >= 40
    assert sum(len(r["speech"]) for r in rows) >= 300
    assert {r["split"] for r in rows} == {"dev", "test", "test2", "test3"}
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


# Headlines and dates ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reading() -> dict[str, float]:
    """The pages and dates parts on their slice (the speakers and entities parts have theirs)."""
    mine = tuple(part for part in PARTS if part.name in {"pages", "dates"})
    figures = run_reading_bench(BENCH, limit=load_gate("reading_pages").articles, parts=mine)
    print(format_reading_report(figures, mine))
    return figures


@needs_data
def test_headlines_and_dates_hold_their_floors(reading: dict[str, float]) -> None:
    assert check_floors(reading, load_gate("reading_pages").floors) == []


@needs_data
def test_every_gold_page_is_in_the_benchmark_data() -> None:
    for line in (GOLD_DIR / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        path = BENCH / "extraction" / page["set"] / "html" / f"{page['id']}.html.gz"
        assert path.is_file(), path


def _rows(name: str) -> list[dict[str, object]]:
    text = (GOLD_DIR / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dates_gold_set_is_whole_and_split() -> None:
    pages, pasted, dates = _rows("pages.jsonl"), _rows("pasted.jsonl"), _rows("dates.jsonl")
    assert len(pages) >= 80 and len(pasted) >= 10 and len(dates) >= 100
    known = {p["id"] for p in pages} | {p["id"] for p in pasted}
    assert all(d["page"] in known for d in dates)
    for rows in (pages, dates):
        held = sum(r["split"] == "held" for r in rows) / len(rows)
        assert 0.15 < held < 0.35
    assert all(p["url"].startswith("http") for p in pasted)
    assert all(d["value"] is not None or d.get("note") for d in dates)


def test_headline_and_date_scoring() -> None:
    gold: dict[str, object] = {
        "headline": "‘He died in my hands’: 3 killed",
        "headline_also": ["Three killed"],
        "published": "2019-11-18",
        "published_also": ["2019-11-19"],
    }
    assert headline_right("'He died in my hands': 3 killed.", gold)
    assert headline_right("three killed", gold)
    assert not headline_right("He died in my hands - RT World News", gold)
    assert date_right("2019-11-19T02:00:00Z", gold)
    assert not date_right("2019-11-20", gold)
    assert not date_right(None, gold)
    assert date_right(None, {**gold, "published": None, "published_also": []})


def test_mention_values_in_the_gold_format() -> None:
    def value(first: str, last: str | None) -> str | None:
        return mention_value(DateMention("x", "relative", first, 0, last))

    assert value("2019-11-18", None) == "2019-11-18"
    assert value("2019-01-01", "2019-12-31") == "2019"
    assert value("2019-10-01", "2019-10-31") == "2019-10"
    assert value("2019-11-18", "2019-11-24") == "2019-11-18..2019-11-24"


def test_parts_are_plain_records() -> None:
    assert [part.name for part in PARTS] == ["pages", "dates", "speakers", "entities"]
    assert all(callable(part.run) and callable(part.report) and part.about for part in PARTS)
