"""Story clustering on Google News (TS, T, S), not told the number of stories, beside baselines
that are told it, all computed in the same run.

Data (read in place from `bench_dir`, …/shared/bench/clustering/googlenews): JSON lines
{"text", "cluster"}, 11,109 items in 152 gold stories; TS is title+snippet, T title, S snippet.

    ours          nutgraf.engine.stories: profile_text (sign=False, no dates: the set has none)
                  then cluster_profiles with the default ClusterSettings; k is never given
    avglink_k     TF-IDF (scikit-learn defaults) + average-link on cosine distance, cut at the
                  true k (the published anchor: NMI 0.955, ARI 0.871, pairwise F1 0.873)
    kmeans_k      k-means on the same TF-IDF, told the true k (n_init=5, seed 0)

Metrics: NMI (arithmetic normalisation), ARI, pairwise F1 (pairs put together), BCubed F1.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from pathlib import Path

import numpy as np

from nutgraf.engine.stories.clustering import cluster_profiles
from nutgraf.engine.stories.profiles import profile_text

Progress = Callable[[int, int], None]

SETS = ("TS", "T", "S")
#: Published figures for TF-IDF average-link told the true k (on TS), printed beside ours.
ANCHORS: dict[str, float] = {"nmi": 0.955, "ari": 0.871, "pairwise_f1": 0.873}
METRICS = ("nmi", "ari", "pairwise_f1", "bcubed_f1")


def read_set(path: Path, limit: int | None = None) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    gold: list[int] = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if limit is not None and len(texts) >= limit:
                break
            row = json.loads(line)
            texts.append(row["text"])
            gold.append(int(row["cluster"]))
    return texts, gold


def pairwise_f1(gold: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    def pairs(counts: Counter[object]) -> float:
        return float(sum(n * (n - 1) // 2 for n in counts.values()))

    together = pairs(Counter(zip(gold, found, strict=True)))
    predicted, true = pairs(Counter(found)), pairs(Counter(gold))
    if not together:
        return 0.0
    precision, recall = together / predicted, together / true
    return 2 * precision * recall / (precision + recall)


def bcubed_f1(gold: Sequence[int], found: Sequence[int]) -> float:
    both = Counter(zip(gold, found, strict=True))
    by_gold, by_found = Counter(gold), Counter(found)
    precision = sum(both[(g, f)] / by_found[f] for g, f in zip(gold, found, strict=True))
    recall = sum(both[(g, f)] / by_gold[g] for g, f in zip(gold, found, strict=True))
    precision, recall = precision / len(gold), recall / len(gold)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Sequence[int], found: Sequence[int]) -> dict[str, float]:
    from sklearn import metrics

    return {
        "nmi": float(metrics.normalized_mutual_info_score(gold, found)),
        "ari": float(metrics.adjusted_rand_score(gold, found)),
        "pairwise_f1": pairwise_f1(gold, found),
        "bcubed_f1": bcubed_f1(gold, found),
    }


def cluster_ours(texts: Sequence[str]) -> list[int]:
    return list(cluster_profiles([profile_text(text, sign=False) for text in texts]))


def cluster_avglink(texts: Sequence[str], k: int) -> list[int]:
    """TF-IDF + average-link on cosine distance, cut into `k` clusters."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer().fit_transform(texts).tocsr()
    n = matrix.shape[0]
    condensed = np.empty(n * (n - 1) // 2, dtype=np.float64)
    cursor = 0
    for start in range(0, n, 512):  # row blocks keep the dense product small
        block = (matrix[start : start + 512] @ matrix.T).toarray()
        for offset, row in enumerate(block):
            i = start + offset
            tail = 1.0 - row[i + 1 :]
            condensed[cursor : cursor + tail.size] = tail
            cursor += tail.size
    np.clip(condensed, 0.0, 2.0, out=condensed)
    tree = linkage(condensed, method="average")
    del condensed
    return [int(label) for label in fcluster(tree, t=k, criterion="maxclust")]


def cluster_kmeans(texts: Sequence[str], k: int) -> list[int]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer().fit_transform(texts)
    model = KMeans(n_clusters=k, n_init=5, random_state=0).fit(matrix)
    return [int(label) for label in model.labels_]


def run_clustering_bench(
    bench_dir: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    sets: Sequence[str] = SETS,
    baselines: bool = True,
) -> dict[str, float]:
    """Figures keyed `<set>_<method>_<metric>` plus `<set>_ours_k`, `<set>_gold_k`,
    `<set>_ours_seconds`; `bench_dir` is the clustering folder or its googlenews sub-folder."""
    folder = bench_dir / "googlenews" if (bench_dir / "googlenews").is_dir() else bench_dir
    figures: dict[str, float] = {}
    steps = len(sets) * (3 if baselines else 1)
    done = 0
    for name in sets:
        texts, gold = read_set(folder / name, limit)
        k = len(set(gold))
        started = time.perf_counter()
        ours = cluster_ours(texts)
        figures[f"{name}_ours_seconds"] = round(time.perf_counter() - started, 2)
        figures[f"{name}_ours_k"] = float(len(set(ours)))
        figures[f"{name}_gold_k"] = float(k)
        figures[f"{name}_items"] = float(len(texts))
        runs: list[tuple[str, Callable[[], list[int]]]] = [("ours", partial(list, ours))]
        if baselines:
            runs += [
                ("avglink_k", partial(cluster_avglink, texts, k)),
                ("kmeans_k", partial(cluster_kmeans, texts, k)),
            ]
        for method, run in runs:
            for metric, value in score(gold, run()).items():
                figures[f"{name}_{method}_{metric}"] = round(value, 4)
            done += 1
            if progress:
                progress(done, steps)
    return figures


def format_clustering_report(figures: dict[str, float]) -> str:
    lines = [
        "Story clustering, Google News (Yin & Wang 2014), ours NOT told k; baselines told k",
        f"{'set':<4} {'method':<26} {'k':>5} " + " ".join(f"{m:>11}" for m in METRICS),
    ]
    sets = [name for name in SETS if f"{name}_ours_nmi" in figures]
    for name in sets:
        for method, label, k in (
            ("ours", "nutgraf (k found)", figures[f"{name}_ours_k"]),
            ("avglink_k", "TF-IDF avg-link (told k)", figures[f"{name}_gold_k"]),
            ("kmeans_k", "k-means (told k)", figures[f"{name}_gold_k"]),
        ):
            if f"{name}_{method}_nmi" not in figures:
                continue
            values = " ".join(f"{figures[f'{name}_{method}_{m}']:>11.3f}" for m in METRICS)
            lines.append(f"{name:<4} {label:<26} {k:>5.0f} {values}")
    lines.append(
        "published anchor (TF-IDF avg-link told k): "
        + ", ".join(f"{m} {v:.3f}" for m, v in ANCHORS.items())
    )
    return "\n".join(lines)


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench/clustering")
    size = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(format_clustering_report(run_clustering_bench(data, limit=size)))
