"""The quality gate for reading a page right: a slice of the hand-annotated gold set
(tests/data/reading) must hold the floors pinned in floors.toml.

Page HTML is read in place from NUTGRAF_BENCH_DIR, else ../shared/bench beside the checkout;
without it the slice test skips, saying where it looked. The checks of the gold set's own
shape and of the scoring always run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nutgraf.bench.gate import check_floors, load_gate
from nutgraf.bench.reading import GOLD_DIR, PARTS, format_reading_report, run_reading_bench
from nutgraf.bench.reading.dates import mention_value
from nutgraf.bench.reading.pages import date_right, headline_right
from nutgraf.engine.records import DateMention

BENCH = Path(
    os.environ.get("NUTGRAF_BENCH_DIR") or Path(__file__).resolve().parents[2] / "shared" / "bench"
)
needs_data = pytest.mark.skipif(
    not (BENCH / "extraction").is_dir(),
    reason=f"benchmark data not found under {BENCH} (set NUTGRAF_BENCH_DIR)",
)


@pytest.fixture(scope="module")
def reading() -> dict[str, float]:
    figures = run_reading_bench(BENCH, limit=load_gate("reading").articles)
    print(format_reading_report(figures))
    return figures


@needs_data
def test_reading_holds_its_floors(reading: dict[str, float]) -> None:
    assert check_floors(reading, load_gate("reading").floors) == []


@needs_data
def test_every_gold_page_is_in_the_benchmark_data() -> None:
    for line in (GOLD_DIR / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        path = BENCH / "extraction" / page["set"] / "html" / f"{page['id']}.html.gz"
        assert path.is_file(), path


def _rows(name: str) -> list[dict[str, object]]:
    text = (GOLD_DIR / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_gold_set_is_whole_and_split() -> None:
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


def test_parts_are_plain_records_with_prefixed_figures() -> None:
    assert [part.name for part in PARTS][:2] == ["pages", "dates"]
    assert all(callable(part.run) and part.about for part in PARTS)
