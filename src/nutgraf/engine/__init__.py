"""nutgraf's engine: one article in, one grounded brief out. Pure Python, no Django.

    >>> from nutgraf.engine import brief
    >>> result = brief("article.html")          # a path, "-" for stdin, or an http(s) URL
    >>> result.key_points[0].text, result.key_points[0].sources
    >>> result.to_dict()                        # the JSON contract, docs/brief-json.md

The stages and their order are in pipeline.py.
"""

from __future__ import annotations

from pathlib import Path

from nutgraf.engine.budget import MAX_TEXT_CHARS
from nutgraf.engine.errors import (
    BlockedAddressError,
    EncodingError,
    ExtractionError,
    FetchError,
    InputError,
    NutgrafError,
    PipelineError,
    TextTooLongError,
    TimeBudgetError,
)
from nutgraf.engine.fetch import Fetcher, HttpFetcher
from nutgraf.engine.grounding import Support, check_support
from nutgraf.engine.ingest import read_source
from nutgraf.engine.pipeline import (
    DEFAULT_STAGES,
    Options,
    Pipeline,
    Stage,
    Work,
    brief_from_source,
)
from nutgraf.engine.records import (
    BRIEF_FORMAT_VERSION,
    Article,
    Brief,
    DateMention,
    Entity,
    FaqItem,
    Heading,
    Keyphrase,
    KeyPoint,
    Quote,
    Redundancy,
    Section,
    Sentence,
    Source,
    SourceInfo,
    Stats,
    TimelineEvent,
)


def brief(
    location: str | Path,
    *,
    fetcher: Fetcher | None = None,
    options: Options | None = None,
) -> Brief:
    """The brief for a path, "-" (stdin) or an http(s) URL. Raises NutgrafError on bad input."""
    source = read_source(str(location), fetcher=fetcher)
    return brief_from_source(source, options or Options())


def brief_from_text(
    text: str,
    *,
    media_type: str = "text/plain",
    location: str = "text",
    options: Options | None = None,
) -> Brief:
    """The brief for text already in hand: plain text, Markdown or HTML (set `media_type`)."""
    source = Source(
        location=location, content=text.encode("utf-8"), media_type=media_type, charset="utf-8"
    )
    return brief_from_source(source, options or Options())


__all__ = [
    "Article",
    "BRIEF_FORMAT_VERSION",
    "BlockedAddressError",
    "Brief",
    "DEFAULT_STAGES",
    "DateMention",
    "EncodingError",
    "Entity",
    "ExtractionError",
    "FaqItem",
    "FetchError",
    "Fetcher",
    "Heading",
    "HttpFetcher",
    "InputError",
    "KeyPoint",
    "Keyphrase",
    "MAX_TEXT_CHARS",
    "NutgrafError",
    "Options",
    "Pipeline",
    "PipelineError",
    "Quote",
    "Redundancy",
    "Section",
    "Sentence",
    "Source",
    "SourceInfo",
    "Stage",
    "Stats",
    "Support",
    "TextTooLongError",
    "TimeBudgetError",
    "TimelineEvent",
    "Work",
    "brief",
    "brief_from_source",
    "brief_from_text",
    "check_support",
    "read_source",
]
