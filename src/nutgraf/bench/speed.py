"""Speed: briefs per second per core on 1,000-word articles, and the model's load time.

The articles are real news text of about 1,000 words each, in paragraphs of three sentences:
consecutive SummEval (CNN/DailyMail) articles joined until they reach 1,000 words, read from
the benchmark folder when one is found (`bench_dir`, else $NUTGRAF_BENCH_DIR, else
../shared/bench beside the checkout); without it, the bundled sample articles, repeated.

Everything runs in this one process and one thread, so briefs/s is per core. The model is
loaded and five briefs are made before the clock starts (warm-up). Each stage is timed on its
own by wrapping the stages of the default pipeline, so the report says where the time goes.
Model load time is measured in a fresh interpreter: importing spaCy and loading the model.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path

from nutgraf.engine.pipeline import DEFAULT_STAGES, Pipeline, Stage, Work
from nutgraf.engine.records import Source
from nutgraf.engine.sentences import split_sentences

Progress = Callable[[int, int], None]

#: The issue's target.
TARGET_BRIEFS_PER_SECOND = 10.0
ARTICLE_WORDS = 1000
WARM_UP_BRIEFS = 5

_LOAD_MODEL = (
    "import time; t = time.perf_counter(); "
    "from nutgraf.engine.nlp import load_model; load_model(); "
    "print(time.perf_counter() - t)"
)


def run_speed_bench(
    *, articles: int = 200, progress: Progress | None = None, bench_dir: Path | None = None
) -> dict[str, float]:
    """Make `articles` briefs after warm-up; keys as in `format_speed_report`.

    `bench_dir` is the benchmark root (holding summaries/summeval.jsonl).
    """
    texts = build_articles(articles, bench_dir)
    timings: dict[str, float] = {stage.name: 0.0 for stage in DEFAULT_STAGES}
    pipeline = Pipeline(tuple(_timed(stage, timings) for stage in DEFAULT_STAGES))
    for text in texts[:WARM_UP_BRIEFS]:
        pipeline.run(_source(text))
    timings.update(dict.fromkeys(timings, 0.0))
    per_brief: list[float] = []
    cpu_started = time.process_time()
    for done, text in enumerate(texts, start=1):
        started = time.perf_counter()
        work = pipeline.run(_source(text))
        per_brief.append(time.perf_counter() - started)
        assert work.brief is not None
        if progress is not None:
            progress(done, len(texts))
    total = sum(per_brief)
    cpu = time.process_time() - cpu_started
    ordered = sorted(per_brief)
    figures = {
        "briefs": float(len(per_brief)),
        "words_per_article": statistics.fmean(len(t.split()) for t in texts),
        "briefs_per_second": len(per_brief) / total if total else 0.0,
        # the same on CPU time: what the core itself managed, whatever else the machine ran
        "briefs_per_cpu_second": len(per_brief) / cpu if cpu else 0.0,
        # above 1.0 means a library ran threads of its own: then briefs/s is not per core
        "cpu_seconds_per_wall_second": cpu / total if total else 0.0,
        "ms_p50": 1000 * statistics.median(ordered),
        "ms_p95": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "model_load_seconds": measure_model_load(),
    }
    for name, seconds in timings.items():
        figures[f"stage_{name}_ms"] = 1000 * seconds / len(per_brief)
    return figures


def measure_model_load() -> float:
    """Seconds to import spaCy and load the model in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_MODEL], capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def build_articles(count: int, bench_dir: Path | None = None) -> list[str]:
    """`count` plain-text articles of about ARTICLE_WORDS words, deterministic."""
    sentences = _news_sentences(bench_dir)
    articles: list[str] = []
    cursor = 0
    while len(articles) < count:
        chosen: list[str] = []
        words = 0
        while words < ARTICLE_WORDS:
            sentence = sentences[cursor % len(sentences)]
            cursor += 1
            chosen.append(sentence)
            words += len(sentence.split())
        paragraphs = [" ".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3)]
        articles.append("\n\n".join(paragraphs))
    return articles


def format_speed_report(figures: dict[str, float]) -> str:
    """A plain-text report: throughput beside the target, latency, memory, stage shares."""
    rate = figures["briefs_per_second"]
    verdict = "meets" if rate >= TARGET_BRIEFS_PER_SECOND else "below"
    lines = [
        f"speed ({int(figures['briefs'])} briefs of ~{figures['words_per_article']:.0f} words, "
        "one process, one core, after warm-up)",
        f"  briefs per second per core {rate:>8.1f}   (target {TARGET_BRIEFS_PER_SECOND:.0f}: "
        f"{verdict})",
        f"  briefs per CPU second      {figures['briefs_per_cpu_second']:>8.1f}",
        f"  CPU time / wall time       {figures['cpu_seconds_per_wall_second']:>8.2f}",
        f"  ms per brief p50 / p95     {figures['ms_p50']:>8.1f} / {figures['ms_p95']:.1f}",
        f"  peak RSS                   {figures['peak_rss_mb']:>8.0f} MB",
        f"  model load (fresh process) {figures['model_load_seconds']:>8.2f} s",
        "  time per stage, ms per brief (share):",
    ]
    stage_total = sum(v for k, v in figures.items() if k.startswith("stage_")) or 1.0
    for key, value in sorted(
        ((k, v) for k, v in figures.items() if k.startswith("stage_")), key=lambda kv: -kv[1]
    ):
        name = key.removeprefix("stage_").removesuffix("_ms")
        lines.append(f"    {name:<12}{value:>8.1f}  ({value / stage_total:.0%})")
    return "\n".join(lines)


def _timed(stage: Stage, timings: dict[str, float]) -> Stage:
    def run(work: Work) -> Work:
        started = time.perf_counter()
        result = stage.run(work)
        timings[stage.name] += time.perf_counter() - started
        return result

    return replace(stage, run=run)


def _source(text: str) -> Source:
    return Source(
        location="bench", content=text.encode("utf-8"), media_type="text/plain", charset="utf-8"
    )


def _news_sentences(bench_dir: Path | None) -> list[str]:
    from nutgraf.bench.summaries import detokenise

    folder = bench_dir or Path(
        os.environ.get("NUTGRAF_BENCH_DIR")
        or Path(__file__).resolve().parents[3].parent / "shared" / "bench"
    )
    summeval = folder / "summaries" / "summeval.jsonl"
    if summeval.is_file():
        texts = [
            detokenise(json.loads(line)["src"])
            for line in summeval.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    else:
        samples = resources.files("nutgraf") / "samples"
        texts = [
            (samples / name).read_text(encoding="utf-8")
            for name in ("harbor-strike.md", "harbor-strike-padded.md")
        ]
    return [s.text for text in texts for s in split_sentences(text)]


def main() -> None:
    """`python -m nutgraf.bench.speed [ARTICLES]` prints the report."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(format_speed_report(run_speed_bench(articles=count)))


if __name__ == "__main__":
    main()
