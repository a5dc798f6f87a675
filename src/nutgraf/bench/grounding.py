"""Grounding: does nutgraf's support check agree with people on what an article supports?

One public set, read in place from `bench_dir` (…/shared/bench/grounding):

    qags-cnndm.jsonl   235 CNN/DailyMail articles, each with machine-written summary sentences
                       that three annotators judged "supported by the article?". A sentence is
                       supported when at least two of three said yes (QAGS, Wang et al. 2020).

For each sentence, `check_support(sentence, article_sentences)` runs with no citation, so it
finds the best sources itself, exactly as the site checks an editor's edit. Figures: accuracy
against the majority vote, and precision/recall/F1 on the "unsupported" class, which is the one
a support check exists to catch. The baseline, computed in the same run, calls everything
supported (the majority class): its accuracy is the bar, and its unsupported-F1 is 0.

The articles carry a processing artefact, figures split after their separator ("235, 000",
"1. 3"); `repair_figures` joins them back before splitting, or every figure reads as missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from nutgraf.engine.grounding import check_support
from nutgraf.engine.sentences import split_sentences
from nutgraf.engine.terms import sentence_terms, term_weights

Progress = Callable[[int, int], None]

#: Published anchors: the metric's own paper reports correlations, not accuracy; the figure
#: a reader can compare is the majority class, which the report computes on this copy.
ANCHOR_NOTE = "QAGS (Wang et al. 2020) reports correlations only; baseline = majority class"
_SPLIT_FIGURE = re.compile(r"(\d)([,.]) (\d)")


def repair_figures(text: str) -> str:
    """ "235, 000" -> "235,000", "1. 3" -> "1.3"."""
    return _SPLIT_FIGURE.sub(r"\1\2\3", text)


def run_grounding_bench(
    bench_dir: Path, *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Score the support check on the first `limit` articles (all when None).

    `bench_dir` is the grounding folder holding qags-cnndm.jsonl.
    """
    articles = _articles(bench_dir / "qags-cnndm.jsonl", limit)
    # confusion counts with "unsupported" as the positive class
    ours = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    majority_supported = 0
    for done, (article, claims) in enumerate(articles, start=1):
        sentences = split_sentences(repair_figures(article))
        weights = term_weights([sentence_terms(s.text) for s in sentences])
        for claim, supported in claims:
            predicted = check_support(claim, sentences, weights=weights).supported
            majority_supported += supported
            key = ("fn" if predicted else "tp") if not supported else ("tn" if predicted else "fp")
            ours[key] += 1
        if progress is not None:
            progress(done, len(articles))
    total = sum(ours.values())
    figures = _scores("ours", ours, total)
    baseline = {"tp": 0, "fp": 0, "fn": total - majority_supported, "tn": majority_supported}
    figures |= _scores("majority", baseline, total)
    figures["qags_articles"] = float(len(articles))
    figures["qags_sentences"] = float(total)
    figures["qags_unsupported_share"] = (total - majority_supported) / total if total else 0.0
    return figures


def format_grounding_report(figures: dict[str, float]) -> str:
    """A plain-text table of the support check beside the majority-class baseline."""
    lines = [
        f"qags-cnndm ({int(figures.get('qags_articles', 0))} articles, "
        f"{int(figures.get('qags_sentences', 0))} summary sentences, "
        f"{figures.get('qags_unsupported_share', 0.0):.1%} unsupported by majority vote)",
        f"  {'':<34}{'accuracy':>9}{'unsupported: P':>16}{'R':>7}{'F1':>7}",
    ]
    for name, label in (
        ("ours", "nutgraf check_support"),
        ("majority", "majority class (same run)"),
    ):
        lines.append(
            f"  {label:<34}{figures[f'{name}_accuracy']:>9.3f}"
            f"{figures[f'{name}_unsupported_precision']:>16.3f}"
            f"{figures[f'{name}_unsupported_recall']:>7.3f}"
            f"{figures[f'{name}_unsupported_f1']:>7.3f}"
        )
    lines.append(f"  ({ANCHOR_NOTE})")
    return "\n".join(lines)


def _scores(name: str, counts: dict[str, int], total: int) -> dict[str, float]:
    tp, fp, fn, tn = counts["tp"], counts["fp"], counts["fn"], counts["tn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        f"{name}_accuracy": (tp + tn) / total if total else 0.0,
        f"{name}_unsupported_precision": precision,
        f"{name}_unsupported_recall": recall,
        f"{name}_unsupported_f1": f1,
    }


def _articles(path: Path, limit: int | None) -> list[tuple[str, list[tuple[str, bool]]]]:
    """(article, [(summary sentence, supported by at least 2 of 3 annotators)])."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            claims = [
                (
                    item["sentence"],
                    sum(r["response"] == "yes" for r in item["responses"]) * 2
                    > len(item["responses"]),
                )
                for item in row["summary_sentences"]
            ]
            articles.append((row["article"], claims))
            if limit is not None and len(articles) >= limit:
                break
    return articles


def main() -> None:
    """`python -m nutgraf.bench.grounding [BENCH_DIR] [LIMIT]` prints the report."""
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench/grounding")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(format_grounding_report(run_grounding_bench(folder, limit=limit)))


if __name__ == "__main__":
    main()
