"""Story clustering: each new article joins an open story or starts one; no number of stories.

Online (`StoryIndex.add`), for one article at a time, in publication order:

    1. near-copy   MinHash LSH over the articles of open stories: an article that contains
                   most of an earlier one's shingles joins that article's story outright
    2. candidates  the article's heaviest terms (tf-idf, idf over the archive so far) look up
                   open stories in an inverted index of story centroids
    3. score       cosine of the article's vector with each candidate's centroid (without the
                   words no earlier article used when they weigh a third of it: they can
                   match no story, see `_known`), plus a bonus
                   for the share of its names and figures the story already has; a story is
                   open to an article published within `window_days` of its first and last
                   articles, so the same people in another week's event make another story
    4. decide      the best score at or above `threshold` joins, else a new story starts

Stories whose last article is older than the window are closed: their postings and LSH
buckets are dropped, and what stays per archived article is its signature (256 bytes), its
story and its day.

Batch (`cluster_profiles`) re-clusters a whole archive: the online pass, then rounds of
reassigning every article to its best centroid under the archive's final idf and merging
stories whose centroids meet `merge_threshold`.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from nutgraf.engine.stories.profiles import Profile
from nutgraf.engine.stories.signatures import MINHASH_SIZE, Signature, band_keys, containment

Vector = dict[str, float]

#: Terms kept in a story's sum vector during batch agglomeration.
MERGE_TERMS = 300


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Thresholds of story clustering; the defaults are what the CLI, site and bench use."""

    threshold: float = 0.2  # cosine (plus anchor bonus) an article needs to join a story
    merge_threshold: float = 0.07  # centroid cosine at which batch re-clustering merges stories
    window_days: float = 4.0  # a story is open this long after its last article
    article_terms: int = 40  # heaviest terms kept in an article's vector
    centroid_terms: int = 80  # heaviest terms kept in a story's centroid
    query_terms: int = 10  # article terms used to look up candidate stories
    candidates: int = 8  # stories scored in full per article
    anchor_bonus: float = 0.1  # weight of the share of names and figures a story already has
    near_copy: float = 0.5  # containment above which an article joins its original's story
    max_posting: int = 20000  # a term in more open stories than this is too common to look up
    # A dated article of at least this many terms whose words new to the archive carry at
    # least `novel_share` of its weight is scored without them (`_known`).
    known_terms_from: int = 20
    novel_share: float = 0.3


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where `StoryIndex.add` put an article."""

    article: int  # index of the article in the order added
    story: int
    score: float  # 1.0 for a near-copy, the winning similarity otherwise, 0.0 for a new story
    created: bool  # the article started this story
    near_copy_of: int | None = None  # the archived article it copies, when step 1 decided


@dataclass(slots=True)
class _Story:
    centroid: Vector
    norm: float
    first: float | None
    last: float | None
    anchors: Counter[str] = field(default_factory=Counter)
    members: array[int] = field(default_factory=lambda: array("i"))
    open: bool = True


class StoryIndex:
    """The live archive: stories, their open centroids, and each article's signature."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self._df: Counter[str] = Counter()
        self._articles = 0
        self._stories: list[_Story] = []
        self._postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._labels = array("i")
        self._days = array("f")
        self._shingles = array("I")
        self._signatures = bytearray()
        self._buckets: dict[int, list[int]] = defaultdict(list)
        self._closing: list[tuple[float, int]] = []  # (last day, story) heap
        self._clock = -math.inf

    # -- reading ---------------------------------------------------------------------------
    @property
    def labels(self) -> tuple[int, ...]:
        return tuple(self._labels)

    @property
    def clock(self) -> float:
        """The latest publication day added so far (-inf before any dated article)."""
        return self._clock

    @property
    def article_count(self) -> int:
        return self._articles

    @property
    def story_count(self) -> int:
        return len(self._stories)

    def members(self, story: int) -> tuple[int, ...]:
        return tuple(self._stories[story].members)

    def archive_bytes(self) -> int:
        """Bytes of what is kept per archived article: signature, shingle count, story, day."""
        return (
            len(self._signatures)
            + self._shingles.itemsize * len(self._shingles)
            + self._labels.itemsize * len(self._labels)
            + self._days.itemsize * len(self._days)
        )

    def signature(self, article: int) -> Signature:
        size = MINHASH_SIZE * 4
        values = bytes(self._signatures[article * size : (article + 1) * size])
        return Signature(values, self._shingles[article])

    # -- adding ----------------------------------------------------------------------------
    def add(self, profile: Profile) -> Assignment:
        """Assign one article (steps 1-4 of the module docstring) and archive it."""
        article = self._articles
        self._articles += 1
        self._df.update(term for term, _ in profile.terms)
        day = profile.day
        if day is not None and day > self._clock:
            self._clock = day
            self._close_stories()
        vector = self.vectorize(profile)
        story, score, copied = self._near_copy(profile)
        if story is None:
            scored = self._known(vector) if day is not None else vector
            story, score = self._best_story(scored, profile)
        created = story is None
        if story is None:
            story = len(self._stories)
            self._stories.append(_Story({}, 1.0, day, day))
            score = 0.0
        self._join(story, article, vector, profile)
        return Assignment(article, story, round(score, 4), created, copied)

    def _known(self, vector: Vector) -> Vector:
        """The article's vector without the words no earlier article used, renormalised, when
        such words carry at least `novel_share` of its weight.

        A word new to the archive can match no story; an article that adds a side topic to its
        event (a minister's reaction, new names) carries many, and they alone would sink its
        cosine below the threshold and split the event. An article mostly made of words the
        archive knows is judged on all of them: a new event with the same people (a hearing
        the day after a scoop) differs from the old one in a few words, and keeping those in
        is what keeps it apart. A headline-sized text keeps them too: without its novel words,
        one or two common ones would decide. Undated articles (a batch in no time order) are
        always judged whole: "new so far" means nothing there.
        """
        if len(vector) < self.settings.known_terms_from:
            return vector
        novel = sum(w * w for term, w in vector.items() if self._df[term] <= 1)
        if novel < self.settings.novel_share:
            return vector
        kept = {term: w for term, w in vector.items() if self._df[term] > 1}
        norm = math.sqrt(sum(w * w for w in kept.values())) or 1.0
        return {term: w / norm for term, w in kept.items()}

    def vectorize(self, profile: Profile) -> Vector:
        """Unit tf-idf vector of the article's heaviest terms, idf over the archive so far."""
        n = self._articles + 1
        weights = [
            (term, (1.0 + math.log(count)) * (math.log(n / (self._df[term] + 1)) + 1.0))
            for term, count in profile.terms
        ]
        top = heapq.nlargest(self.settings.article_terms, weights, key=lambda item: item[1])
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {term: w / norm for term, w in top}

    def _near_copy(self, profile: Profile) -> tuple[int | None, float, int | None]:
        signature = profile.signature
        if signature is None or not signature.shingles:
            return None, 0.0, None
        seen: set[int] = set()
        best, best_share = None, self.settings.near_copy
        for key in band_keys(signature.array()):
            for other in self._buckets.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                share = containment(signature, self.signature(other))
                if share >= best_share:
                    best, best_share = other, share
        if best is None:
            return None, 0.0, None
        return self._labels[best], 1.0, best

    def _best_story(self, vector: Vector, profile: Profile) -> tuple[int | None, float]:
        settings = self.settings
        scores: dict[int, float] = defaultdict(float)
        query = heapq.nlargest(settings.query_terms, vector.items(), key=lambda item: item[1])
        for term, weight in query:
            posting = self._postings.get(term)
            if posting and len(posting) <= settings.max_posting:
                for story, centroid_weight in posting.items():
                    scores[story] += weight * centroid_weight
        best, best_score = None, settings.threshold
        for story in heapq.nlargest(settings.candidates, scores, key=scores.__getitem__):
            record = self._stories[story]
            if not _in_window(record, profile.day, settings.window_days):
                continue
            score = similarity(vector, record.centroid, record.norm)
            if profile.anchors and record.anchors:
                shared = sum(1 for anchor in profile.anchors if anchor in record.anchors)
                score += settings.anchor_bonus * shared / len(profile.anchors)
            if score >= best_score:
                best, best_score = story, score
        return best, best_score

    def _join(self, story: int, article: int, vector: Vector, profile: Profile) -> None:
        record = self._stories[story]
        for term in record.centroid:
            self._postings[term].pop(story, None)
        centroid = Counter(record.centroid)
        centroid.update(vector)
        kept = heapq.nlargest(self.settings.centroid_terms, centroid.items(), key=lambda i: i[1])
        record.centroid = dict(kept)
        record.norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
        for term, weight in kept:
            self._postings[term][story] = weight / record.norm
        record.anchors.update(profile.anchors)
        if len(record.anchors) > 2 * self.settings.centroid_terms:
            record.anchors = Counter(dict(record.anchors.most_common(self.settings.centroid_terms)))
        record.members.append(article)
        day = profile.day
        if day is not None:
            record.first = day if record.first is None else min(record.first, day)
            record.last = day if record.last is None else max(record.last, day)
            heapq.heappush(self._closing, (record.last, story))
        self._labels.append(story)
        self._days.append(math.nan if day is None else day)
        signature = profile.signature
        if signature is not None:
            self._signatures += signature.values
            self._shingles.append(signature.shingles)
            if record.open:
                for key in band_keys(signature.array()):
                    self._buckets[key].append(article)
        else:
            self._signatures += bytes(MINHASH_SIZE * 4)
            self._shingles.append(0)

    def _close_stories(self) -> None:
        """Drop the postings and LSH buckets of stories past their window."""
        horizon = self._clock - self.settings.window_days
        while self._closing and self._closing[0][0] < horizon:
            last, story = heapq.heappop(self._closing)
            record = self._stories[story]
            if not record.open or record.last != last:
                continue  # a later article moved it; a newer heap entry stands for it
            record.open = False
            for term in record.centroid:
                self._postings[term].pop(story, None)
                if not self._postings[term]:
                    del self._postings[term]
            # A closed story takes no more articles: only its members and span are kept.
            record.centroid = {}
            record.anchors = Counter()
            for article in record.members:
                if self._shingles[article]:
                    for key in band_keys(self.signature(article).array()):
                        bucket = self._buckets.get(key)
                        if bucket is not None and article in bucket:
                            bucket.remove(article)
                            if not bucket:
                                del self._buckets[key]


