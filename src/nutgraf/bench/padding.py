"""Padding: does the engine see what a machine-padded page adds to the report it rewrites?

The set is tests/data/padding/pairs/*.txt (format and sources: tests/data/padding/README.md):
real padded explainer pages, each paired with the real report it rewrites, both as the public
pages corpus holds them (about 2,000 characters from the page's start). The report's facts were
annotated by hand, and every sentence of both pages mapped to the facts it states or to none.

For each pair the bench runs the whole engine (brief_from_text on the page as Markdown) and
reports:

    padded share     (redundant + filler sentences) / sentences on the padded page, as the
                     brief's stats count them; target >= 0.5
    original share   the same on the original report; target <= 0.15
    gold shares      the same two shares by the annotation: a sentence is padding when it
                     states no fact, or only facts an earlier sentence stated
    recovered        facts the padded page states that its key points carry (a point carries
                     the facts of the annotated sentence it was taken from), over the facts
                     the padded page states at all; target >= 5/6
    wasted           key points that carry no fact not already carried by an earlier point;
                     target <= 1

Pairs marked `split: held-out` were set aside before any tuning; the report gives both
groups separately.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nutgraf.engine import brief_from_text
from nutgraf.engine.records import Brief
from nutgraf.engine.terms import tokenize

Progress = Callable[[int, int], None]

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "padding"
PADDED_TARGET = 0.5
ORIGINAL_TARGET = 0.15
RECOVERY_TARGET = 5 / 6
WASTED_TARGET = 1


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence of a page and the facts it states (empty: none), or a heading."""

    text: str
    facts: frozenset[str] = frozenset()
    heading: bool = False
    paragraph: int = 0
    adds: bool = False  # marked "F3+": goes on with a fact already begun, adding to it


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    title: str
    lines: tuple[Line, ...]

    def markdown(self) -> str:
        """The page as the engine reads it: title, headings, one paragraph a block."""
        parts: list[str] = [f"# {self.title}"] if self.title else []
        paragraph: list[str] = []
        current = -1
        for line in self.lines:
            if line.heading or line.paragraph != current:
                if paragraph:
                    parts.append(" ".join(paragraph))
                paragraph = []
                current = line.paragraph
            if line.heading:
                parts.append(f"## {line.text}")
            else:
                paragraph.append(line.text)
        if paragraph:
            parts.append(" ".join(paragraph))
        return "\n\n".join(parts) + "\n"

    @property
    def sentences(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.heading)


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    split: str  # "dev" or "held-out"
    event: str
    facts: dict[str, str]
    original: Page
    padded: Page


@dataclass(slots=True)
class PairResult:
    id: str
    split: str
    padded_share: float
    original_share: float
    gold_padded_share: float
    gold_original_share: float
    facts_stated: int
    recovered: int
    points: int
    wasted: int
    point_facts: list[list[str]] = field(default_factory=list)


def load_pairs(folder: Path = DATA) -> list[Pair]:
    """Every pair file in `folder`/pairs, in file-name order."""
    return [
        parse_pair(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("pairs/*.txt"))
    ]


_HEADER = re.compile(r"^#\s*(\w[\w-]*):\s*(.*)$")


