"""Headline and publication date of real pages: ours beside htmldate and plain trafilatura.

Gold: tests/data/reading/pages.jsonl (web pages, HTML read from ../shared/bench/extraction) and
pasted.jsonl (text excerpts). A headline is right when it equals the gold headline or one of
its alternatives after normalising case, quotes, dashes and spaces. A date is right when its day
is the gold day (or an alternative the page also states); when the page states no date, only
"no date" is right. Figures are given for the whole set and for its `dev` and `held` parts:

    headline_accuracy        share of pages whose headline is right
    published_accuracy       share of pages whose publication date is right (or rightly absent)
    published_precision      of the dates we give, the share that are right
    published_coverage       share of dated pages for which we give the right date
    htmldate_published_*     the same for htmldate.find_date(html, original_date=True)
    trafilatura_headline_*   trafilatura's own title (what nutgraf used before)
    pasted_headline_accuracy the headline of pasted text excerpts
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import htmldate
import trafilatura

from nutgraf.engine.errors import NutgrafError
from nutgraf.engine.extract import extract_article
from nutgraf.engine.records import Source

GOLD_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "reading"

logging.getLogger("htmldate").setLevel(logging.CRITICAL)
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Reading:
    """What one reader made of one page."""

    headline: str | None
    published: str | None


def normalise_headline(text: str | None) -> str:
    """Case, quotes, dashes and spaces folded; trailing punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return _SPACE.sub(" ", folded).strip().strip(" .:;,")


def headline_right(ours: str | None, gold: dict[str, object]) -> bool:
    also = gold.get("headline_also")
    accepted = [gold["headline"], *(also if isinstance(also, list) else [])]
    return normalise_headline(ours) in {normalise_headline(str(h)) for h in accepted}


def date_right(ours: str | None, gold: dict[str, object]) -> bool:
    if gold["published"] is None:
        return ours is None
    accepted = {gold["published"], *gold.get("published_also", [])}  # type: ignore[misc]
    return ours is not None and ours[:10] in accepted


def load(name: str, limit: int | None = None) -> list[dict[str, object]]:
    with (GOLD_DIR / name).open(encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream if line.strip()]
    return rows[:limit] if limit else rows


def page_html(data: Path, gold: dict[str, object]) -> bytes:
    path = data / "extraction" / str(gold["set"]) / "html" / f"{gold['id']}.html.gz"
    return gzip.decompress(path.read_bytes())


def read_ours(html: bytes, gold: dict[str, object]) -> Reading:
    try:
        article = extract_article(Source(str(gold["id"]), html, "text/html"))
    except NutgrafError:
        return Reading(None, None)
    return Reading(article.title, article.published)


def read_htmldate(html: bytes) -> str | None:
    try:
        return htmldate.find_date(html, original_date=True)
    except Exception:  # noqa: BLE001 - a baseline that fails on a page scores that page wrong
        return None


def read_trafilatura_title(html: bytes) -> str | None:
    document = trafilatura.bare_extraction(html, with_metadata=True)
    return getattr(document, "title", None) if document is not None else None


def score(rows: Iterable[tuple[dict[str, object], Reading]], prefix: str) -> dict[str, float]:
    """Accuracy, precision and coverage of headlines and dates, per split and overall."""
    rows = list(rows)
    figures: dict[str, float] = {}
    for split in ("all", "dev", "held"):
        chosen = [(g, r) for g, r in rows if split == "all" or g["split"] == split]
        if not chosen:
            continue
        tail = "" if split == "all" else f"_{split}"
        given = [(g, r) for g, r in chosen if r.published is not None]
        dated = [g for g, _ in chosen if g["published"] is not None]
        right_dates = [(g, r) for g, r in chosen if date_right(r.published, g)]
        if prefix != "htmldate_":
            right = sum(headline_right(r.headline, g) for g, r in chosen)
            figures[f"{prefix}headline_accuracy{tail}"] = right / len(chosen)
        if prefix == "trafilatura_":
            continue
        figures[f"{prefix}published_accuracy{tail}"] = len(right_dates) / len(chosen)
        figures[f"{prefix}published_precision{tail}"] = (
            sum(date_right(r.published, g) for g, r in given) / len(given) if given else 1.0
        )
        figures[f"{prefix}published_coverage{tail}"] = (
            sum(g["published"] is not None for g, _ in right_dates) / len(dated) if dated else 1.0
        )
    return figures


def run(data: Path, limit: int | None = None) -> dict[str, float]:
    """All figures of this part (see the module docstring)."""
    pages = load("pages.jsonl", limit)
    ours: list[tuple[dict[str, object], Reading]] = []
    anchor: list[tuple[dict[str, object], Reading]] = []
    plain: list[tuple[dict[str, object], Reading]] = []
    for gold in pages:
        html = page_html(data, gold)
        ours.append((gold, read_ours(html, gold)))
        anchor.append((gold, Reading(None, read_htmldate(html))))
        plain.append((gold, Reading(read_trafilatura_title(html), None)))
    figures = {"pages": float(len(pages))}
    figures |= score(ours, "")
    figures |= score(anchor, "htmldate_")
    figures |= score(plain, "trafilatura_")
    pasted = load("pasted.jsonl", limit)
    figures |= pasted_figures(pasted, _read_pasted)
    return figures


def _read_pasted(gold: dict[str, object]) -> Reading:
    try:
        article = extract_article(Source(str(gold["id"]), str(gold["text"]).encode(), "text/plain"))
    except NutgrafError:
        return Reading(None, None)
    return Reading(article.title, article.published)


def pasted_figures(
    rows: list[dict[str, object]], read: Callable[[dict[str, object]], Reading]
) -> dict[str, float]:
    """Headline accuracy and date accuracy of pasted text, overall and per split."""
    if not rows:
        return {}
    read_rows = [(g, read(g)) for g in rows]
    figures: dict[str, float] = {"pasted": float(len(rows))}
    for split in ("all", "dev", "held"):
        chosen = [(g, r) for g, r in read_rows if split == "all" or g["split"] == split]
        if not chosen:
            continue
        tail = "" if split == "all" else f"_{split}"
        figures[f"pasted_headline_accuracy{tail}"] = sum(
            headline_right(r.headline, g) for g, r in chosen
        ) / len(chosen)
        figures[f"pasted_published_accuracy{tail}"] = sum(
            date_right(r.published, g) for g, r in chosen
        ) / len(chosen)
    return figures
