"""The records that cross stage boundaries: typed, frozen, and the source of the JSON contract.

Each stage of the pipeline reads some of these and returns new ones; none is ever mutated.
`Brief.to_dict()` is the public, versioned JSON form documented in docs/brief-json.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Version of the brief's JSON contract, written as the top-level "nutgraf" key.
#: Raise it only for a change that breaks a reader of the previous version.
BRIEF_FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class Source:
    """Raw input as ingested: the bytes and what is known about where they came from."""

    location: str  # what the user gave: a path, "-" or a URL
    content: bytes
    media_type: str  # "text/html", "text/plain" or "text/markdown"
    url: str | None = None  # final URL after redirects, when fetched
    charset: str | None = None  # charset declared by the server, if any


@dataclass(frozen=True, slots=True)
class Heading:
    """One of the body's own headings; the section under it starts at `start` in Article.text."""

    text: str
    start: int
    level: int = 2


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text and metadata, as extracted from a page or read from a text file.

    Paragraphs in `text` are separated by a blank line; headings are not part of `text`.
    """

    text: str
    title: str
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    site_name: str | None = None
    language: str | None = None  # ISO 639-1 code
    section: str | None = None  # the site's own category
    tags: tuple[str, ...] = ()
    headings: tuple[Heading, ...] = ()
    url: str | None = None
    description: str | None = None
    image: str | None = None


#: What a sentence of the extracted text is. Only "body" sentences are read for the brief's
#: items (summary, key points, FAQ, sections, timeline); the others stay in `Brief.sentences`
#: so the source view still shows them.
SENTENCE_ROLES = frozenset(
    {"body", "caption", "dateline", "byline", "stamp", "navigation", "rating", "heading"}
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of Article.text: `Article.text[start:end] == text`.

    `role` is one of SENTENCE_ROLES: "body" for the article's own prose, otherwise the kind of
    page clutter it is (a photo caption, a dateline, "Site last updated ...", a share line).
    """

    id: int
    text: str
    start: int
    end: int
    paragraph: int = 0
    role: str = "body"


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or nationality, merged across its mentions."""

    id: str
    name: str
    kind: str  # "person" | "organization" | "place" | "nationality"
    mentions: tuple[str, ...]
    roles: tuple[str, ...]
    sentence_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote or attributed statement and who made it.

    `speaker` is a person or organisation the text names as the one who said it, and only when
    the attribution is sure (`entity_id` is then their Entity); otherwise None. `role` is what
    the attribution says of the speaker besides a name: "USC defensive end", or for an unnamed
    speaker the description itself ("police spokesman"). `attribution` says how the speaker
    was found (quotes.ATTRIBUTIONS: "subject", "apposition", "pronoun", ...), None with no speaker.
    """

    text: str
    speaker: str | None
    entity_id: str | None
    verb: str
    direct: bool  # inside quotation marks
    sentence_ids: tuple[int, ...]
    role: str | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time expression; `value` is an ISO date when it could be resolved."""

    text: str
    kind: str  # "absolute" | "relative" | "duration"
    value: str | None
    sentence_id: int
    end: str | None = None  # last day of a period ("this week"), ISO date


@dataclass(frozen=True, slots=True)
class Keyphrase:
    text: str
    score: float
    sentence_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Redundancy:
    """How much of the text repeats itself.

    `groups` holds sentences that say the same thing in other words (each group has two or more
    ids); `redundant_ids` are the sentences that add nothing beyond an earlier one or are filler.
    `density` is distinct facts per sentence, 0..1: a tight wire story is near 1, padding near 0.
    """

    groups: tuple[tuple[int, ...], ...]
    redundant_ids: tuple[int, ...]
    filler_ids: tuple[int, ...]
    facts: tuple[tuple[int, ...], ...]  # one entry per distinct fact: its sentence ids
    density: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyse stages found in one article."""

    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    keyphrases: tuple[Keyphrase, ...] = ()
    redundancy: Redundancy | None = None
    unsupported: tuple[str, ...] = ()  # analyses skipped for this language, with the reason


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class FaqItem:
    question: str
    answer: str
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    heading_from_source: bool  # the article's own heading, or one drawn from its words
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str  # ISO date
    date_text: str  # the words in the text
    text: str
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Stats:
    sentences: int
    words: int
    redundant_sentences: int
    filler_sentences: int
    distinct_facts: int
    information_density: float
    reading_time_minutes: int


@dataclass(frozen=True, slots=True)
class SourceInfo:
    location: str
    url: str | None
    site_name: str | None
    author: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True, slots=True)
class Brief:
    """The composed explainer. Every item's `sources` are ids into `sentences`."""

    source: SourceInfo
    title: str
    category: str
    summary: str
    summary_sources: tuple[int, ...]
    description: str
    key_points: tuple[KeyPoint, ...]
    faq: tuple[FaqItem, ...]
    sections: tuple[Section, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    keyphrases: tuple[Keyphrase, ...]
    timeline: tuple[TimelineEvent, ...]
    stats: Stats
    sentences: tuple[Sentence, ...]
    unsupported: tuple[str, ...] = ()
    tags: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (version BRIEF_FORMAT_VERSION); see docs/brief-json.md."""
        body = asdict(self)
        body["sentences"] = [
            {"id": s.id, "text": s.text, "start": s.start, "end": s.end, "role": s.role}
            for s in self.sentences
        ]
        return {"nutgraf": BRIEF_FORMAT_VERSION, **json_ready(body)}


def json_ready(value: Any) -> Any:
    """Tuples become lists, recursively, so that to_dict() equals its own JSON round trip."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    return value
