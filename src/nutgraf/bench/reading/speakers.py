"""Speakers: does nutgraf credit each reported-speech sentence to the person who said it?

The gold set is tests/data/reading/speakers.jsonl (its README says how it was made): real
articles from ../shared/bench (CNN/DailyMail in summaries/summeval.jsonl, pages of
extraction/scrapinghub and extraction/trafilatura-en, read in place) and short excerpts of
public news pages stored with their URL. Each article lists every sentence that reports
speech, by a snippet of its words, with the speaker the text names (full name) or null when
it names nobody, and the article's named entities with their kinds.

Each article runs through the engine's own stages up to quotes. A gold sentence is found by
its snippet; the prediction is the speaker of the quote over that sentence (the one whose
words share most with the snippet when there are several):

    right     the prediction names the gold person (full name, an alias the gold lists, or a
              part of the name with the surname that no other person in the article shares)
    error     a name where gold has another person or null, and every named attribution on a
              sentence the gold does not list (a caption, a heading, a belief)
    miss      no speaker where gold names one: costs recall, not precision

precision = right / (right + errors); recall = right / gold sentences with a named speaker.
Figures are given for the development part, for the held-back part (`split` "test": a
quarter of the first 45 articles, drawn by a hash of their id before any tuning), for the fresh
held-back set (`split` "test2": 37 more articles annotated before the rules of issue 11 were
changed, only ever measured), and for all of them.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nutgraf.bench.summaries import detokenise
from nutgraf.engine.pipeline import DEFAULT_STAGES, Pipeline, Work
from nutgraf.engine.records import Quote, Sentence, Source

Progress = Callable[[int, int], None]

GOLD_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "reading"
GOLD_FILE = GOLD_DIR / "speakers.jsonl"
SPLITS = ("dev", "test", "test2", "test3")
#: How a report names each split's figures (their key prefix), then all of them together.
REPORT_ROWS = (
    ("dev", "dev_"),
    ("held-back", "test_"),
    ("fresh", "test2_"),
    ("final", "test3_"),
    ("all", ""),
)

#: main at f0f6272 (before the attribution sieve), measured on this gold set by this module.
BASELINE: dict[str, float] = {
    "dev_speaker_precision": 0.592,
    "dev_speaker_recall": 0.416,
    "test_speaker_precision": 0.439,
    "test_speaker_recall": 0.310,
    "speaker_precision": 0.570,
    "speaker_recall": 0.401,
}


@dataclass(frozen=True, slots=True)
class SpeechGold:
    """One reported-speech sentence: a snippet of its words and who said it."""

    text: str
    speaker: str | None
    accept: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleGold:
    id: str
    split: str
    source: dict[str, str]
    speech: tuple[SpeechGold, ...]
    entities: tuple[tuple[str, str], ...]  # (name, kind)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    junk: tuple[str, ...] = ()


def load_gold(path: Path = GOLD_FILE, limit: int | None = None) -> list[ArticleGold]:
    """The gold articles in file order (the first `limit` when given)."""
    if not path.is_file():
        raise FileNotFoundError(f"The reading gold set is missing: {path}")
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        articles.append(
            ArticleGold(
                id=row["id"],
                split=row["split"],
                source=row["source"],
                speech=tuple(
                    SpeechGold(s["text"], s["speaker"], tuple(s.get("accept", ())))
                    for s in row["speech"]
                ),
                entities=tuple((e["name"], e["kind"]) for e in row["entities"]),
                aliases={k: tuple(v) for k, v in row.get("aliases", {}).items()},
                junk=tuple(row.get("junk", ())),
            )
        )
        if limit is not None and len(articles) >= limit:
            break
    return articles


# reading the articles -------------------------------------------------------------------------

_PTB_OPEN = re.compile(r"``\s?")
_PTB_CLOSE = re.compile(r"\s?''")


def summeval_text(tokenised: str) -> str:
    """A SummEval article as the summaries bench reads it (`detokenise`), with the tokeniser's
    `` and '' put back as the curly quotes they stood for."""
    return _PTB_CLOSE.sub("”", _PTB_OPEN.sub("“", detokenise(tokenised)))


class _Corpus:
    """The articles of ../shared/bench, each set read once."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._summeval: dict[str, str] | None = None
        self._scrapinghub: dict[str, Any] | None = None

    def source(self, gold: ArticleGold) -> Source:
        origin = gold.source
        kind = origin["set"]
        if kind == "page":
            return _text_source(origin["text"], origin["url"])
        if kind == "summeval":
            if self._summeval is None:
                path = self.data_dir / "summaries" / "summeval.jsonl"
                self._summeval = {
                    row["doc_id"]: row["src"]
                    for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                }
            return _text_source(summeval_text(self._summeval[origin["doc_id"]]), gold.id)
        if kind == "scrapinghub":
            folder = self.data_dir / "extraction" / "scrapinghub"
            if self._scrapinghub is None:
                self._scrapinghub = json.loads((folder / "ground-truth.json").read_text("utf-8"))
            url = self._scrapinghub[origin["id"]]["url"]
            page = gzip.decompress((folder / "html" / f"{origin['id']}.html.gz").read_bytes())
            return Source(location=url, content=page, media_type="text/html", url=url)
        if kind == "trafilatura-en":
            path = self.data_dir / "extraction" / "trafilatura-en" / "html" / f"{origin['file']}.gz"
            return Source(
                location=origin["file"],
                content=gzip.decompress(path.read_bytes()),
                media_type="text/html",
                url=origin.get("url"),
            )
        raise ValueError(f"unknown source set {kind!r} in {gold.id}")


