"""Entities: is each named entity given the right kind, and how much junk is taken for one?

On the same gold articles as the speakers bench (tests/data/reading/speakers.jsonl), each with
its named entities and their kinds (person, organization, place, nationality) and the strings
of that page a reader would never call an entity (interface and caption words, adverbs,
scores), all annotated by hand.

    kind accuracy   of the gold entities the engine finds (by its name or one of its mentions,
                    quote marks and case aside), the share whose kind is right
    coverage        the share of gold entities found at all
    junk            engine entities per article named by a gold junk string, or whose name
                    carries a rating ("Zamora 7.5")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nutgraf.bench.reading.speakers import (
    GOLD_FILE,
    REPORT_ROWS,
    SPLITS,
    ArticleGold,
    Progress,
    analysed,
    load_gold,
    norm_name,
)
from nutgraf.engine.records import Entity

#: main at f0f6272 (before this round), measured on this gold set by this module.
BASELINE: dict[str, float] = {
    "dev_entity_kind_accuracy": 0.868,
    "dev_junk_per_article": 0.03,
    "test_entity_kind_accuracy": 0.884,
    "test_junk_per_article": 0.00,
    "entity_kind_accuracy": 0.871,
    "junk_per_article": 0.02,
}

#: A rating stuck to a name ("Zamora 7.5"). A whole number may be part of it ("Fox 13",
#: "Channel 4"): those are judged by the gold junk strings only.
_SCORE = re.compile(r"\s\d+[.,]\d+$")


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0
    junk: int = 0
    articles: int = 0

    def add(self, other: Tally) -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def figures(self, prefix: str) -> dict[str, float]:
        return {
            f"{prefix}entity_kind_accuracy": self.right / self.found if self.found else 0.0,
            f"{prefix}entity_coverage": self.found / self.gold if self.gold else 0.0,
            f"{prefix}junk_per_article": self.junk / self.articles if self.articles else 0.0,
            f"{prefix}junk_entities": float(self.junk),
            f"{prefix}entities_gold": float(self.gold),
        }


def find_entity(entities: Sequence[Entity], name: str) -> Entity | None:
    """The engine entity called `name` (its display name first, then any of its mentions)."""
    wanted = norm_name(name)
    for entity in entities:
        if norm_name(entity.name) == wanted:
            return entity
    for entity in entities:
        if any(norm_name(m) == wanted for m in entity.mentions):
            return entity
    return None


def is_junk(entity: Entity, junk: Sequence[str]) -> bool:
    words = {norm_name(j) for j in junk}
    names = {norm_name(entity.name)} | {norm_name(m) for m in entity.mentions}
    return bool(names & words) or any(_SCORE.search(n) for n in (entity.name, *entity.mentions))


def score_article(article: ArticleGold, entities: Sequence[Entity]) -> tuple[Tally, list[str]]:
    tally, notes = Tally(articles=1), []
    for name, kind in article.entities:
        tally.gold += 1
        entity = find_entity(entities, name)
        if entity is None:
            continue
        tally.found += 1
        if entity.kind == kind:
            tally.right += 1
        else:
            notes.append(
                f"kind     {article.id[:40]:<40} {name!r}: gold {kind}, said {entity.kind}"
            )
    for entity in entities:
        if is_junk(entity, article.junk):
            tally.junk += 1
            notes.append(f"junk     {article.id[:40]:<40} {entity.name!r} {entity.mentions}")
    return tally, notes


def run(
    data_dir: Path,
    limit: int | None = None,
    *,
    progress: Progress | None = None,
    notes: list[str] | None = None,
    gold_file: Path = GOLD_FILE,
) -> dict[str, float]:
    """Entity-kind accuracy, coverage and junk per article, per split and for both."""
    gold = load_gold(gold_file, limit)
    tallies = {split: Tally() for split in SPLITS}
    for article, work in analysed(data_dir, gold, progress):
        tally, found = score_article(article, work.entities or ())
        tallies[article.split].add(tally)
        if notes is not None and article.split == "dev":
            notes.extend(found)  # the held-back part is only ever measured, never read
    figures: dict[str, float] = {"entity_articles": float(len(gold))}
    both = Tally()
    for split, tally in tallies.items():
        figures |= tally.figures(f"{split}_")
        both.add(tally)
    return figures | both.figures("")


def format_report(figures: dict[str, float], baseline: dict[str, float] = BASELINE) -> str:
    lines = [
        f"entities: {int(figures['entity_articles'])} articles, "
        f"{int(figures['entities_gold'])} named entities (target: no junk entity)",
        f"  {'part':<10}{'kind acc.':>11}{'coverage':>10}{'junk/article':>14}"
        "   baseline acc. / junk",
    ]
    for label, prefix in REPORT_ROWS:
        if not figures.get(f"{prefix}entities_gold"):
            continue  # a part this run did not read
        base = ""
        if f"{prefix}entity_kind_accuracy" in baseline:
            base = (
                f"   {baseline[f'{prefix}entity_kind_accuracy']:.3f} / "
                f"{baseline[f'{prefix}junk_per_article']:.2f}"
            )
        lines.append(
            f"  {label:<10}{figures[f'{prefix}entity_kind_accuracy']:>11.3f}"
            f"{figures[f'{prefix}entity_coverage']:>10.3f}"
            f"{figures[f'{prefix}junk_per_article']:>14.2f}{base}"
        )
    return "\n".join(lines)


def main() -> None:
    """`python -m nutgraf.bench.reading.entities [BENCH_DIR] [LIMIT] [-v]`."""
    import sys

    args = [a for a in sys.argv[1:] if a != "-v"]
    folder = Path(args[0]) if args else Path("../shared/bench")
    limit = int(args[1]) if len(args) > 1 else None
    notes: list[str] = []
    figures = run(folder, limit, notes=notes)
    if "-v" in sys.argv:
        print("\n".join(notes))
    print(format_report(figures))


if __name__ == "__main__":
    main()
