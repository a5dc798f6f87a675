"""Summary quality: nutgraf's sentence selection beside Lead and TextRank, in the same run.

Two public sets, read in place from `bench_dir` (…/shared/bench/summaries):

    summeval.jsonl   100 CNN/DailyMail test articles. ROUGE-1/2/Lsum F1 (rouge-score, stemmed)
                     against refs[0], the article's own highlights, for
                       summary    the brief's summary paragraph (compose_summary, 60 words)
                       select3    nutgraf's 3-sentence selection (select_summary_sentences)
                       lead3      the first three sentences
                       textrank3  TextRank: TF-IDF cosine sentence graph, PageRank, top three
                     Lsum gets one sentence a line on both sides, as the metric expects.
    bbc-extractive   100 BBC articles whose gold summary is sentences copied from the article.
                     Sentence-selection precision/recall/F1 (sentences matched after whitespace
                     normalisation, micro-averaged over articles) of nutgraf's selection and of
                     Lead-k, with k = the number of gold sentences; also at nutgraf's default 3.
                     The same articles are filed under five topics (business, entertainment,
                     politics, sport, tech): the share whose suggested category (the engine's
                     suggest_category on title and sentences) is that topic, beside the
                     majority class. A slice takes the first articles of each topic in turn.

The articles in summeval are tokenised ("team 's", "is n't", "Sunday ."), which defeats any
sentence splitter; `detokenise` undoes the tokeniser's spacing before splitting. It applies to
the references too, so both sides of ROUGE see the same convention (ROUGE's own tokeniser drops
punctuation, so the re-spacing changes only contractions, "isn't" against "is n't").

Everything runs on the engine's own functions (split_sentences, measure_redundancy, rank_facts,
select_summary_sentences, compose_summary), exactly what compose_brief calls; the model-based
stages are left out because the summary does not use them.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from nutgraf.engine import brief_from_text
from nutgraf.engine.compose.category import suggest_category
from nutgraf.engine.compose.ranking import rank_facts
from nutgraf.engine.compose.summary import compose_summary, select_summary_sentences
from nutgraf.engine.nlp import parse_sentences
from nutgraf.engine.records import Redundancy, Sentence
from nutgraf.engine.redundancy import measure_redundancy
from nutgraf.engine.sentences import split_sentences
from nutgraf.engine.terms import sentence_terms

Progress = Callable[[int, int], None]

#: Published figures the report prints beside ours (summaries/SOURCE.md, this copy of the data).
ANCHORS: dict[str, float] = {
    "lead3_rouge1": 41.84,
    "lead3_rouge2": 19.34,
    "lead3_rougeLsum": 38.02,
    "textrank3_rouge1": 32.93,
    "textrank3_rouge2": 15.21,
    "textrank3_rougeLsum": 29.38,
    "bart_rouge1": 46.03,
    "bart_rouge2": 23.00,
    "bart_rougeLsum": 42.83,
    "pegasus_rouge1": 47.55,
    "pegasus_rouge2": 24.16,
    "pegasus_rougeLsum": 44.27,
}
ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")
#: SummEval articles 0 to SUMMEVAL_DEV - 1 are the part key points are tuned on; the rest
#: (60-99) give the final figure and are not looked at while tuning.
SUMMEVAL_DEV = 60
SUMMEVAL_SYSTEMS = ("summary", "select3", "lead3", "textrank3")
#: PageRank damping and stopping rule for the TextRank baseline (Mihalcea & Tarau's values).
TEXTRANK_DAMPING = 0.85
TEXTRANK_TOLERANCE = 1e-6
#: The BBC set's topic folders and the engine category each one means.
BBC_TOPICS = {
    "business": "Business",
    "entertainment": "Entertainment",
    "politics": "Politics",
    "sport": "Sports",
    "tech": "Technology",
}

_TOKENISED_PUNCTUATION = re.compile(r" ([.,?!;:%])(?= |$)")
_TOKENISED_CONTRACTION = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_TOKENISED_CLOSING_QUOTE = re.compile(r"([.,?!;]) '(?= |$)")
_TOKENISED_OPENING_QUOTE = re.compile(r"(^|: )' (?=\w)")
_TOKENISED_DATELINE = re.compile(r"(\(CNN\)) ")


def detokenise(text: str) -> str:
    """Undo the CNN/DailyMail tokeniser's spacing: "team 's draw , he said ." -> "team's draw,
    he said." Only spaces change; every word stays."""
    text = _TOKENISED_PUNCTUATION.sub(r"\1", text)
    text = _TOKENISED_CONTRACTION.sub(r"\1", text)
    text = _TOKENISED_CLOSING_QUOTE.sub(r"\1'", text)
    text = _TOKENISED_OPENING_QUOTE.sub(r"\1'", text)
    text = text.replace("( ", "(").replace(" )", ")")
    # CNN's dateline is "(CNN)One of ...": the tokeniser's space after it reads as a sentence end
    return _TOKENISED_DATELINE.sub(r"\1", text)


