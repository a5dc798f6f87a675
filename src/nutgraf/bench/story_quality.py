"""Stories on real coverage: clustering, lineage, report counts and merged briefs, measured on
the hand-annotated development set in tests/data/coverage and, apart, on the held-out set in
tests/data/coverage-held-out (another month, other events and outlets; see their READMEs).

Each article goes through the engine as the site takes it (its text, the page's URL, the
publication time; no site name), in the order a site would have received it. Then:

    clustering   the live index (StoryIndex.add, publication order, as the site assigns):
                 pairwise F1 against the gold events
    lineage      per gold relation (a copy, version, revision or rewrite of an earlier article):
                 told as such when the later article is not original reporting and follows the
                 earlier one or what that one follows; a version must be listed as a version
    padded       each machine-padded rewrite: in its event's story and marked as adding nothing
    counts       per event, the independent-report count of its story against the gold
    briefs       per event, the distinct facts among the merged brief's key points (facts.json)
                 and the conflicts whose values are equal once quotes and case are normalised

Figures are keyed for floors.toml ([story_quality]); `format_story_quality_report` prints them
with every miss named, so a failure says which article.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.bench.clustering import pairwise_f1

Progress = Callable[[int, int], None]

#: The development set, beside the tests that pin its floors.
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "coverage"
#: The held-out set: measured on every run, its misses never printed (it is not tuned on).
HELD_OUT_DATA = DEFAULT_DATA.with_name("coverage-held-out")
NEAR_COPIES = ("copy", "version", "revision")


@dataclass(frozen=True, slots=True)
class Gold:
    id: str
    event: str
    url: str
    published: str
    title: str
    text: str
    follows: str | None
    relation: str | None
    adds_nothing: bool
    padded: bool


def read_articles(folder: Path) -> list[Gold]:
    rows = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            rows.append(
                Gold(
                    row["id"],
                    row["event"],
                    row["url"],
                    row["published"],
                    row["title"],
                    row["text"],
                    row["follows"],
                    row["relation"],
                    bool(row["adds_nothing"]),
                    bool(row["padded"]),
                )
            )
    return rows


def read_facts(folder: Path) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    data = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    return {
        event: [(f["id"], re.compile(f["pattern"], re.IGNORECASE)) for f in facts]
        for event, facts in data.items()
    }


def brief_article(item: Gold) -> Any:
    """The engine's brief of one article as the site makes it: text, URL, publication time."""
    from nutgraf.engine import brief_from_text

    text = f"{item.title}\n\n{item.text}" if item.title else item.text
    made = brief_from_text(text, location=item.id)
    source = dataclasses.replace(made.source, url=item.url, published=item.published)
    return dataclasses.replace(made, source=source)


def normalise_value(value: str) -> str:
    """A conflict value with quotes, apostrophes and case folded: NBC’s == NBC's == nbc's."""
    value = unicodedata.normalize("NFKC", value)
    value = re.sub(r"[’‘`´′]", "'", value)
    value = re.sub(r"[“”„″]", '"', value)
    return re.sub(r"\s+", " ", value).strip().casefold()