def parse_pair(text: str) -> Pair:
    """Read one pair file (see tests/data/padding/README.md for the format)."""
    header: dict[str, str] = {}
    facts: dict[str, str] = {}
    pages: dict[str, tuple[str, str, list[Line]]] = {}
    current: list[Line] | None = None
    paragraph = 0
    for raw in text.splitlines():
        if raw.startswith("=== "):
            kind, url, title = [*raw[4:].split("\t"), "", ""][:3]
            current = []
            paragraph = 0
            pages[kind.strip()] = (url.strip(), title.strip(), current)
            continue
        if current is None:
            match = _HEADER.match(raw)
            if match:
                header[match.group(1)] = match.group(2).strip()
            elif "\t" in raw:
                key, meaning = raw.split("\t", 1)
                facts[key.strip()] = meaning.strip()
            continue
        if not raw.strip():
            paragraph += 1
            continue
        marks, _, sentence = raw.partition("\t")
        if marks == "##":
            paragraph += 1
            current.append(Line(sentence.strip(), heading=True, paragraph=paragraph))
            paragraph += 1
            continue
        ids = frozenset(m.rstrip("+") for m in marks.split() if m != "-")
        unknown = ids - facts.keys()
        if unknown:
            raise ValueError(f"{header.get('pair')}: unknown facts {sorted(unknown)}")
        adds = any(m.endswith("+") for m in marks.split())
        current.append(Line(sentence.strip(), ids, paragraph=paragraph, adds=adds))

    def page(kind: str) -> Page:
        url, title, lines = pages[kind]
        return Page(url, title, tuple(lines))

    return Pair(
        id=header["pair"],
        split=header.get("split", "dev"),
        event=header.get("event", ""),
        facts=facts,
        original=page("original"),
        padded=page("padded"),
    )


def gold_share(page: Page) -> float:
    """Sentences that state no fact, or only facts stated before, over all sentences.

    A sentence marked as going on with a fact ("F9+", the second sentence of a quote) adds to
    it and is not padding.
    """
    seen: set[str] = set()
    padding = 0
    sentences = page.sentences
    for line in sentences:
        if not line.facts - seen and not line.adds:
            padding += 1
        seen |= line.facts
    return padding / len(sentences) if sentences else 0.0


def _words(text: str) -> frozenset[str]:
    return frozenset(token.lower() for token in tokenize(text))


def annotated_facts(sentence: str, page: Page) -> frozenset[str]:
    """The facts of the annotated sentences an engine sentence was cut from.

    The engine's splitter and the annotator's may cut differently, so the engine sentence is
    matched to every annotated sentence most of whose words it holds (or that holds most of
    its words).
    """
    words = _words(sentence)
    found: set[str] = set()
    best, best_overlap = frozenset[str](), 0.0
    for line in page.sentences:
        theirs = _words(line.text)
        if not theirs or not words:
            continue
        shared = len(words & theirs)
        overlap = shared / min(len(words), len(theirs))
        if overlap >= 0.8:
            found |= line.facts
        if overlap > best_overlap:
            best, best_overlap = line.facts, overlap
    return frozenset(found) if found else best


def share(brief: Brief) -> float:
    """The brief's own (redundant + filler) share of its sentences."""
    stats = brief.stats
    return (stats.redundant_sentences + stats.filler_sentences) / max(stats.sentences, 1)


def score_pair(pair: Pair) -> PairResult:
    padded = brief_from_text(pair.padded.markdown(), media_type="text/markdown")
    original = brief_from_text(pair.original.markdown(), media_type="text/markdown")
    stated = set().union(*(line.facts for line in pair.padded.sentences))
    carried: set[str] = set()
    wasted = 0
    point_facts = []
    for point in padded.key_points:
        facts = set().union(
            *(annotated_facts(padded.sentences[i].text, pair.padded) for i in point.sources[:1])
        )
        point_facts.append(sorted(facts))
        if not facts - carried:
            wasted += 1
        carried |= facts
    return PairResult(
        id=pair.id,
        split=pair.split,
        padded_share=share(padded),
        original_share=share(original),
        gold_padded_share=gold_share(pair.padded),
        gold_original_share=gold_share(pair.original),
        facts_stated=len(stated),
        recovered=len(carried & stated),
        points=len(padded.key_points),
        wasted=wasted,
        point_facts=point_facts,
    )