def _measured(text: str, sentences: Sequence[Sentence]) -> Redundancy:
    """Redundancy as the pipeline measures it: with the model's tags (facts.read_claims)."""
    parse = parse_sentences(text, tuple(sentences), needs_syntax=lambda sentence: False)
    return measure_redundancy(sentences, parse=parse)


def select_ours(sentences: Sequence[Sentence], count: int, text: str | None = None) -> list[int]:
    """nutgraf's `count`-sentence selection, in reading order. `text`: the article the
    sentences were split from, for the model's reading (without it, the lexical one)."""
    redundancy = _measured(text, sentences) if text is not None else measure_redundancy(sentences)
    return select_summary_sentences(rank_facts(sentences, redundancy), count)


def summary_ours(
    sentences: Sequence[Sentence], max_words: int = 60, text: str | None = None
) -> str:
    """The brief's summary paragraph for these sentences."""
    redundancy = _measured(text, sentences) if text is not None else measure_redundancy(sentences)
    summary, _ = compose_summary(sentences, rank_facts(sentences, redundancy), max_words)
    return summary


#: A reference unit (one sentence of the highlights) is covered when a text holds at least
#: this share of its content words (stemmed, stop words left out).
UNIT_COVERED = 0.5


def units_covered(units: Sequence[str], text: str) -> float:
    """Share of the reference units that `text` covers: an SCU-like count in which each
    highlight sentence is one fact unit."""
    have = set().union(*(sentence_terms(s.text).words for s in split_sentences(text)))
    scored = [sentence_terms(unit).words for unit in units]
    scored = [words for words in scored if words]
    if not scored:
        return 0.0
    return sum(len(words & have) >= UNIT_COVERED * len(words) for words in scored) / len(scored)


def lead_words(sentences: Sequence[Sentence], words: int) -> str:
    """The article's opening, cut to `words` words: lead text of a given length."""
    return " ".join(" ".join(s.text for s in sentences).split()[:words])