def similarity(vector: Vector, centroid: Vector, norm: float) -> float:
    """Cosine of a unit vector with an unnormalised centroid of norm `norm`."""
    return sum(w * centroid.get(term, 0.0) for term, w in vector.items()) / norm


def _in_window(story: _Story, day: float | None, window: float) -> bool:
    if day is None or story.first is None or story.last is None:
        return True
    return story.first - window <= day <= story.last + window


def cluster_profiles(
    profiles: Sequence[Profile], settings: ClusterSettings | None = None, *, rounds: int = 1
) -> tuple[int, ...]:
    """Batch re-clustering of a whole archive: one label per profile, 0.. in order of first use.

    Runs the online pass in publication order (undated articles last, in input order), then
    `rounds` of: every article moves to its best centroid under the final idf (or alone, when
    none reaches `threshold`); stories whose centroids meet `merge_threshold` merge.
    """
    settings = settings or ClusterSettings()
    order = sorted(
        range(len(profiles)), key=lambda i: (profiles[i].day is None, profiles[i].day or 0.0, i)
    )
    index = StoryIndex(settings)
    labels = [0] * len(profiles)
    for i in order:
        labels[i] = index.add(profiles[i]).story
    df: Counter[str] = Counter(term for p in profiles for term, _ in p.terms)
    vectors = [_final_vector(p, df, len(profiles), settings.article_terms) for p in profiles]
    days = [p.day for p in profiles]
    for _ in range(rounds):
        labels = _reassign(labels, vectors, days, profiles, settings)
        labels = _merge(labels, vectors, days, settings)
    return _renumber(labels)