def _text_source(text: str, location: str) -> Source:
    return Source(
        location=location, content=text.encode("utf-8"), media_type="text/plain", charset="utf-8"
    )


def analyse(source: Source) -> Work:
    """The engine's own stages, from extraction up to and including quotes."""
    names = [stage.name for stage in DEFAULT_STAGES]
    stages = DEFAULT_STAGES[: names.index("quotes") + 1]
    return Pipeline(stages).run(source)


def analysed(
    data_dir: Path, gold: Sequence[ArticleGold], progress: Progress | None = None
) -> Iterator[tuple[ArticleGold, Work]]:
    corpus = _Corpus(data_dir)
    for done, article in enumerate(gold, start=1):
        yield article, analyse(corpus.source(article))
        if progress:
            progress(done, len(gold))


# matching ---------------------------------------------------------------------------------------

_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"}
_WORD = re.compile(r"\w+")


def _pattern(snippet: str) -> re.Pattern[str]:
    """Words in order with any white space between; every kind of quote mark matches any."""
    parts = []
    for token in snippet.split():
        parts.append("".join("[\"'’‘“”`]" if ch in "\"'’‘“”`" else re.escape(ch) for ch in token))
    return re.compile(r"\s+".join(parts))


def locate(snippet: str, text: str) -> int | None:
    """Offset of the snippet's first occurrence in `text`, or None."""
    found = _pattern(snippet).search(text)
    return found.start() if found else None


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def norm_name(name: str) -> str:
    name = "".join(_QUOTES.get(ch, ch) for ch in name)
    return " ".join(re.sub(r"[^\w' -]", " ", name.lower()).split())


def names_person(predicted: str, gold: str, article: ArticleGold) -> bool:
    """Does `predicted` name the gold speaker? Exact, an alias, or a part of the full name that
    keeps the surname and that no other person in the article's gold shares."""
    said = norm_name(predicted)
    forms = {norm_name(gold)} | {norm_name(a) for a in article.aliases.get(gold, ())}
    if said in forms:
        return True
    words = said.split()
    full = norm_name(gold).split()
    if not words or not set(words) <= set(full) or words[-1] != full[-1]:
        return False
    others = [norm_name(n) for n, kind in article.entities if norm_name(n) != norm_name(gold)]
    others += [norm_name(s.speaker) for s in article.speech if s.speaker and s.speaker != gold]
    return not any(set(words) <= set(other.split()) for other in others)


def quote_for(quotes: Sequence[Quote], sentence_id: int, snippet: str) -> Quote | None:
    """The quote over this sentence whose words share most with the snippet."""
    over = [q for q in quotes if sentence_id in q.sentence_ids]
    if not over:
        return None
    words = _words(snippet)
    return max(over, key=lambda q: (len(words & _words(q.text)), q.speaker is not None))