def select_textrank(texts: Sequence[str], count: int) -> list[int]:
    """TextRank (Mihalcea & Tarau 2004) with TF-IDF cosine edges: the `count` sentences with
    the highest PageRank on the sentence graph, in reading order."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(texts) <= count:
        return list(range(len(texts)))
    try:
        matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
    except ValueError:  # nothing but stop words
        return list(range(count))
    similarity = (matrix @ matrix.T).toarray()
    n = len(texts)
    for i in range(n):
        similarity[i][i] = 0.0
    out_weight = [sum(row) for row in similarity]
    scores = [1.0 / n] * n
    for _ in range(200):
        updated = [
            (1 - TEXTRANK_DAMPING) / n
            + TEXTRANK_DAMPING
            * sum(
                similarity[j][i] / out_weight[j] * scores[j]
                for j in range(n)
                if out_weight[j] and similarity[j][i]
            )
            for i in range(n)
        ]
        converged = sum(abs(a - b) for a, b in zip(updated, scores, strict=True))
        scores = updated
        if converged < TEXTRANK_TOLERANCE:
            break
    best = sorted(range(n), key=lambda i: (-scores[i], i))[:count]
    return sorted(best)


def run_summaries_bench(
    bench_dir: Path, *, limit: int | None = None, progress: Progress | None = None
) -> dict[str, float]:
    """Score every system on both sets; keys as in `format_summaries_report`.

    `bench_dir` is the summaries folder (holding summeval.jsonl and bbc-extractive/); `limit`
    takes the first N articles of each set.
    """
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)
    articles = _summeval_articles(bench_dir / "summeval.jsonl", limit)
    bbc = _bbc_articles(bench_dir / "bbc-extractive", limit)
    total = len(articles) + len(bbc)
    totals = {f"{system}_{key}": 0.0 for system in SUMMEVAL_SYSTEMS for key in ROUGE_KEYS}
    units: dict[str, float] = {"points": 0.0, "lead": 0.0}
    # the same, apart for the tuning part (SUMMEVAL_DEV) and the part kept for the final figure
    parts: dict[str, list[float]] = {"dev": [0.0, 0.0, 0.0], "final": [0.0, 0.0, 0.0]}
    rouge_points: dict[str, float] = {"points": 0.0, "lead": 0.0}
    point_words = 0
    for done, (source, reference) in enumerate(articles, start=1):
        text = detokenise(source)
        sentences = split_sentences(text)
        texts = [s.text for s in sentences]
        # key points: the whole engine, as `nutgraf brief` makes them
        made = brief_from_text(text)
        points = " ".join(p.text for p in made.key_points)
        size = len(points.split())
        point_words += size
        lead = lead_words(sentences, size)
        highlight = [s.text for s in split_sentences(detokenise(reference))]
        part = parts["dev" if done - 1 < SUMMEVAL_DEV else "final"]
        part[2] += 1
        for column, (system, candidate) in enumerate((("points", points), ("lead", lead))):
            covered = units_covered(highlight, candidate)
            units[system] += covered
            part[column] += covered
            rouge_points[system] += scorer.score("\n".join(highlight), _one_per_line(candidate))[
                "rouge1"
            ].recall
        candidates = {
            "summary": _one_per_line(summary_ours(sentences, text=text)),
            "select3": "\n".join(texts[i] for i in select_ours(sentences, 3, text)),
            "lead3": "\n".join(texts[:3]),
            "textrank3": "\n".join(texts[i] for i in select_textrank(texts, 3)),
        }
        target = _one_per_line(detokenise(reference))
        for system, candidate in candidates.items():
            scores = scorer.score(target, candidate)
            for key in ROUGE_KEYS:
                totals[f"{system}_{key}"] += scores[key].fmeasure
        if progress is not None:
            progress(done, total)
    figures = {name: 100 * value / max(len(articles), 1) for name, value in totals.items()}
    figures["summeval_articles"] = float(len(articles))
    for system in ("points", "lead"):
        figures[f"{system}_units"] = 100 * units[system] / max(len(articles), 1)
        figures[f"{system}_rouge1_recall"] = 100 * rouge_points[system] / max(len(articles), 1)
    figures["points_units_gain"] = figures["points_units"] - figures["lead_units"]
    for name, (points_sum, lead_sum, count) in parts.items():
        if count:
            figures[f"points_units_{name}"] = 100 * points_sum / count
            figures[f"lead_units_{name}"] = 100 * lead_sum / count
            figures[f"summeval_{name}_articles"] = count
    figures["points_words_mean"] = point_words / max(len(articles), 1)

    counts: dict[str, list[int]] = {}  # system -> [hits, selected, gold]
    for done, (body, gold) in enumerate(bbc, start=len(articles) + 1):
        sentences = split_sentences(body)
        normal = [_normal(s.text) for s in sentences]
        k = len(gold)
        picks = {
            "ours_k": select_ours(sentences, k, body),
            "lead_k": list(range(min(k, len(sentences)))),
            "ours_3": select_ours(sentences, 3, body),
            "lead_3": list(range(min(3, len(sentences)))),
        }
        for system, chosen in picks.items():
            tally = counts.setdefault(system, [0, 0, 0])
            tally[0] += sum(1 for i in chosen if normal[i] in gold)
            tally[1] += len(chosen)
            tally[2] += len(gold)
        if progress is not None:
            progress(done, total)
    for system, (hits, selected, wanted) in counts.items():
        precision = hits / selected if selected else 0.0
        recall = hits / wanted if wanted else 0.0
        figures[f"bbc_{system}_precision"] = precision
        figures[f"bbc_{system}_recall"] = recall
        figures[f"bbc_{system}_f1"] = _harmonic(precision, recall)
    figures["bbc_articles"] = float(len(bbc))
    figures |= _category_figures(bench_dir / "bbc-extractive", limit)
    return figures


def _category_figures(folder: Path, limit: int | None) -> dict[str, float]:
    """Share of BBC articles whose suggested category is their topic, and the majority class's."""
    labelled = _bbc_labelled(folder, limit)
    right = sum(
        suggest_category(title, split_sentences(body)) == BBC_TOPICS[topic]
        for topic, title, body in labelled
    )
    largest = max((sum(t == topic for t, _, _ in labelled) for topic in BBC_TOPICS), default=0)
    count = max(len(labelled), 1)
    return {
        "bbc_category_accuracy": right / count,
        "bbc_category_majority_accuracy": largest / count,
        "bbc_category_articles": float(len(labelled)),
    }


