"""The site's coverage assignment at scale: how long placing one published article takes with
the kept (warm) index and with a rebuild from the database, and the kept index's memory.

    nutgraf bench coverage                 # 100,000 archived articles, 200 placements
    python -m nutgraf.bench.coverage --articles 10000 --probes 100

It runs in a child process with a throwaway SQLite site in a temporary folder (never the
configured database): the engine bench's synthetic year of articles (story_speed.py) is
stored as coverage members grouped the way StoryIndex groups them, then the next `probes`
articles of the same wire are placed in publication order, each as the site does it under
the assignment lock (read the index generation, place, store the membership row and the
coverage's span, move the generation on), without the coverage merge that follows (its cost
grows with the coverage, not the archive). Reported:

    warm      placement by the process's kept index (coverage/index.py), p50, p99, max of
              the time it takes (the transaction included) and of its CPU time: on a loaded
              machine the first is mostly waiting for a core
    rebuild   placement after a reset: replay the open coverages' members, then place
    memory    tracemalloc of a kept index that placed the whole archive since it started
              (engine index plus the coverage of each article), per article
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

Progress = Callable[[int, int], None]

#: Placements after a reset timed per run: each replays the window, so a few suffice.
REBUILDS = 10


def run_coverage_bench(
    *, limit: int | None = None, progress: Progress | None = None, probes: int = 200
) -> dict[str, float]:
    """Figures from a child process (its own Django settings and database): see the docstring.

    `limit` is the size of the archive (default 100,000 articles, 10 per story).
    """
    articles = limit or 100_000
    with tempfile.TemporaryDirectory(prefix="nutgraf-coverage-bench-") as folder:
        out = Path(folder) / "figures.json"
        command = [
            sys.executable,
            "-m",
            "nutgraf.bench.coverage",
            "--articles",
            str(articles),
            "--probes",
            str(probes),
            "--json",
            str(out),
        ]
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
        if progress:
            progress(0, 1)
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        if progress:
            progress(1, 1)
        figures: dict[str, float] = json.loads(out.read_text(encoding="utf-8"))
    return figures


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(articles: int, probes: int, folder: str) -> dict[str, float]:
    """The measurement itself; sets up Django on a fresh SQLite file in `folder`."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/speed.sqlite3"
    os.environ["NUTGRAF_DATA_DIR"] = folder
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "nutgraf.web.settings.base"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from nutgraf.bench.story_speed import synthetic_articles
    from nutgraf.engine.stories import StoryIndex, profile_text
    from nutgraf.web.coverage import index, profiles
    from nutgraf.web.coverage.models import Coverage, CoverageIndex, CoverageMember
    from nutgraf.web.stories.models import Category, SourceDocument, Story

    call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    made = [
        profile_text(text, title=title, published=at)
        for title, text, at in synthetic_articles(articles + probes, max(1, articles // 10))
    ]
    archive, wire = made[:articles], made[articles:]
    grouping = StoryIndex(index.SETTINGS)
    labels = [grouping.add(p).story for p in archive]
    category = Category.objects.create(name="Bench", slug="bench")
    source = SourceDocument.objects.create(location="bench", media_type="text/plain", content=b"")
    with transaction.atomic():
        coverages: dict[int, Coverage] = {}
        for label, profile in zip(labels, archive, strict=True):
            coverage = coverages.get(label)
            if coverage is None:
                coverage = coverages[label] = Coverage(slug=f"c{label}", title=f"c{label}")
            day = profile.day or 0.0
            coverage.first_day = min(coverage.first_day or day, day)
            coverage.last_day = max(coverage.last_day or day, day)
        Coverage.objects.bulk_create(coverages.values(), batch_size=2000)
        stories = Story.objects.bulk_create(
            (
                Story(
                    slug=f"s{n}",
                    headline="s",
                    summary="",
                    category=category,
                    source=source,
                    brief={},
                )
                for n in range(len(made))
            ),
            batch_size=2000,
        )
        CoverageMember.objects.bulk_create(
            (
                CoverageMember(
                    coverage=coverages[label],
                    story=story,
                    added_generation=n + 1,
                    **profiles.profile_fields(p),
                )
                for n, (label, story, p) in enumerate(zip(labels, stories, archive, strict=False))
            ),
            batch_size=2000,
        )
        CoverageIndex.objects.create(pk=1, generation=len(archive))
    print(
        f"archive: {len(archive):,} members in {len(coverages):,} coverages, "
        f"stored in {time.monotonic() - started:.0f}s",
        file=sys.stderr,
    )
    warm = index.WarmIndex()
    timings: list[float] = []
    cpu: list[float] = []
    kinds: list[bool] = []
    for n, profile in enumerate(wire):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            state = index.index_state(for_update=True)
            placed = warm.place(profile=profile, state=state)
            day = profile.day or 0.0
            if placed.coverage_id is None:
                coverage_id = Coverage.objects.create(
                    slug=f"w{n}", title=f"w{n}", first_day=day, last_day=day
                ).pk
            else:
                coverage_id = placed.coverage_id
                # what coverage_merge's span update does, without the merge itself
                Coverage.objects.filter(pk=coverage_id, last_day__lt=day).update(last_day=day)
            state.generation += 1
            state.save(update_fields=["generation"])
            CoverageMember.objects.create(
                coverage_id=coverage_id,
                story=stories[len(archive) + n],
                added_generation=state.generation,
                **profiles.profile_fields(profile),
            )
            warm.confirm(coverage_id=coverage_id, generation=state.generation)
        timings.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
        kinds.append(placed.warm)
    warm_times = [t for t, was_warm in zip(timings, kinds, strict=True) if was_warm]
    warm_cpu = [t for t, was_warm in zip(cpu, kinds, strict=True) if was_warm]
    rebuilds: list[float] = []
    replayed: list[int] = []
    for profile in wire[-REBUILDS:]:
        begin = time.perf_counter()
        replayed.append(len(index.open_members(day=profile.day)))
        index.cold_place(profile=profile)
        rebuilds.append(time.perf_counter() - begin)
    kept = _kept_memory(archive, labels)
    return {
        "articles": float(len(archive)),
        "coverages": float(len(coverages)),
        "placements": float(len(wire)),
        "warm_placements": float(len(warm_times)),
        "warm_p50_ms": round(1000 * _percentile(warm_times, 0.5), 3),
        "warm_p99_ms": round(1000 * _percentile(warm_times, 0.99), 3),
        "warm_max_ms": round(1000 * max(warm_times), 3),
        "warm_cpu_p50_ms": round(1000 * _percentile(warm_cpu, 0.5), 3),
        "warm_cpu_p99_ms": round(1000 * _percentile(warm_cpu, 0.99), 3),
        "first_placement_ms": round(1000 * timings[0], 1),
        "rebuild_p50_ms": round(1000 * _percentile(rebuilds, 0.5), 1),
        "rebuild_max_ms": round(1000 * max(rebuilds), 1),
        "rebuild_members_median": float(sorted(replayed)[len(replayed) // 2]),
        "kept_bytes_per_article": kept,
    }


def _kept_memory(archive: list[Any], labels: list[int]) -> float:
    """Live bytes per article of a kept index that placed every archived article itself:
    what the index and the kept coverage ids still hold afterwards (tracemalloc)."""
    from nutgraf.bench.story_speed import live_bytes
    from nutgraf.web.coverage.index import KeptIndex

    tracemalloc.start(3)  # the caller of a Counter or dict method is enough
    kept = KeptIndex()
    for profile, label in zip(archive, labels, strict=True):
        kept.add(profile, label + 1)
    used = live_bytes(("stories/clustering.py", "coverage/index.py"))
    tracemalloc.stop()
    del kept
    return round(used / len(archive), 1)


def format_coverage_report(figures: dict[str, float]) -> str:
    return "\n".join(
        [
            f"Coverage assignment on the site (throwaway SQLite, synthetic wire): "
            f"{figures['articles']:,.0f} archived articles in {figures['coverages']:,.0f} "
            f"coverages, {figures['placements']:,.0f} placements in publication order",
            f"  warm index   p50 {figures['warm_p50_ms']:.2f} ms   p99 "
            f"{figures['warm_p99_ms']:.2f} ms   max {figures['warm_max_ms']:.2f} ms per "
            f"placement ({figures['warm_placements']:,.0f} warm; target p99 <= 10 ms); CPU "
            f"p50 {figures['warm_cpu_p50_ms']:.2f} ms, p99 {figures['warm_cpu_p99_ms']:.2f} ms",
            f"  rebuild      p50 {figures['rebuild_p50_ms']:,.0f} ms, max "
            f"{figures['rebuild_max_ms']:,.0f} ms (replays a median "
            f"{figures['rebuild_members_median']:,.0f} members); first placement of a process "
            f"{figures['first_placement_ms']:,.0f} ms",
            f"  memory       {figures['kept_bytes_per_article']:,.0f} B per article of a kept "
            "index that placed the whole archive (tracemalloc; target <= 1 KB)",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nutgraf-coverage-speed-") as folder:
        figures = measure(args.articles, args.probes, folder)
    if args.json:
        args.json.write_text(json.dumps(figures), encoding="utf-8")
    print(format_coverage_report(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
