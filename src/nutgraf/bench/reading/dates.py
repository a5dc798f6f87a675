"""Relative dates: precision and coverage against hand-annotated expressions.

Gold: tests/data/reading/dates.jsonl, expressions such as "on Tuesday" or "last week" in the gold
pages and pasted excerpts, each with the calendar date it means, or `null` when it names none
that can be known. The pages go through nutgraf's own stages (extract, sentences, roles, dates),
so the anchor is the publication date nutgraf itself found. For each gold expression, the
sentence holding its context is found and, in it, our mention that shares the expression's words:

    relative_precision   of the gold expressions we gave a date, the share given the right one
                         (a date given to a `null` expression is wrong)
    relative_coverage    of the gold expressions that have a date, the share we got right
    relative_found       share of gold expressions whose sentence we found in our text

A day is right when it is the same day; a week, month or year when it is the same period.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from nutgraf.bench.reading.pages import load, page_html
from nutgraf.engine.dates import precision_date
from nutgraf.engine.errors import NutgrafError
from nutgraf.engine.pipeline import DEFAULT_STAGES, Pipeline
from nutgraf.engine.records import DateMention, Sentence, Source

_STAGES = ("extract", "sentences", "roles", "dates")
_LEAD = re.compile(r"^(?:on|by|until|before|since|from|early|late|earlier|later)\s+", re.I)
_SPACE = re.compile(r"\s+")


def mention_value(mention: DateMention) -> str | None:
    """A mention's value in the gold format: the engine's precision date ("YYYY-MM-DD",
    "YYYY-MM", "YYYY"), or "first..last" for a span that is no whole month or year."""
    value = precision_date(mention)
    if mention.end is not None and value == mention.value:
        return f"{mention.value}..{mention.end}"
    return value


def _words(text: str) -> str:
    return _SPACE.sub(" ", _LEAD.sub("", text.strip())).casefold()


def _matching(mentions: list[DateMention], expression: str) -> DateMention | None:
    """Our mention that shares the expression's words ("Tuesday" in "on Tuesday night")."""
    core = _words(expression)
    for mention in mentions:
        ours = _words(mention.text)
        if core in ours or ours in core:
            return mention
    return None


def _sentence(sentences: tuple[Sentence, ...], context: str) -> Sentence | None:
    wanted = _SPACE.sub(" ", context).strip()
    for sentence in sentences:
        if wanted in _SPACE.sub(" ", sentence.text):
            return sentence
    return None


def run(data: Path, limit: int | None = None) -> dict[str, float]:
    """All figures of this part (see the module docstring)."""
    pipeline = Pipeline(tuple(s for s in DEFAULT_STAGES if s.name in _STAGES))
    pages = {str(p["id"]): p for p in load("pages.jsonl")}
    pasted = {str(p["id"]): p for p in load("pasted.jsonl")}
    gold = load("dates.jsonl", limit)
    by_page: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in gold:
        by_page[str(row["page"])].append(row)
    outcomes: list[tuple[dict[str, object], str | None, bool]] = []  # (gold, ours, found)
    for page_id, rows in by_page.items():
        if page_id in pasted:
            source = Source(page_id, str(pasted[page_id]["text"]).encode(), "text/plain")
        else:
            source = Source(page_id, page_html(data, pages[page_id]), "text/html")
        try:
            work = pipeline.run(source)
        except NutgrafError:
            outcomes.extend((row, None, False) for row in rows)
            continue
        sentences = work.sentences or ()
        mentions: dict[int, list[DateMention]] = defaultdict(list)
        for mention in work.dates or ():
            mentions[mention.sentence_id].append(mention)
        for row in rows:
            sentence = _sentence(sentences, str(row["context"]))
            if sentence is None:
                outcomes.append((row, None, False))
                continue
            found = _matching(mentions[sentence.id], str(row["expression"]))
            outcomes.append((row, mention_value(found) if found else None, True))
    return _score(outcomes)


def _score(outcomes: list[tuple[dict[str, object], str | None, bool]]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for split in ("all", "dev", "held"):
        chosen = [o for o in outcomes if split == "all" or o[0]["split"] == split]
        if not chosen:
            continue
        tail = "" if split == "all" else f"_{split}"
        given = [(g, ours) for g, ours, _ in chosen if ours is not None]
        right = sum(ours == g["value"] for g, ours in given)
        with_value = sum(g["value"] is not None for g, _, _ in chosen)
        figures[f"relative_precision{tail}"] = right / len(given) if given else 1.0
        figures[f"relative_coverage{tail}"] = right / with_value if with_value else 1.0
        figures[f"relative_found{tail}"] = sum(found for _, _, found in chosen) / len(chosen)
        figures[f"relative_expressions{tail}"] = float(len(chosen))
    return figures