def _bbc_labelled(folder: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(topic, title, body), taking the articles of each topic in turn: a slice spans them all."""
    by_topic = [sorted((folder / "article" / topic).glob("*.txt")) for topic in BBC_TOPICS]
    order = [path for row in itertools.zip_longest(*by_topic) for path in row if path]
    labelled = []
    for path in order[:limit]:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        labelled.append((path.parent.name, title.strip(), body))
    return labelled


def format_summaries_report(figures: dict[str, float]) -> str:
    """A plain-text table of every system beside the published anchors."""
    lines = [
        f"summeval ({int(figures.get('summeval_articles', 0))} CNN/DailyMail articles), "
        "ROUGE F1 x100 against refs[0], stemmed",
        f"  {'':<34}{'R-1':>7}{'R-2':>7}{'R-Lsum':>8}",
    ]
    labels = {
        "summary": "nutgraf summary (60 words)",
        "select3": "nutgraf 3-sentence selection",
        "lead3": "Lead-3 (same run)",
        "textrank3": "TextRank-3 (same run)",
    }
    for system, label in labels.items():
        values = "".join(
            f"{figures[f'{system}_{key}']:>{8 if key == 'rougeLsum' else 7}.2f}"
            for key in ROUGE_KEYS
        )
        lines.append(f"  {label:<34}{values}")
    for system, label in (
        ("lead3", "Lead-3, published"),
        ("textrank3", "TextRank-3, published"),
        ("bart", "BART, published"),
        ("pegasus", "PEGASUS, published"),
    ):
        values = "".join(
            f"{ANCHORS[f'{system}_{key}']:>{8 if key == 'rougeLsum' else 7}.2f}"
            for key in ROUGE_KEYS
        )
        lines.append(f"  {label:<34}{values}")
    lines += [
        "",
        "summeval key points against the highlights (refs[0], one fact unit a sentence; a unit",
        f"is covered when the text holds {UNIT_COVERED:.0%} of its content words), beside the "
        "lead cut to the same length:",
        f"  {'':<34}{'units':>8}{'R-1 recall':>12}",
        f"  {'nutgraf key points':<34}{figures['points_units']:>8.1f}"
        f"{figures['points_rouge1_recall']:>12.1f}",
        f"  {'lead, same words (same run)':<34}{figures['lead_units']:>8.1f}"
        f"{figures['lead_rouge1_recall']:>12.1f}",
        f"  key points cover {figures['points_units_gain']:+.1f} points more units than the lead; "
        f"{figures['points_words_mean']:.0f} words on average",
    ]
    for name, label in (("dev", "tuned on"), ("final", "kept for the final figure")):
        if f"points_units_{name}" in figures:
            gain = figures[f"points_units_{name}"] - figures[f"lead_units_{name}"]
            lines.append(
                f"  {name} part ({int(figures[f'summeval_{name}_articles'])} articles, {label}): "
                f"key points {figures[f'points_units_{name}']:.1f}, lead "
                f"{figures[f'lead_units_{name}']:.1f} ({gain:+.1f})"
            )
    lines += [
        "",
        f"bbc-extractive ({int(figures.get('bbc_articles', 0))} articles), sentence selection "
        "against the gold sentences, micro-averaged",
        f"  {'':<34}{'precision':>10}{'recall':>8}{'F1':>8}",
    ]
    for system, label in (
        ("ours_k", "nutgraf, k = gold count"),
        ("lead_k", "Lead-k (same run)"),
        ("ours_3", "nutgraf, k = 3"),
        ("lead_3", "Lead-3 (same run)"),
    ):
        lines.append(
            f"  {label:<34}{figures[f'bbc_{system}_precision']:>10.3f}"
            f"{figures[f'bbc_{system}_recall']:>8.3f}{figures[f'bbc_{system}_f1']:>8.3f}"
        )
    lines.append("  (no published anchor: the set ships without reference scores)")
    lines += [
        "",
        f"bbc-extractive ({int(figures.get('bbc_category_articles', 0))} articles in five "
        "topics), suggested category = the article's topic",
        f"  {'nutgraf suggest_category':<34}{figures['bbc_category_accuracy']:>10.3f}",
        f"  {'majority class (same run)':<34}{figures['bbc_category_majority_accuracy']:>10.3f}",
    ]
    return "\n".join(lines)


def _summeval_articles(path: Path, limit: int | None) -> list[tuple[str, str]]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                articles.append((row["src"], row["refs"][0]))
            if limit is not None and len(articles) >= limit:
                break
    return articles


def _bbc_articles(folder: Path, limit: int | None) -> list[tuple[str, set[str]]]:
    """(body without its title line, normalised gold sentences), sorted by topic and number."""
    articles = []
    for path in sorted((folder / "article").glob("*/*.txt"))[:limit]:
        body = path.read_text(encoding="utf-8", errors="replace").partition("\n")[2]
        summary = folder / "summary" / path.parent.name / path.name
        gold = {
            _normal(line)
            for line in summary.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()
        }
        articles.append((body, gold))
    return articles


def _one_per_line(text: str) -> str:
    return "\n".join(s.text for s in split_sentences(text))


def _normal(text: str) -> str:
    return " ".join(text.split())


def _harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def main() -> None:
    """`python -m nutgraf.bench.summaries [BENCH_DIR] [LIMIT]` prints the report."""
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench/summaries")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(format_summaries_report(run_summaries_bench(folder, limit=limit)))


if __name__ == "__main__":
    main()