def run_padding_bench(
    folder: Path = DATA, *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Figures per pair (`<id>_<figure>`) and per split (`dev_<figure>`, `held_out_<figure>`)."""
    pairs = load_pairs(folder)[:limit]
    results = []
    for done, pair in enumerate(pairs, start=1):
        results.append(score_pair(pair))
        if progress is not None:
            progress(done, len(pairs))
    figures: dict[str, float] = {}
    for result in results:
        for name in (
            "padded_share",
            "original_share",
            "gold_padded_share",
            "gold_original_share",
            "facts_stated",
            "recovered",
            "points",
            "wasted",
        ):
            figures[f"{result.id}_{name}"] = float(getattr(result, name))
    for split, key in (("dev", "dev"), ("held-out", "held_out")):
        chosen = [r for r in results if r.split == split]
        figures |= _summary(chosen, key)
    return figures


def _summary(results: Sequence[PairResult], key: str) -> dict[str, float]:
    if not results:
        return {}
    count = len(results)
    return {
        f"{key}_pairs": float(count),
        f"{key}_padded_share_mean": sum(r.padded_share for r in results) / count,
        f"{key}_original_share_mean": sum(r.original_share for r in results) / count,
        f"{key}_padded_share_met": float(sum(r.padded_share >= PADDED_TARGET for r in results)),
        f"{key}_original_share_met": float(
            sum(r.original_share <= ORIGINAL_TARGET for r in results)
        ),
        f"{key}_recovery_mean": sum(r.recovered / max(r.facts_stated, 1) for r in results) / count,
        f"{key}_recovery_met": float(
            sum(r.recovered / max(r.facts_stated, 1) >= RECOVERY_TARGET for r in results)
        ),
        f"{key}_wasted_mean": sum(r.wasted for r in results) / count,
        f"{key}_wasted_met": float(sum(r.wasted <= WASTED_TARGET for r in results)),
        f"{key}_points_mean": sum(r.points for r in results) / count,
        # the same, as figures where higher is better, for the quality gate's floors
        f"{key}_original_clean_mean": 1 - sum(r.original_share for r in results) / count,
        f"{key}_point_precision": sum(r.points - r.wasted for r in results)
        / max(sum(r.points for r in results), 1),
    }


def format_padding_report(figures: dict[str, float]) -> str:
    ids = sorted(
        key.removesuffix("_facts_stated") for key in figures if key.endswith("_facts_stated")
    )
    lines = [
        "padding pairs (tests/data/padding): share = (redundant + filler) / sentences",
        f"  {'pair':<34}{'padded':>8}{'gold':>6}{'orig':>7}{'gold':>6}"
        f"{'recovered':>11}{'points':>8}{'wasted':>8}",
    ]
    for pair in ids:

        def g(name: str, pair: str = pair) -> float:
            return figures[f"{pair}_{name}"]

        lines.append(
            f"  {pair:<34}{g('padded_share'):>8.2f}{g('gold_padded_share'):>6.2f}"
            f"{g('original_share'):>7.2f}{g('gold_original_share'):>6.2f}"
            f"{int(g('recovered')):>6}/{int(g('facts_stated')):<4}{int(g('points')):>8}"
            f"{int(g('wasted')):>8}"
        )
    for key, label in (("dev", "development"), ("held_out", "held out")):
        if f"{key}_pairs" not in figures:
            continue
        count = int(figures[f"{key}_pairs"])
        lines += [
            "",
            f"{label} ({count} pairs):",
            f"  padded share mean {figures[f'{key}_padded_share_mean']:.2f}, "
            f">= {PADDED_TARGET} on {int(figures[f'{key}_padded_share_met'])}/{count}",
            f"  original share mean {figures[f'{key}_original_share_mean']:.2f}, "
            f"<= {ORIGINAL_TARGET} on {int(figures[f'{key}_original_share_met'])}/{count}",
            f"  facts recovered by key points, mean {figures[f'{key}_recovery_mean']:.2f}, "
            f">= 5/6 on {int(figures[f'{key}_recovery_met'])}/{count}",
            f"  wasted points mean {figures[f'{key}_wasted_mean']:.2f}, "
            f"<= {WASTED_TARGET} on {int(figures[f'{key}_wasted_met'])}/{count}; "
            f"points mean {figures[f'{key}_points_mean']:.1f}",
        ]
    return "\n".join(lines)
