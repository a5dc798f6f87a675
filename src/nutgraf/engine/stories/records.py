"""The records of a story: typed, frozen, and the source of the story JSON contract.

`StoryBrief.to_dict()` is the versioned JSON form documented in docs/brief-json.md ("Story
briefs"); its top-level "nutgraf_story" key is the version. The single-article Brief is unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from nutgraf.engine.records import json_ready

#: Version of the story brief's JSON contract, written as the top-level "nutgraf_story" key.
STORY_FORMAT_VERSION = 2

ROLES = ("original", "rewrite", "adds")


@dataclass(frozen=True, slots=True)
class Citation:
    """One article's sentence: `article` indexes StoryBrief.articles, `sentence` its sentences."""

    article: int
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class Lineage:
    """What one article of a story is: original reporting, a rewrite, or a rewrite that adds.

    `follows` is the earliest published article it follows (None for an original); `added`
    holds the sentence ids of the facts it states that no earlier article did ("adds" only).
    """

    article: int
    role: str  # one of ROLES
    follows: int | None
    copied: float  # share of its word shingles found in `follows` (MinHash estimate), 0..1
    covered: float  # share of its facts that an earlier article already stated, 0..1
    added: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """Another page of the same outlet's article: its AMP, print or mobile form, a second host
    of its site, or an earlier state of it (versions.py)."""

    location: str
    url: str | None
    published: str | None
    title: str


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One outlet's article in the story; its text is its newest version's."""

    index: int
    location: str
    url: str | None
    outlet: str  # site name, else the URL's host, else the location
    title: str
    published: str | None
    role: str
    follows: int | None
    copied: float
    covered: float
    added: tuple[Citation, ...]
    versions: tuple[ArticleVersion, ...] = ()  # its other pages, oldest first


@dataclass(frozen=True, slots=True)
class SourceCount:
    """ "14 articles from 11 outlets, 3 independent reports"."""

    articles: int
    outlets: int
    independent: int

    @property
    def text(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"

        return (
            f"{plural(self.articles, 'article')} from {plural(self.outlets, 'outlet')}, "
            f"{plural(self.independent, 'independent report')}"
        )


@dataclass(frozen=True, slots=True)
class StoryPoint:
    """A fact of the story and every article that states it.

    `independent` counts distinct original reports behind it: a rewrite repeating a fact adds
    an article, not a source. `single_source` is True when one report carries it alone.
    """

    text: str
    citations: tuple[Citation, ...]
    independent: int
    articles: int
    outlets: int
    single_source: bool


@dataclass(frozen=True, slots=True)
class ConflictClaim:
    value: str  # the figure, date or name this outlet gives
    outlet: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Conflict:
    """Outlets disagree: the same statement with different figures, dates or names."""

    kind: str  # "figure" | "date" | "name"
    claims: tuple[ConflictClaim, ...]  # two or more, side by side, earliest first


@dataclass(frozen=True, slots=True)
class StoryEvent:
    date: str  # ISO date
    date_text: str
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class StoryEntity:
    name: str
    kind: str
    articles: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StoryBrief:
    """The merged brief of one story; every citation names an article and one of its sentences."""

    title: str
    category: str
    summary: str
    summary_citations: tuple[Citation, ...]
    counts: SourceCount
    articles: tuple[StoryArticle, ...]
    key_points: tuple[StoryPoint, ...]
    conflicts: tuple[Conflict, ...]
    timeline: tuple[StoryEvent, ...]
    entities: tuple[StoryEntity, ...]
    first_published: str | None
    last_published: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (version STORY_FORMAT_VERSION); see docs/brief-json.md."""
        body = asdict(self)
        body["counts"]["text"] = self.counts.text
        return {"nutgraf_story": STORY_FORMAT_VERSION, **json_ready(body)}
