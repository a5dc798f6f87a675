"""What the API takes and gives, as pydantic models: the OpenAPI document is generated from them.

The brief models mirror docs/brief-json.md; they allow extra keys because the contract only ever
adds fields within a version, and a reader (or this document) must not break when one appears.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

MAX_ID = 2**63 - 1  # the database's integer range; larger ids are refused, not overflowed


class ErrorBody(Schema):
    code: str = Field(description="Stable, machine-readable: e.g. not_found, rate_limited.")
    message: str = Field(description="One sentence for a person.")


class ErrorOut(Schema):
    error: ErrorBody


# --- the brief (docs/brief-json.md) ---------------------------------------------------------


class _Open(Schema):
    model_config = ConfigDict(extra="allow")


class SourceInfoOut(_Open):
    location: str
    url: str | None
    site_name: str | None
    author: str | None
    published: str | None
    language: str | None


class KeyPointOut(_Open):
    text: str
    sources: list[int]


class FaqOut(_Open):
    question: str
    answer: str
    sources: list[int]


class SectionOut(_Open):
    heading: str
    heading_from_source: bool
    sources: list[int]


class BriefEntityOut(_Open):
    id: str
    name: str
    kind: str
    mentions: list[str]
    roles: list[str]
    sentence_ids: list[int]


class QuoteOut(_Open):
    text: str
    speaker: str | None
    entity_id: str | None
    verb: str
    direct: bool
    sentence_ids: list[int]
    role: str | None = None
    attribution: str | None = None


class KeyphraseOut(_Open):
    text: str
    score: float
    sentence_ids: list[int]


class TimelineOut(_Open):
    date: str
    date_text: str
    text: str
    sources: list[int]


class StatsOut(_Open):
    sentences: int
    words: int
    redundant_sentences: int
    filler_sentences: int
    distinct_facts: int
    information_density: float
    reading_time_minutes: int


class SentenceOut(_Open):
    id: int
    text: str
    start: int
    end: int
    role: str = Field(
        default="body",
        description="body, or the page clutter it is: caption, dateline, byline, stamp, "
        "navigation, rating, heading (docs/brief-json.md)",
    )


class BriefOut(_Open):
    """The engine's brief, version 2: exactly what `nutgraf brief --format json` prints."""

    nutgraf: int = Field(description="Contract version.")
    source: SourceInfoOut
    title: str
    category: str
    tags: list[str]
    summary: str
    summary_sources: list[int]
    description: str
    key_points: list[KeyPointOut]
    faq: list[FaqOut]
    sections: list[SectionOut]
    entities: list[BriefEntityOut]
    quotes: list[QuoteOut]
    keyphrases: list[KeyphraseOut]
    timeline: list[TimelineOut]
    stats: StatsOut
    sentences: list[SentenceOut]
    unsupported: list[str]


# --- input ------------------------------------------------------------------------------------

EXAMPLE_TEXT = (
    "Harbor council approves new ferry route\n\n"
    "The Ellery harbor council voted 7 to 2 on Tuesday to open a ferry route to Northport. "
    "The route will start in May and cost 4.2 million dollars a year, council chair Dana Ruiz "
    "said. Ruiz said the ferry would cut the commute for 3,000 workers by half an hour. "
    "Opponents on the council said the money should go to road repairs instead."
)  # fictional, like every sample in nutgraf


