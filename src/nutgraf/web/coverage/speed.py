"""How long assignment takes when it rebuilds the index from the database (services.py).

    python -m nutgraf.web.coverage.speed --articles 100000 --stories 10000

Makes a throwaway SQLite site in a temporary folder (never the configured database), stores
the engine bench's synthetic archive (nutgraf.bench.story_speed: a year of articles) as
coverage members grouped the way StoryIndex groups them, then places `--probes` new articles
dated across the year with `coverage_place` (read the open coverages' members, replay them,
add the article) and reports members replayed per placement and the time per placement.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--probes", type=int, default=100)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="nutgraf-coverage-speed-")
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
    from nutgraf.web.coverage import profiles, services
    from nutgraf.web.coverage.models import Coverage, CoverageMember
    from nutgraf.web.stories.models import Category, SourceDocument, Story

    call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    items = list(synthetic_articles(args.articles + args.probes, args.stories))
    rng = random.Random(3)
    probe_ids = set(rng.sample(range(len(items)), args.probes))
    archive = [item for n, item in enumerate(items) if n not in probe_ids]
    probes = [item for n, item in enumerate(items) if n in probe_ids]
    index = StoryIndex(services.SETTINGS)
    made = [profile_text(text, title=title, published=at) for title, text, at in archive]
    labels = [index.add(p).story for p in made]
    category = Category.objects.create(name="Bench", slug="bench")
    source = SourceDocument.objects.create(location="bench", media_type="text/plain", content=b"")
    with transaction.atomic():
        coverages: dict[int, Coverage] = {}
        for label, profile in zip(labels, made, strict=True):
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
                CoverageMember(coverage=coverages[label], story=story, **profiles.profile_fields(p))
                for label, story, p in zip(labels, stories, made, strict=True)
            ),
            batch_size=2000,
        )
    print(
        f"archive: {len(made):,} members in {len(coverages):,} coverages, "
        f"stored in {time.monotonic() - started:.0f}s",
        file=sys.stderr,
    )
    timings, replayed = [], []
    for title, text, at in probes:
        profile = profile_text(text, title=title, published=at)
        begin = time.perf_counter()
        replayed.append(len(services._open_members(day=profile.day)))
        services.coverage_place(profile=profile)
        timings.append(time.perf_counter() - begin)
    timings.sort()
    replayed.sort()
    print(
        f"coverage_place over {len(probes)} probes: replayed members median "
        f"{replayed[len(replayed) // 2]:,}, max {replayed[-1]:,}; "
        f"time median {1000 * timings[len(timings) // 2]:.0f} ms, "
        f"p90 {1000 * timings[int(0.9 * len(timings))]:.0f} ms, max {1000 * timings[-1]:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
