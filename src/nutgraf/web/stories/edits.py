"""An editor's edits laid over a brief: supported wording goes in, the rest is held back.

The promise of the site is that every item a reader sees rests on the sentences it cites. An
editor may reword an item or pick other citations; the engine's support check
(grounding.support_problem) then decides:

- an edit the cited sentences support goes into the brief at once;
- an edit they do not support is *held*: the brief keeps its old wording (a new item stays
  out) and the desk shows the held wording on its field until an editor confirms it;
- a confirmed edit goes into the brief with `"wording": "newsroom"`, which the story page and
  its JSON-LD show as the newsroom's words rather than the source's.

Pure functions over the brief's dict (docs/brief-json.md); the services store the result.
Item keys name what a held edit replaces: "summary", "key_points.2", "faq.0" (0-based indexes
into the brief), "key_points.new.7" / "faq.new.3" for an item added in the editor's 8th / 4th
slot.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nutgraf.web.stories import briefs
from nutgraf.web.stories.grounding import support_problem

NEWSROOM = "newsroom"


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the editor sent for one item: its words and, when they picked them, its citations
    (None keeps the item's own)."""

    text: str
    sources: tuple[int, ...] | None = None
    question: str = ""


@dataclass(frozen=True, slots=True)
class Held:
    item: str
    label: str
    text: str
    sources: tuple[int, ...]
    problem: str
    question: str = ""


def _words(text: str) -> str:
    return " ".join(text.split())


def _problem(sentences: dict[int, str], text: str, sources: Sequence[int]) -> str | None:
    cited = [sentences[int(i)] for i in sources if int(i) in sentences]
    return support_problem(text=text, cited=cited)


def _lay_items(
    old: Sequence[dict[str, Any]],
    proposals: Sequence[Proposal],
    *,
    key: str,
    field: str,
    label: str,
    sentences: dict[int, str],
) -> tuple[list[dict[str, Any]], list[Held]]:
    """Items after the edits in `proposals` (slot i edits old item i); and the held ones."""
    items: list[dict[str, Any]] = []
    held: list[Held] = []
    for slot, proposal in enumerate(proposals):
        before = dict(old[slot]) if slot < len(old) else None
        text = _words(proposal.text)
        if not text:
            continue  # a blank field removes its item: taking words out adds no claim
        sources = tuple(
            int(i)
            for i in (
                proposal.sources
                if proposal.sources is not None
                else (before or {}).get("sources", ())
            )
        )
        question = _words(proposal.question)
        if before is not None:
            same_words = text == before.get(field) and list(sources) == [
                int(i) for i in before.get("sources", ())
            ]
            if question and key == "faq":
                before["question"] = question
            if same_words:
                items.append(before)
                continue
        problem = _problem(sentences, text, sources)
        if problem is None:
            item = before or {}
            item.update({field: text, "sources": list(sources)})
            if question and key == "faq":
                item["question"] = question
            item.pop("wording", None)
            items.append(item)
            continue
        where = f"{key}.{len(items)}" if before is not None else f"{key}.new.{slot}"
        held.append(
            Held(
                item=where,
                label=f"{label} {slot + 1}",
                text=text,
                sources=sources,
                problem=problem,
                question=question,
            )
        )
        if before is not None:
            items.append(before)  # readers keep the wording the sources support
    return items, held


def lay_edits(
    *,
    brief: dict[str, Any],
    summary: str,
    points: Sequence[Proposal],
    faq: Sequence[Proposal],
) -> tuple[dict[str, Any], list[Held]]:
    """`brief` (not changed) with the supported edits applied, and the edits held back.

    A FAQ proposal carries its question in `question`; a blank question or answer removes
    the item. Items the editor did not change keep everything they had, their newsroom mark
    included.
    """
    new = copy.deepcopy(brief)
    sentences = briefs.sentence_map(brief)
    held: list[Held] = []
    text = _words(summary)
    if text != brief.get("summary", ""):
        problem = _problem(sentences, text, brief.get("summary_sources", ()))
        if problem is None:
            new["summary"] = text
            new.pop("summary_wording", None)
        else:
            held.append(
                Held(
                    "summary",
                    "Summary",
                    text,
                    tuple(int(i) for i in brief.get("summary_sources", ())),
                    problem,
                )
            )
    new["key_points"], point_held = _lay_items(
        brief.get("key_points", ()),
        points,
        key="key_points",
        field="text",
        label="Key point",
        sentences=sentences,
    )
    answers = [p if p.question.strip() else Proposal("", p.sources) for p in faq]
    new["faq"], faq_held = _lay_items(
        brief.get("faq", ()),
        answers,
        key="faq",
        field="answer",
        label="FAQ answer",
        sentences=sentences,
    )
    return new, [*held, *point_held, *faq_held]


def confirm_held(*, brief: dict[str, Any], held: Held) -> dict[str, Any]:
    """`brief` (not changed) with `held` put in as the newsroom's wording."""
    new = copy.deepcopy(brief)
    if held.item == "summary":
        new["summary"] = held.text
        new["summary_wording"] = NEWSROOM
        return new
    key, _, rest = held.item.partition(".")
    field = "text" if key == "key_points" else "answer"
    items = new.setdefault(key, [])
    item: dict[str, Any] = {field: held.text, "sources": list(held.sources), "wording": NEWSROOM}
    if key == "faq":
        item["question"] = held.question
    if rest.startswith("new."):
        items.append(item)
        return new
    index = int(rest)
    if index >= len(items):
        items.append(item)
    else:
        if key == "faq" and not held.question:
            item["question"] = items[index].get("question", "")
        items[index] = {**items[index], **item}
    return new


def flags(*, brief: dict[str, Any]) -> list[dict[str, str]]:
    """Items of `brief` whose words the sentences they cite do not support, leaving out those an
    editor confirmed as the newsroom's wording."""
    sentences = briefs.sentence_map(brief)
    items: list[tuple[str, str, Sequence[int]]] = []
    if brief.get("summary_wording") != NEWSROOM:
        items.append(("Summary", brief.get("summary", ""), brief.get("summary_sources", ())))
    items += [
        (f"Key point {n}", p.get("text", ""), p.get("sources", ()))
        for n, p in enumerate(brief.get("key_points", ()), start=1)
        if p.get("wording") != NEWSROOM
    ]
    items += [
        (f"FAQ answer {n}", f.get("answer", ""), f.get("sources", ()))
        for n, f in enumerate(brief.get("faq", ()), start=1)
        if f.get("wording") != NEWSROOM
    ]
    found = []
    for label, text, ids in items:
        problem = _problem(sentences, text, ids)
        if problem:
            found.append({"item": label, "problem": problem})
    return found