class _OneInput(Schema):
    """Exactly one of text, html or url."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text or Markdown (see `format`).")
    html: str | None = Field(None, description="A web page's HTML.")
    url: str | None = Field(
        None,
        max_length=2000,
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://",
        description="An http(s) URL, fetched by the server; private addresses are refused.",
    )
    format: Literal["plain", "markdown"] = Field(
        "plain", description="How to read `text`; ignored for html and url."
    )
    name: str | None = Field(
        None,
        max_length=200,
        description="The input's name, reported as the brief's source.location "
        "(a file name keeps the CLI's output identical).",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> _OneInput:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("Give exactly one of text, html or url.")
        return self


class BriefIn(_OneInput):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": EXAMPLE_TEXT, "points": 3}]}
    )

    points: int = Field(7, ge=1, le=30, description="At most this many key points.")


class ArticleIn(_OneInput):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": EXAMPLE_TEXT, "name": "ferry.txt"}]},
    )

    publish: bool = Field(
        False,
        description="Publish at once instead of leaving a draft (the token's editor needs the "
        "permission to change stories).",
    )


# --- published content ----------------------------------------------------------------------


class CategoryOut(Schema):
    id: int
    name: str
    slug: str


class TagOut(Schema):
    name: str
    slug: str


class StoryOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The story's page on the site.")
    headline: str
    summary: str
    description: str
    byline: str
    image_url: str | None
    category: CategoryOut
    published_at: datetime
    updated_at: datetime | None
    reading_minutes: int


class StoryEntityOut(Schema):
    id: int
    name: str
    kind: str
    roles: list[str]
    mentions: int


class StoryDetailOut(StoryOut):
    tags: list[TagOut]
    entities: list[StoryEntityOut]
    article_ids: list[int]
    brief: BriefOut


class StoryPage(Schema):
    items: list[StoryOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class StoryQuery(Schema):
    category: str | None = Field(None, max_length=80, description="A category's slug.")
    entity: int | None = Field(None, ge=1, le=MAX_ID, description="Stories naming this entity.")
    since: datetime | None = Field(None, description="Published at or after (ISO 8601).")
    until: datetime | None = Field(None, description="Published before (ISO 8601).")
    cursor: str | None = Field(None, max_length=500, description="A `next_cursor` from before.")
    limit: int = Field(20, ge=1, le=100, description="At most this many items.")


class SearchQuery(StoryQuery):
    q: str = Field(..., min_length=1, max_length=200, description="Words to find.")


class ArticleOut(Schema):
    """A source article a published story was made from."""

    id: int
    url: str | None
    site_name: str
    author: str
    published: str | None = Field(description="As the source gave it.")
    story_ids: list[int]


class ArticleDetailOut(ArticleOut):
    text: str = Field(description="The article text the story's brief cites.")


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None


class EntityOut(Schema):
    id: int
    name: str
    kind: str
    slug: str
    url: str
    story_count: int = Field(description="Published stories naming it.")


class IngestOut(Schema):
    story_id: int
    slug: str
    status: str
    headline: str
    review_flags: int = Field(description="Items the support check flagged for an editor.")


# --- coverage: one event, many outlets (docs/brief-json.md, "Story briefs") ------------------


class StoryCitationOut(_Open):
    article: int = Field(description="Index into the merged brief's `articles`.")
    sentence: int = Field(description="A sentence id of that article's own brief.")
    text: str


class ArticleVersionOut(_Open):
    location: str
    url: str | None
    published: str | None
    title: str


class MergedArticleOut(_Open):
    index: int
    location: str
    url: str | None
    outlet: str
    title: str
    published: str | None
    role: str = Field(description="original, rewrite or adds.")
    follows: int | None = Field(description="Index of the earlier article it follows.")
    copied: float
    covered: float
    added: list[StoryCitationOut]
    versions: list[ArticleVersionOut] = Field(
        default_factory=list,
        description="The same outlet's other pages of this article (AMP, print, revisions).",
    )


class SourceCountOut(_Open):
    articles: int
    outlets: int
    independent: int
    text: str


class MergedPointOut(_Open):
    text: str
    citations: list[StoryCitationOut]
    independent: int = Field(description="Independent reports stating it.")
    articles: int
    outlets: int
    single_source: bool


class ConflictClaimOut(_Open):
    value: str
    outlet: str
    citation: StoryCitationOut


class ConflictOut(_Open):
    kind: str = Field(description="figure, date or name.")
    claims: list[ConflictClaimOut]


class MergedEventOut(_Open):
    date: str
    date_text: str
    text: str
    citations: list[StoryCitationOut]


class MergedEntityOut(_Open):
    name: str
    kind: str
    articles: list[int]


class StoryBriefOut(_Open):
    """The merged brief of a coverage: the story contract, version 2 (`nutgraf_story`)."""

    nutgraf_story: int = Field(description="Story contract version.")
    title: str
    category: str
    summary: str
    summary_citations: list[StoryCitationOut]
    counts: SourceCountOut
    articles: list[MergedArticleOut]
    key_points: list[MergedPointOut]
    conflicts: list[ConflictOut]
    timeline: list[MergedEventOut]
    entities: list[MergedEntityOut]
    first_published: str | None
    last_published: str | None


class CoverageOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The coverage's page on the site.")
    title: str
    counts: SourceCountOut
    first_published: str | None = Field(description="Its earliest article, as the source gave it.")
    last_published: str | None
    updated_at: datetime = Field(description="When its merged brief was last made.")


class CoverageMemberOut(Schema):
    story_id: int
    story_url: str
    headline: str
    outlet: str
    role: str = Field(description="original, rewrite, adds or version.")
    follows_story_id: int | None = Field(description="The story of the article it follows.")
    copied: float = Field(description="Share of its sentences copied from the article it follows.")
    covered: float = Field(description="Share of its facts stated earlier.")
    added: list[str] = Field(description="The facts it adds, when its role is adds.")


class CoverageDetailOut(CoverageOut):
    members: list[CoverageMemberOut] = Field(description="Its published stories, oldest first.")
    brief: StoryBriefOut


class CoveragePage(Schema):
    items: list[CoverageOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class CoverageQuery(Schema):
    category: str | None = Field(
        None, max_length=80, description="Coverages with a story in this category (slug)."
    )
    entity: int | None = Field(
        None, ge=1, le=MAX_ID, description="Coverages with a story naming this entity."
    )
    since: datetime | None = Field(
        None, description="With a story published at or after (ISO 8601)."
    )
    until: datetime | None = Field(None, description="With a story published before (ISO 8601).")
    cursor: str | None = Field(None, max_length=500, description="A `next_cursor` from before.")
    limit: int = Field(20, ge=1, le=100, description="At most this many items.")


class SubmissionOut(Schema):
    """An article queued for a worker (`POST /api/v1/articles` with workers), and its fate."""

    id: str = Field(description="The submission's id, as in its address.")
    status: str = Field(description='"queued", "done" (see story_id) or "failed" (see error).')
    url: str = Field(description="This submission's own address: ask it again until done.")
    story_id: int | None = Field(None, description="The story made, once done.")
    slug: str | None = None
    headline: str | None = None
    story_status: str | None = Field(None, description='"draft" or "published", once done.')
    error: str | None = Field(None, description="Why it failed, in one sentence.")