def run_story_quality_bench(
    data: Path | None = None, *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Figures of the module docstring; `limit` keeps the first N articles (a quick look)."""
    figures, _ = evaluate(data or DEFAULT_DATA, limit=limit, progress=progress)
    return figures


def evaluate(
    folder: Path, *, limit: int | None = None, progress: Progress | None = None
) -> tuple[dict[str, float], list[str]]:
    """(figures, lines naming every miss)."""
    from nutgraf.engine.stories import StoryIndex, merge_story, profile_text

    items = read_articles(folder)[:limit]
    facts = read_facts(folder)
    briefs = []
    for n, item in enumerate(items, 1):
        briefs.append(brief_article(item))
        if progress:
            progress(n, len(items) + 1)
    index = StoryIndex()
    labels = []
    for item, made in zip(items, briefs, strict=True):
        text = " ".join(s.text for s in made.sentences)
        labels.append(
            index.add(profile_text(text, title=made.title, published=item.published)).story
        )
    gold_events = [item.event for item in items]
    misses: list[str] = []
    figures: dict[str, float] = {
        "articles": float(len(items)),
        "events": float(len(set(gold_events))),
        "stories": float(len(set(labels))),
        "pairwise_f1": round(pairwise_f1(gold_events, labels), 4),
    }
    members: dict[int, list[int]] = defaultdict(list)
    for position, label in enumerate(labels):
        members[label].append(position)
    merged = {label: merge_story([briefs[p] for p in ps]) for label, ps in members.items()}
    # Where each article ended up: its story's label and its StoryArticle.
    found: dict[str, tuple[int, Any]] = {}
    for label, story in merged.items():
        for article in story.articles:
            found[article.location] = (label, article)
            for version in getattr(article, "versions", ()):
                found.setdefault(version.location, (label, article))
    by_id = {item.id: item for item in items}
    story_of_event = {
        event: Counter(
            labels[p] for p, item in enumerate(items) if item.event == event
        ).most_common(1)[0][0]
        for event in dict.fromkeys(gold_events)
    }
    for event, label in story_of_event.items():
        ids = sorted(item.id for p, item in enumerate(items) if labels[p] == label)
        expected = sorted(item.id for item in items if item.event == event)
        if ids != expected:
            misses.append(
                f"story of {event}: extra {sorted(set(ids) - set(expected))}, "
                f"missing {sorted(set(expected) - set(ids))}"
            )
    _lineage(items, by_id, found, figures, misses)
    _padded(items, found, story_of_event, figures, misses)
    _counts(items, merged, story_of_event, figures, misses)
    _briefs(merged, story_of_event, facts, figures, misses)
    if progress:
        progress(len(items) + 1, len(items) + 1)
    return figures, misses


def _chain(location: str, found: dict[str, tuple[int, Any]], index_of: dict[int, str]) -> set[str]:
    """The articles `location` follows, directly or through others."""
    seen: set[str] = set()
    article = found[location][1]
    while article.follows is not None:
        nxt = index_of.get(article.follows)
        if nxt is None or nxt in seen:
            break
        seen.add(nxt)
        article = found[nxt][1]
    return seen


def _lineage(
    items: Sequence[Gold],
    by_id: dict[str, Gold],
    found: dict[str, tuple[int, Any]],
    figures: dict[str, float],
    misses: list[str],
) -> None:
    told = total = versions = versions_told = rewrites = rewrites_told = rewrites_sourced = 0
    for item in items:
        if item.follows is None or item.follows not in by_id or item.id not in found:
            continue
        label, article = found[item.id]
        other_label, other = found.get(item.follows, (None, None))
        index_of = {a.index: a.location for lab, a in found.values() if lab == label}
        same_story = other_label == label
        if item.relation == "version":
            versions += 1
            ok = same_story and other is article  # one article, the other page a version
            versions_told += ok
        else:
            chain = _chain(item.id, found, index_of) if same_story else set()
            before = _chain(item.follows, found, index_of) | {item.follows}
            sourced = same_story and article.role != "original" and bool(chain & before)
            # A near-copy must follow what it copies; a rewrite by meaning restates facts that
            # several earlier reports may state, so it is told as such when marked a rewrite
            # in its event's story, and its gold source is counted apart.
            ok = (
                sourced
                if item.relation in NEAR_COPIES
                else (same_story and article.role != "original")
            )
            if item.relation not in NEAR_COPIES:
                rewrites_sourced += sourced
        if item.relation in NEAR_COPIES:
            total += 1
            told += ok
        else:
            rewrites += 1
            rewrites_told += ok
        if not ok:
            misses.append(
                f"lineage {item.id} ({item.relation} of {item.follows}): role {article.role}, "
                f"follows {index_of.get(article.follows)}, same story {same_story}"
            )
    figures["near_copies"] = float(total)
    figures["near_copies_told"] = float(told)
    figures["near_copy_recall"] = round(told / total, 4) if total else 1.0
    figures["versions"] = float(versions)
    figures["versions_told"] = float(versions_told)
    figures["versions_recall"] = round(versions_told / versions, 4) if versions else 1.0
    figures["rewrites"] = float(rewrites)
    figures["rewrites_told"] = float(rewrites_told)
    figures["rewrite_recall"] = round(rewrites_told / rewrites, 4) if rewrites else 1.0
    figures["rewrites_gold_source"] = float(rewrites_sourced)


def _padded(
    items: Sequence[Gold],
    found: dict[str, tuple[int, Any]],
    story_of_event: dict[str, int],
    figures: dict[str, float],
    misses: list[str],
) -> None:
    padded = [item for item in items if item.padded]
    good = 0
    for item in padded:
        label, article = found[item.id]
        ok = label == story_of_event[item.event] and article.role == "rewrite"
        good += ok
        if not ok:
            where = "its" if label == story_of_event[item.event] else "another"
            added = [c.text[:60] for c in article.added]
            misses.append(f"padded {item.id}: in {where} story, role {article.role}, added {added}")
    figures["padded"] = float(len(padded))
    figures["padded_joined_nothing_added"] = float(good)
    figures["padded_recall"] = round(good / len(padded), 4) if padded else 1.0
    # Precision of "adds nothing": articles marked rewrite that the gold says add something.
    wrong = [
        item.id
        for item in items
        if item.id in found and found[item.id][1].role == "rewrite" and not item.adds_nothing
    ]
    for name in wrong:
        misses.append(f"{name} marked a rewrite that adds nothing, but it adds")
    marked = sum(1 for item in items if item.id in found and found[item.id][1].role == "rewrite")
    figures["adds_nothing_precision"] = round((marked - len(wrong)) / marked, 4) if marked else 1.0


def _counts(
    items: Sequence[Gold],
    merged: dict[int, Any],
    story_of_event: dict[str, int],
    figures: dict[str, float],
    misses: list[str],
) -> None:
    exact = 0
    for event, label in story_of_event.items():
        gold = sum(1 for item in items if item.event == event and item.follows is None)
        got = merged[label].counts.independent
        exact += got == gold
        figures[f"independent_{event}"] = float(got)
        figures[f"independent_{event}_gold"] = float(gold)
        if got != gold:
            originals = [a.location for a in merged[label].articles if a.role == "original"]
            misses.append(f"independent {event}: {got}, gold {gold}; originals {originals}")
    figures["counts_exact"] = float(exact)
    figures["counts_exact_share"] = round(exact / len(story_of_event), 4)


def _briefs(
    merged: dict[int, Any],
    story_of_event: dict[str, int],
    facts: dict[str, list[tuple[str, re.Pattern[str]]]],
    figures: dict[str, float],
    misses: list[str],
) -> None:
    worst = 99.0
    equal_conflicts = 0
    unmatched = 0
    for event, label in story_of_event.items():
        story = merged[label]
        seen: set[str] = set()
        distinct = 0
        for point in story.key_points:
            stated = {name for name, pattern in facts.get(event, []) if pattern.search(point.text)}
            if not stated:
                unmatched += 1
                misses.append(f"brief {event}: point matches no listed fact: {point.text[:100]}")
                distinct += 1
            elif stated - seen:
                distinct += 1
            else:
                misses.append(f"brief {event}: point repeats {sorted(stated)}: {point.text[:80]}")
            seen |= stated
        figures[f"distinct_facts_{event}"] = float(distinct)
        figures[f"points_{event}"] = float(len(story.key_points))
        worst = min(worst, distinct)
        for conflict in story.conflicts:
            values = [normalise_value(c.value) for c in conflict.claims]
            if len(set(values)) < len(values):
                equal_conflicts += 1
                shown = " / ".join(c.value for c in conflict.claims)
                misses.append(f"brief {event}: conflict between equal values: {shown}")
        figures[f"conflicts_{event}"] = float(len(story.conflicts))
    figures["distinct_facts_min"] = worst
    figures["conflicts_equal_values"] = float(equal_conflicts)
    figures["no_equal_conflicts"] = 1.0 if equal_conflicts == 0 else 0.0  # a floor is a minimum
    figures["points_unmatched"] = float(unmatched)


def format_story_quality_report(
    figures: dict[str, float], misses: Sequence[str] = (), *, data: Path = DEFAULT_DATA
) -> str:
    """The figures of one set (`data`, for its name) and its misses, one line each."""
    events = sorted(
        k.removeprefix("independent_").removesuffix("_gold")
        for k in figures
        if k.startswith("independent_") and k.endswith("_gold")
    )
    lines = [
        f"Stories on real coverage ({_shown(data)}): {figures['articles']:.0f} articles, "
        f"{figures['events']:.0f} events, {figures['stories']:.0f} stories found",
        f"  clustering      pairwise F1 {figures['pairwise_f1']:.3f}   (target >= 0.95)",
        f"  near-copies     {figures['near_copies_told']:.0f}/{figures['near_copies']:.0f} told as "
        f"such (versions listed {figures['versions_told']:.0f}/{figures['versions']:.0f}); "
        f"rewrites {figures['rewrites_told']:.0f}/{figures['rewrites']:.0f} "
        f"(following the gold source {figures['rewrites_gold_source']:.0f})",
        f"  padded          {figures['padded_joined_nothing_added']:.0f}/{figures['padded']:.0f} "
        "joined and adding nothing; 'adds nothing' precision "
        f"{figures['adds_nothing_precision']:.3f}",
        f"  counts          {figures['counts_exact']:.0f}/{len(events)} events with the exact "
        "independent-report count",
    ]
    for event in events:
        lines.append(
            f"    {event:<16} independent {figures[f'independent_{event}']:.0f} "
            f"(gold {figures[f'independent_{event}_gold']:.0f}), distinct facts "
            f"{figures[f'distinct_facts_{event}']:.0f} in {figures[f'points_{event}']:.0f} points, "
            f"{figures[f'conflicts_{event}']:.0f} conflicts"
        )
    lines.append(
        f"  briefs          fewest distinct facts {figures['distinct_facts_min']:.0f} in 7 points "
        f"(target >= 6); conflicts between equal values {figures['conflicts_equal_values']:.0f}"
    )
    lines += [f"  miss: {m}" for m in misses]
    return "\n".join(lines)


def _shown(data: Path) -> str:
    """The set's folder as the repository names it (tests/data/...), else as given."""
    parts = data.parts
    return "/".join(parts[parts.index("tests") :]) if "tests" in parts else str(data)


if __name__ == "__main__":
    result, missed = evaluate(DEFAULT_DATA)
    print(format_story_quality_report(result, missed))