def _final_vector(profile: Profile, df: Counter[str], n: int, size: int) -> Vector:
    weights = [
        (term, (1.0 + math.log(count)) * (math.log((n + 1) / (df[term] + 1)) + 1.0))
        for term, count in profile.terms
    ]
    top = heapq.nlargest(size, weights, key=lambda item: item[1])
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top}


def _centroids(
    labels: Sequence[int], vectors: Sequence[Vector], days: Sequence[float | None], size: int
) -> dict[int, _Story]:
    sums: dict[int, Counter[str]] = defaultdict(Counter)
    stories: dict[int, _Story] = {}
    for i, label in enumerate(labels):
        sums[label].update(vectors[i])
        day = days[i]
        story = stories.setdefault(label, _Story({}, 1.0, day, day))
        story.members.append(i)
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
    for label, total in sums.items():
        kept = heapq.nlargest(size, total.items(), key=lambda item: item[1])
        stories[label].centroid = dict(kept)
        stories[label].norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return stories


def _reassign(
    labels: list[int],
    vectors: Sequence[Vector],
    days: Sequence[float | None],
    profiles: Sequence[Profile],
    settings: ClusterSettings,
) -> list[int]:
    stories = _centroids(labels, vectors, days, settings.centroid_terms)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for label, story in stories.items():
        for term, weight in story.centroid.items():
            postings[term].append((label, weight / story.norm))
    for story in stories.values():
        for i in story.members:
            story.anchors.update(profiles[i].anchors)
    fresh = max(labels, default=-1) + 1
    moved: list[int] = []
    for i, vector in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        query = heapq.nlargest(settings.query_terms, vector.items(), key=lambda item: item[1])
        for term, weight in query:
            for label, centroid_weight in postings.get(term, ()):
                scores[label] += weight * centroid_weight
        scores[labels[i]] += 0.0
        best, best_score = None, settings.threshold
        for label in heapq.nlargest(settings.candidates, scores, key=scores.__getitem__):
            story = stories[label]
            if not _in_window(story, days[i], settings.window_days):
                continue
            score = similarity(vector, story.centroid, story.norm)
            anchors = profiles[i].anchors
            if anchors and story.anchors:
                shared = sum(1 for anchor in anchors if anchor in story.anchors)
                score += settings.anchor_bonus * shared / len(anchors)
            if score >= best_score:
                best, best_score = label, score
        if best is None:
            best, fresh = fresh, fresh + 1
        moved.append(best)
    return moved