# scoring ----------------------------------------------------------------------------------------


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0  # a name where gold has another person or null
    unlisted: int = 0  # a named attribution on a sentence the gold does not list
    missed: int = 0  # no name where gold has one
    named: int = 0  # gold sentences with a named speaker
    sentences: int = 0
    unfound: int = 0  # gold snippets not found in the analysed text

    def add(self, other: Tally) -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def figures(self, prefix: str) -> dict[str, float]:
        errors = self.wrong + self.unlisted
        claimed = self.right + errors
        return {
            f"{prefix}speaker_precision": self.right / claimed if claimed else 1.0,
            f"{prefix}speaker_recall": self.right / self.named if self.named else 0.0,
            f"{prefix}speaker_right": float(self.right),
            f"{prefix}speaker_errors": float(errors),
            f"{prefix}speaker_unlisted": float(self.unlisted),
            f"{prefix}speaker_named": float(self.named),
            f"{prefix}speech_sentences": float(self.sentences),
            f"{prefix}speech_unfound": float(self.unfound),
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """One gold sentence or unlisted attribution, for reading the errors."""

    article: str
    outcome: str  # right, wrong, missed, unlisted, silent (gold null, none predicted), unfound
    gold: str | None
    predicted: str | None
    sentence: str
    rule: str | None = None  # Quote.attribution of the prediction


def score_article(article: ArticleGold, work: Work) -> tuple[Tally, list[Verdict]]:
    text = work.article.text if work.article else ""
    sentences = work.sentences or ()
    quotes = work.quotes or ()
    tally, verdicts = Tally(), []
    listed: set[int] = set()
    for gold in article.speech:
        tally.sentences += 1
        tally.named += gold.speaker is not None
        offset = locate(gold.text, text)
        sentence = sentence_at(sentences, offset) if offset is not None else None
        if sentence is None:
            tally.unfound += 1
            tally.missed += gold.speaker is not None
            verdicts.append(Verdict(article.id, "unfound", gold.speaker, None, gold.text))
            continue
        listed.add(sentence.id)
        quote = quote_for(quotes, sentence.id, gold.text)
        said = quote.speaker if quote else None
        if said is None:
            outcome = "missed" if gold.speaker else "silent"
        elif any(names_person(said, name, article) for name in _accepted(gold)):
            outcome = "right"
        else:
            outcome = "wrong"
        if outcome != "silent":
            setattr(tally, outcome, getattr(tally, outcome) + 1)
        rule = quote.attribution if quote and said else None
        verdicts.append(Verdict(article.id, outcome, gold.speaker, said, sentence.text, rule))
    for quote in quotes:
        if quote.speaker and not listed & set(quote.sentence_ids):
            tally.unlisted += 1
            words = " / ".join(sentences[i].text for i in quote.sentence_ids)
            verdicts.append(
                Verdict(article.id, "unlisted", None, quote.speaker, words, quote.attribution)
            )
    return tally, verdicts


def _accepted(gold: SpeechGold) -> list[str]:
    return [name for name in (gold.speaker, *gold.accept) if name]


def run(
    data_dir: Path,
    limit: int | None = None,
    *,
    progress: Progress | None = None,
    verdicts: list[Verdict] | None = None,
    gold_file: Path = GOLD_FILE,
    splits: tuple[str, ...] = SPLITS,
) -> dict[str, float]:
    """Speaker precision and recall on the gold set (first `limit` articles of `splits`), per
    split and for all of them, with each sieve rule's right and wrong counts per split.

    `data_dir` is ../shared/bench (holding summaries/ and extraction/). Pass a list as
    `verdicts` to receive every judgement, for reading the errors.
    """
    gold = [a for a in load_gold(gold_file) if a.split in splits][:limit]
    tallies = {split: Tally() for split in SPLITS}
    figures: dict[str, float] = {"speaker_articles": float(len(gold))}
    for article, work in analysed(data_dir, gold, progress):
        tally, judged = score_article(article, work)
        tallies[article.split].add(tally)
        for verdict in judged:
            if verdict.rule is not None and verdict.outcome in {"right", "wrong", "unlisted"}:
                # per rule of the sieve: how often the speaker it names is right
                tally_of = "right" if verdict.outcome == "right" else "errors"
                key = f"{article.split}_rule_{verdict.rule}_{tally_of}"
                figures[key] = figures.get(key, 0.0) + 1
        if verdicts is not None:
            verdicts.extend(judged)
    both = Tally()
    for split, tally in tallies.items():
        figures |= tally.figures(f"{split}_")
        both.add(tally)
    figures |= both.figures("")
    return figures


def format_report(figures: dict[str, float], baseline: dict[str, float] = BASELINE) -> str:
    """Precision and recall per part, beside the baseline (main before the sieve)."""
    lines = [
        f"speakers: {int(figures['speaker_articles'])} articles, "
        f"{int(figures['speech_sentences'])} reported-speech sentences, "
        f"{int(figures['speaker_named'])} with a named speaker "
        "(target: precision >= 0.95 at recall >= 0.50)",
        f"  {'part':<10}{'precision':>11}{'recall':>9}{'right':>7}{'errors':>8}"
        f"{'unlisted':>10}{'unfound':>9}   baseline P / R",
    ]
    for label, prefix in REPORT_ROWS:
        if not figures.get(f"{prefix}speech_sentences"):
            continue  # a part this run did not read
        base = ""
        if f"{prefix}speaker_precision" in baseline:
            base = (
                f"   {baseline[f'{prefix}speaker_precision']:.3f} / "
                f"{baseline[f'{prefix}speaker_recall']:.3f}"
            )
        lines.append(
            f"  {label:<10}{figures[f'{prefix}speaker_precision']:>11.3f}"
            f"{figures[f'{prefix}speaker_recall']:>9.3f}"
            f"{int(figures[f'{prefix}speaker_right']):>7}"
            f"{int(figures[f'{prefix}speaker_errors']):>8}"
            f"{int(figures[f'{prefix}speaker_unlisted']):>10}"
            f"{int(figures[f'{prefix}speech_unfound']):>9}{base}"
        )
    lines += _rule_lines(figures)
    return "\n".join(lines)


def _rule_lines(figures: dict[str, float]) -> list[str]:
    """Precision of each rule of the sieve (Quote.attribution), per part: right / claimed."""
    rules = sorted({k.split("_rule_")[1].rsplit("_", 1)[0] for k in figures if "_rule_" in k})
    if not rules:
        return []
    lines = ["  per rule (right/claimed):  " + "  ".join(f"{r:>14}" for r in rules)]
    for label, split in (
        ("dev", "dev"),
        ("held-back", "test"),
        ("fresh", "test2"),
        ("final", "test3"),
    ):
        if not any(
            f"{split}_rule_{rule}_{t}" in figures for rule in rules for t in ("right", "errors")
        ):
            continue  # a part this run did not read
        cells = []
        for rule in rules:
            right = int(figures.get(f"{split}_rule_{rule}_right", 0))
            wrong = int(figures.get(f"{split}_rule_{rule}_errors", 0))
            cells.append(
                f"{right:>6}/{right + wrong:<4}"
                + (f"{right / (right + wrong):.2f}" if right + wrong else "   -")
            )
        lines.append(f"  {label:<26}" + "  ".join(f"{c:>14}" for c in cells))
    return lines


def main() -> None:
    """`python -m nutgraf.bench.reading.speakers [BENCH_DIR] [LIMIT] [-v]` prints the report;
    -v also prints every judgement that is not right."""
    import sys

    args = [a for a in sys.argv[1:] if a != "-v"]
    folder = Path(args[0]) if args else Path("../shared/bench")
    limit = int(args[1]) if len(args) > 1 else None
    judged: list[Verdict] = []
    split_of = {article.id: article.split for article in load_gold()}
    figures = run(folder, limit, verdicts=judged)
    if "-v" in sys.argv:
        for v in judged:
            # the held-back part is only ever measured, never read
            if v.outcome not in {"right", "silent"} and split_of[v.article] == "dev":
                print(
                    f"{v.outcome:<9} {v.article[:40]:<40} gold={v.gold!s:<22} "
                    f"said={v.predicted!s:<22} | {v.sentence[:150]}"
                )
    print(format_report(figures))


if __name__ == "__main__":
    main()
