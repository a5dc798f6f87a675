"""One article in, one grounded brief out: the whole flow in one place.

The stages, in the order DEFAULT_STAGES runs them:

    1. ingest      location (path, "-", URL)  -> Source        ingest.read_source (run first)
    2. extract     Source                     -> Article       extract.extract_article
    3. analyse
       3a. sentences   Article                -> sentences     sentences.split_sentences
           roles       sentences              -> sentences     roles.mark_roles (clutter)
       3b. parse       sentences              -> parse         nlp.parse_sentences (English only)
       3c. entities    parse                  -> entities      entities.find_entities
       3d. quotes      parse, entities        -> quotes        quotes.find_quotes
       3e. dates       sentences              -> dates         dates.find_dates
       3f. keyphrases  sentences, parse       -> keyphrases    keyphrases.find_keyphrases
       3g. redundancy  sentences, parse       -> redundancy    redundancy.measure_redundancy
    4. compose     all of the above           -> Brief         compose.compose_brief

Across articles, clustering (5) lives in the stories/ package and works on finished briefs.

A stage is a plain record: a name, a function from Work to Work, and the Work fields it
requires and provides. `Pipeline` checks the wiring once, when it is built; a caller swaps a
stage by passing another tuple of stages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from nutgraf.engine import (
    compose,
    dates,
    entities,
    extract,
    keyphrases,
    nlp,
    quotes,
    redundancy,
    roles,
)
from nutgraf.engine import sentences as sentence_split
from nutgraf.engine.errors import PipelineError
from nutgraf.engine.records import (
    Analysis,
    Article,
    Brief,
    DateMention,
    Entity,
    Keyphrase,
    Quote,
    Redundancy,
    Sentence,
    Source,
)


@dataclass(frozen=True, slots=True)
class Options:
    """What a caller may tune; the defaults are what the CLI and the site use."""

    points: int = 7
    summary_words: int = 60
    description_chars: int = 160


@dataclass(frozen=True, slots=True)
class Work:
    """The state one article carries through the stages; every stage returns a new Work."""

    source: Source
    options: Options = Options()
    article: Article | None = None
    sentences: tuple[Sentence, ...] | None = None
    parse: nlp.Parse | None = None
    entities: tuple[Entity, ...] | None = None
    quotes: tuple[Quote, ...] | None = None
    dates: tuple[DateMention, ...] | None = None
    keyphrases: tuple[Keyphrase, ...] | None = None
    redundancy: Redundancy | None = None
    unsupported: tuple[str, ...] = ()
    brief: Brief | None = None


T = TypeVar("T")

WORK_FIELDS = frozenset(f.name for f in fields(Work))


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Work], Work]
    requires: frozenset[str]
    provides: frozenset[str]


def _stage(name: str, run: Callable[[Work], Work], requires: str = "", provides: str = "") -> Stage:
    return Stage(name, run, frozenset(requires.split()), frozenset(provides.split()))


def _need(value: T | None, name: str) -> T:
    if value is None:  # only reachable when a custom stage tuple skips a provider
        raise PipelineError(f"The stage needs {name!r}, which no earlier stage provided.")
    return value


def _extract(work: Work) -> Work:
    return replace(work, article=extract.extract_article(work.source))


def _sentences(work: Work) -> Work:
    article = _need(work.article, "article")
    return replace(work, sentences=sentence_split.split_sentences(article.text, article.language))


def _roles(work: Work) -> Work:
    return replace(work, sentences=roles.mark_roles(_need(work.sentences, "sentences")))


def _parse(work: Work) -> Work:
    article = _need(work.article, "article")
    sentences = _need(work.sentences, "sentences")
    if not nlp.supports(article.language):
        reason = f"language {article.language!r} has no model installed"
        skipped = tuple(f"{part}: {reason}" for part in nlp.MODEL_ANALYSES)
        return replace(work, parse=None, unsupported=work.unsupported + skipped)
    parse = nlp.parse_sentences(article.text, sentences, needs_syntax=quotes.needs_syntax)
    return replace(work, parse=parse)


def _entities(work: Work) -> Work:
    if work.parse is None:
        return replace(work, entities=())
    return replace(work, entities=entities.find_entities(work.parse))


def _quotes(work: Work) -> Work:
    if work.parse is None:
        return replace(work, quotes=())
    return replace(work, quotes=quotes.find_quotes(work.parse, _need(work.entities, "entities")))


def _dates(work: Work) -> Work:
    article = _need(work.article, "article")
    sentences = _need(work.sentences, "sentences")
    if not dates.supports(article.language):
        note = f"dates: language {article.language!r} is not supported"
        return replace(work, dates=(), unsupported=(*work.unsupported, note))
    return replace(work, dates=dates.find_dates(sentences, article.published))


def _keyphrases(work: Work) -> Work:
    article = _need(work.article, "article")
    sentences = _need(work.sentences, "sentences")
    found = keyphrases.find_keyphrases(sentences, work.parse, language=article.language)
    return replace(work, keyphrases=found)


def _redundancy(work: Work) -> Work:
    article = _need(work.article, "article")
    sentences = _need(work.sentences, "sentences")
    measured = redundancy.measure_redundancy(sentences, article.language, work.parse)
    return replace(work, redundancy=measured)


def _compose(work: Work) -> Work:
    article = _need(work.article, "article")
    analysis = Analysis(
        sentences=_need(work.sentences, "sentences"),
        entities=_need(work.entities, "entities"),
        quotes=_need(work.quotes, "quotes"),
        dates=_need(work.dates, "dates"),
        keyphrases=_need(work.keyphrases, "keyphrases"),
        redundancy=_need(work.redundancy, "redundancy"),
        unsupported=work.unsupported,
    )
    brief = compose.compose_brief(
        work.source,
        article,
        analysis,
        points=work.options.points,
        summary_words=work.options.summary_words,
        description_chars=work.options.description_chars,
    )
    return replace(work, brief=brief)


DEFAULT_STAGES: tuple[Stage, ...] = (
    _stage("extract", _extract, "source", "article"),
    _stage("sentences", _sentences, "article", "sentences"),
    _stage("roles", _roles, "sentences", "sentences"),
    _stage("parse", _parse, "article sentences", "parse"),
    _stage("entities", _entities, "parse", "entities"),
    _stage("quotes", _quotes, "parse entities", "quotes"),
    _stage("dates", _dates, "article sentences", "dates"),
    _stage("keyphrases", _keyphrases, "article sentences parse", "keyphrases"),
    _stage("redundancy", _redundancy, "article sentences parse", "redundancy"),
    _stage(
        "compose",
        _compose,
        "article sentences entities quotes dates keyphrases redundancy",
        "brief",
    ),
)


class Pipeline:
    """An ordered, checked tuple of stages."""

    def __init__(self, stages: Sequence[Stage] = DEFAULT_STAGES) -> None:
        available = {"source", "options", "unsupported"}
        for stage in stages:
            unknown = (stage.requires | stage.provides) - WORK_FIELDS
            if unknown:
                raise PipelineError(f"Stage {stage.name!r} names unknown fields {sorted(unknown)}.")
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"Stage {stage.name!r} requires {sorted(missing)}, "
                    "which no earlier stage provides."
                )
            available |= stage.provides
        self.stages = tuple(stages)

    def run(self, source: Source, options: Options = Options()) -> Work:
        work = Work(source=source, options=options)
        for stage in self.stages:
            work = stage.run(work)
        return work


def brief_from_source(source: Source, options: Options = Options()) -> Brief:
    """Run the default pipeline on ingested input and return its brief."""
    return _need(Pipeline().run(source, options).brief, "brief")