def _merge(
    labels: list[int],
    vectors: Sequence[Vector],
    days: Sequence[float | None],
    settings: ClusterSettings,
) -> list[int]:
    """Average-link agglomeration of whole stories, best pair first, down to `merge_threshold`.

    With unit article vectors, the mean cosine over all cross pairs of two stories is the dot
    product of their sums divided by the product of their sizes; the sums are kept to their
    heaviest MERGE_TERMS terms, so the figure is a close lower estimate.
    """
    sums: dict[int, Counter[str]] = defaultdict(Counter)
    sizes: Counter[int] = Counter()
    spans: dict[int, tuple[float, float] | None] = {}
    for i, label in enumerate(labels):
        sums[label].update(vectors[i])
        sizes[label] += 1
        day = days[i]
        span = spans.get(label)
        if day is not None:
            spans[label] = (day, day) if span is None else (min(span[0], day), max(span[1], day))
        else:
            spans.setdefault(label, span)
    postings: dict[str, set[int]] = defaultdict(set)
    for label, total in sums.items():
        sums[label] = Counter(dict(heapq.nlargest(MERGE_TERMS, total.items(), key=lambda i: i[1])))
        for term in sums[label]:
            postings[term].add(label)
    window = settings.window_days

    def linked(a: int, b: int) -> float:
        span_a, span_b = spans.get(a), spans.get(b)
        if span_a and span_b and (span_b[0] > span_a[1] + window or span_a[0] > span_b[1] + window):
            return 0.0
        small, large = (sums[a], sums[b]) if len(sums[a]) < len(sums[b]) else (sums[b], sums[a])
        dot = sum(w * large.get(term, 0.0) for term, w in small.items())
        return dot / (sizes[a] * sizes[b])

    def partners(label: int) -> set[int]:
        found: set[int] = set()
        for term in sums[label]:
            found |= postings[term]
        found.discard(label)
        return found

    heap: list[tuple[float, int, int]] = []
    for label in sums:
        for other in partners(label):
            if other > label:
                score = linked(label, other)
                if score >= settings.merge_threshold:
                    heap.append((-score, label, other))
    heapq.heapify(heap)
    parent = {label: label for label in sums}
    fresh = max(sums, default=-1) + 1
    while heap:
        _, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b:
            continue
        merged = fresh
        fresh += 1
        parent[a] = parent[b] = merged
        parent[merged] = merged
        total = sums.pop(a) + sums.pop(b)
        sums[merged] = Counter(dict(heapq.nlargest(MERGE_TERMS, total.items(), key=lambda i: i[1])))
        sizes[merged] = sizes.pop(a) + sizes.pop(b)
        span_a, span_b = spans.pop(a, None), spans.pop(b, None)
        spans[merged] = (
            (min(span_a[0], span_b[0]), max(span_a[1], span_b[1]))
            if span_a and span_b
            else span_a or span_b
        )
        for term in sums[merged]:
            postings[term].add(merged)
        for other in partners(merged):
            if other in sums:
                score = linked(merged, other)
                if score >= settings.merge_threshold:
                    heapq.heappush(heap, (-score, merged, other))

    def root(label: int) -> int:
        while parent[label] != label:
            label = parent[label]
        return label

    return [root(label) for label in labels]


def _renumber(labels: Sequence[int]) -> tuple[int, ...]:
    numbers: dict[int, int] = {}
    return tuple(numbers.setdefault(label, len(numbers)) for label in labels)
