"""`nutgraf bench ...`: quality and speed figures, each printed beside its published anchors.

Benchmarks are not tests: they take minutes and measure; the floors CI checks on a small
slice live in src/nutgraf/bench/floors.toml.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Benchmark:
    name: str
    help: str
    module: str
    run: str  # function name in `module`
    report: str
    folder: str | None  # sub-folder of the benchmark data it reads; None for data-free runs


BENCHMARKS = (
    Benchmark(
        "extraction",
        "article extraction: scrapinghub F1, trafilatura-en snippets",
        "nutgraf.bench.extraction",
        "run_extraction_bench",
        "format_extraction_report",
        "extraction",
    ),
    Benchmark(
        "summaries",
        "summaries: ROUGE on SummEval beside Lead-3/TextRank, BBC selection and categories",
        "nutgraf.bench.summaries",
        "run_summaries_bench",
        "format_summaries_report",
        "summaries",
    ),
    Benchmark(
        "grounding",
        "support check against QAGS annotators",
        "nutgraf.bench.grounding",
        "run_grounding_bench",
        "format_grounding_report",
        "grounding",
    ),
    Benchmark(
        "padding",
        "padding: filler and restatement shares, key points on padded pages (tests/data/padding)",
        "nutgraf.bench.padding",
        "run_padding_bench",
        "format_padding_report",
        None,
    ),
    Benchmark(
        "reading",
        "reading a page right (hand-annotated gold set): headline, dates, who said what, entities",
        "nutgraf.bench.reading",
        "run_reading_bench",
        "format_reading_report",
        ".",
    ),
    Benchmark(
        "speed",
        "briefs per second per core on 1,000-word articles, model load time",
        "nutgraf.bench.speed",
        "run_speed_bench",
        "format_speed_report",
        None,
    ),
    Benchmark(
        "web",
        "the site under load: story, home and feed pages, uncached and cached",
        "nutgraf.bench.web",
        "run_web_bench",
        "format_web_report",
        None,
    ),
    Benchmark(
        "slowclients",
        "/healthz latency while 200 slow clients trickle requests at `nutgraf serve`",
        "nutgraf.bench.slowclients",
        "run_slowclients_bench",
        "format_slowclients_report",
        None,
    ),
    Benchmark(
        "clustering",
        "story clustering on Google News without k, beside told-k baselines",
        "nutgraf.bench.clustering",
        "run_clustering_bench",
        "format_clustering_report",
        "clustering",
    ),
    Benchmark(
        "stories",
        "stories on real coverage (clustering, lineage, counts, merged briefs) and assigning "
        "articles in a live archive: p99, memory",
        "nutgraf.bench.stories",
        "run_stories_bench",
        "format_stories_report",
        None,
    ),
    Benchmark(
        "coverage",
        "the site's coverage assignment: placement with the kept index and after a rebuild",
        "nutgraf.bench.coverage",
        "run_coverage_bench",
        "format_coverage_report",
        None,
    ),
    Benchmark(
        "ingest",
        "feed to stored stories: SQLite in-process, PostgreSQL with 1 and 2 workers",
        "nutgraf.bench.ingest",
        "run_ingest_bench",
        "format_ingest_report",
        None,
    ),
    Benchmark(
        "fuzz",
        "the long fuzzing run of the sanitiser, the extractor and the feed parser",
        "nutgraf.bench.fuzz",
        "run_fuzz_bench",
        "format_fuzz_report",
        None,
    ),
)


def default_data() -> Path:
    """../shared/bench beside the checkout, the documented place for the benchmark data."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "bench"


def add_commands(commands: Any) -> None:
    parser = commands.add_parser(
        "bench",
        help="run benchmarks: quality beside published anchors, and speed",
        description="Run benchmarks on the public data in ../shared/bench (or --data).",
    )
    which = parser.add_subparsers(dest="benchmark", metavar="BENCHMARK", required=True)
    for bench in BENCHMARKS:
        sub = which.add_parser(bench.name, help=bench.help, description=bench.help)
        _common(sub)
        sub.set_defaults(func=run_benchmarks, chosen=(bench,))
    every = which.add_parser("all", help="every benchmark above, one after another")
    _common(every)
    every.set_defaults(func=run_benchmarks, chosen=BENCHMARKS)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=None, help="benchmark data folder (default: ../shared/bench)"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="use only the first N items of each data set (a quick look)",
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="also write the figures to this JSON file"
    )


def _progress(name: str) -> Callable[[int, int], None]:
    started = time.monotonic()
    interactive = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if not interactive and done not in {total} and done % max(1, total // 10):
            return
        elapsed = time.monotonic() - started
        end = "\n" if done == total or not interactive else "\r"
        print(f"  {name}: {done}/{total} ({elapsed:.0f}s)", end=end, file=sys.stderr, flush=True)

    return show


def run_benchmarks(args: argparse.Namespace) -> int:
    from nutgraf.engine.errors import InputError

    data = args.data or default_data()
    results: dict[str, dict[str, float]] = {}
    for bench in args.chosen:
        if bench.folder is not None and not (data / bench.folder).is_dir():
            raise InputError(f"No benchmark data at {data / bench.folder}; pass --data.")
        module = importlib.import_module(bench.module)
        run = getattr(module, bench.run)
        print(f"== {bench.name} ==", file=sys.stderr)
        kwargs: dict[str, Any] = {"progress": _progress(bench.name)}
        if bench.folder is not None:
            figures = run(data / bench.folder, limit=args.limit, **kwargs)
        else:
            if args.limit is not None and "limit" in inspect.signature(run).parameters:
                kwargs["limit"] = args.limit
            figures = run(**kwargs)
        results[bench.name] = figures
        print(getattr(module, bench.report)(figures))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0
