"""Story assignment speed and memory in a live archive (synthetic; no data needed).

A synthetic archive of `articles` articles about `stories` stories: each story has its own
topic words and names, starts on a random day of a year and runs for up to three days; each
article is ~180 words, 60% drawn from its story, 40% from a Zipf-distributed general
vocabulary. Articles arrive in publication order.

    profile     profile_text (tokens, stems, MinHash signature) per article
    assign      StoryIndex.add per article: LSH near-copy check, candidate lookup, scoring, update
    memory      live memory of the whole index after the last article (tracemalloc, every block
                the index allocated and still holds: signatures, open postings, LSH buckets,
                idf counts, story records), per archived article; the signature archive alone

Throughput is per core: one process, CPU time. Targets (issue 5): >= 1,000 articles/s per core,
p99 < 10 ms, signature index < 1 KB per archived article.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator

from nutgraf.engine.stories.clustering import StoryIndex
from nutgraf.engine.stories.profiles import Profile, profile_text

Progress = Callable[[int, int], None]
YEAR_START = 20089.0  # 2025-01-01 in days since the epoch


def _word(n: int) -> str:
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    out = []
    while True:
        out.append(letters[n % 17] + vowels[(n // 17) % 5])
        n //= 85
        if not n:
            return "".join(out) + "x"


def synthetic_articles(
    articles: int, stories: int, seed: int = 7
) -> Iterator[tuple[str, str, str]]:
    """(title, text, published) in publication order."""
    rng = random.Random(seed)
    general = [_word(n) for n in range(20000)]
    # cumulative once: choices() would add the 20,000 weights up again for every article
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(general))))
    starts = sorted(rng.uniform(0, 365) for _ in range(stories))
    plan = sorted((starts[rng.randrange(stories)] + rng.uniform(0, 3), 0) for _ in range(articles))
    topics: dict[int, tuple[list[str], list[str]]] = {}
    for day, _ in plan:
        story = _nearest(starts, day)
        if story not in topics:
            local = random.Random(seed * 100003 + story)
            topic = [_word(20000 + local.randrange(200000)) for _ in range(40)]
            names = [_word(300000 + local.randrange(100000)).title() for _ in range(6)]
            topics[story] = (topic, names)
        topic, names = topics[story]
        body = rng.choices(topic, k=90) + rng.choices(general, cum_weights=cumulative, k=70)
        body += rng.choices(names, k=20)
        rng.shuffle(body)
        sentences = [" ".join(body[i : i + 15]).capitalize() + "." for i in range(0, len(body), 15)]
        title = " ".join(rng.sample(topic, 5) + rng.sample(names, 1))
        iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime((YEAR_START + day) * 86400))
        yield title, " ".join(sentences), iso


def _nearest(starts: list[float], day: float) -> int:
    # The story an article belongs to: the latest start at or before its day.
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= day:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_story_speed_bench(
    *, articles: int = 100_000, stories: int = 10_000, progress: Progress | None = None
) -> dict[str, float]:
    """Figures: assign_per_second, assign_p50_ms, assign_p99_ms, profile_per_second,
    end_to_end_per_second, index_bytes_per_article, signature_bytes_per_article, stories_found."""
    index = StoryIndex()
    assign: list[float] = []
    profile_cpu = 0.0
    step = max(1, articles // 20)
    for n, (title, text, published) in enumerate(synthetic_articles(articles, stories), 1):
        started = time.process_time()
        profile = profile_text(text, title=title, published=published)
        middle = time.process_time()
        index.add(profile)
        ended = time.process_time()
        profile_cpu += middle - started
        assign.append(ended - middle)
        if progress and (n % step == 0 or n == articles):
            progress(n, articles * 2)
    total_assign = sum(assign)
    figures = {
        "articles": float(articles),
        "stories": float(stories),
        "stories_found": float(index.story_count),
        "assign_per_second": round(articles / total_assign, 1),
        "assign_p50_ms": round(_percentile(assign, 0.5) * 1000, 3),
        "assign_p99_ms": round(_percentile(assign, 0.99) * 1000, 3),
        "profile_per_second": round(articles / profile_cpu, 1),
        "end_to_end_per_second": round(articles / (profile_cpu + total_assign), 1),
    }
    del index
    figures.update(_memory(articles, stories, progress))
    return figures


def live_bytes(filenames: tuple[str, ...]) -> int:
    """Bytes still allocated (traced) by code in `filenames`, at any depth of the call."""
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(True, f"*{name}", all_frames=True) for name in filenames]
    )
    return sum(stat.size for stat in snapshot.statistics("filename"))


def _memory(articles: int, stories: int, progress: Progress | None) -> dict[str, float]:
    """Build the same archive again with tracemalloc on throughout and count what is still
    live at the end and was allocated by the index (clustering.py at any depth of the call):
    the profiles, made batch by batch and dropped, and their caches are not the index's."""
    index = StoryIndex()
    step = max(1, articles // 20)
    profiles: list[Profile] = []
    tracemalloc.start(3)  # the caller of a Counter or dict method is enough
    for n, (title, text, published) in enumerate(synthetic_articles(articles, stories), 1):
        profiles.append(profile_text(text, title=title, published=published))
        if len(profiles) == 2000 or n == articles:
            for profile in profiles:
                index.add(profile)
            profiles.clear()
        if progress and (n % step == 0 or n == articles):
            progress(articles + n, articles * 2)
    traced = live_bytes(("stories/clustering.py",))
    tracemalloc.stop()
    signature = index.archive_bytes()
    return {
        "index_bytes_per_article": round(traced / articles, 1),
        "signature_bytes_per_article": round(signature / articles, 1),
    }


def format_story_speed_report(figures: dict[str, float]) -> str:
    return "\n".join(
        [
            f"Story assignment, synthetic live archive: {figures['articles']:,.0f} articles, "
            f"{figures['stories']:,.0f} stories ({figures['stories_found']:,.0f} found), one core",
            f"  assign          {figures['assign_per_second']:>10,.0f} articles/s   "
            f"p50 {figures['assign_p50_ms']:.2f} ms   p99 {figures['assign_p99_ms']:.2f} ms"
            "   (target >= 1,000/s, p99 < 10 ms)",
            f"  profile         {figures['profile_per_second']:>10,.0f} articles/s   "
            "(tokens, stems, MinHash)",
            f"  profile+assign  {figures['end_to_end_per_second']:>10,.0f} articles/s",
            f"  memory          {figures['index_bytes_per_article']:>10,.0f} B per archived "
            f"article, whole index; {figures['signature_bytes_per_article']:,.0f} B signature "
            "archive (target < 1 KB)",
        ]
    )


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(format_story_speed_report(run_story_speed_bench(articles=size, stories=size // 10)))
