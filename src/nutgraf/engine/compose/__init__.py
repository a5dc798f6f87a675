"""Compose: the brief from the analysis. Deterministic and extractive.

Every sentence the brief shows comes from the source, possibly trimmed, and every item cites
the sentences it rests on. Before an item is kept it passes the support check
(grounding.check_support) against its own citations; an item that fails is dropped, never
shown. An abstractive backend (an OpenAI-compatible endpoint) can later produce the texts
instead, behind that same check: it would replace the `text` of items, never their `sources`.
"""

from __future__ import annotations

import math
from typing import TypeVar

from nutgraf.engine.compose.category import choose_category
from nutgraf.engine.compose.faq import compose_faq
from nutgraf.engine.compose.key_points import compose_key_points
from nutgraf.engine.compose.ranking import rank_facts
from nutgraf.engine.compose.sections import compose_sections
from nutgraf.engine.compose.summary import compose_description, compose_summary
from nutgraf.engine.compose.timeline import compose_timeline
from nutgraf.engine.grounding import check_support
from nutgraf.engine.records import (
    Analysis,
    Article,
    Brief,
    FaqItem,
    KeyPoint,
    Redundancy,
    Sentence,
    Source,
    SourceInfo,
    Stats,
)
from nutgraf.engine.terms import sentence_terms, term_weights, tokenize

WORDS_PER_MINUTE = 230

__all__ = ["compose_brief"]


Item = TypeVar("Item", KeyPoint, FaqItem)


def _grounded(
    items: tuple[Item, ...], text_of: str, sentences: tuple[Sentence, ...]
) -> tuple[Item, ...]:
    weights = term_weights([sentence_terms(s.text) for s in sentences])
    return tuple(
        item
        for item in items
        if check_support(getattr(item, text_of), sentences, item.sources, weights=weights).supported
    )


def _body_only(redundancy: Redundancy, body: frozenset[int]) -> Redundancy:
    """The redundancy record with every non-body sentence counted as filler, so that no fact,
    summary sentence or answer rests on one."""
    facts = tuple(
        kept for fact in redundancy.facts if (kept := tuple(i for i in fact if i in body))
    )
    groups = tuple(
        g
        for g in (tuple(i for i in group if i in body) for group in redundancy.groups)
        if len(g) > 1
    )
    clutter = {i for fact in redundancy.facts for i in fact} - body
    filler = tuple(sorted(set(redundancy.filler_ids) | clutter))
    return Redundancy(groups, redundancy.redundant_ids, filler, facts, redundancy.density)


def _stats(article: Article, sentences: tuple[Sentence, ...], redundancy: Redundancy) -> Stats:
    words = len(tokenize(article.text))
    return Stats(
        sentences=len(sentences),
        words=words,
        redundant_sentences=len(redundancy.redundant_ids),
        filler_sentences=len(redundancy.filler_ids),
        distinct_facts=len(redundancy.facts),
        information_density=redundancy.density,
        reading_time_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
    )


def compose_brief(
    source: Source,
    article: Article,
    analysis: Analysis,
    *,
    points: int = 7,
    summary_words: int = 60,
    description_chars: int = 160,
) -> Brief:
    """The brief for one analysed article."""
    sentences = analysis.sentences
    measured = analysis.redundancy or Redundancy((), (), (), tuple((s.id,) for s in sentences), 1.0)
    # Items are built from the article's prose only: captions, datelines, bylines and other
    # page clutter (Sentence.role) stay in `sentences` for the source view, never in an item.
    body = tuple(s for s in sentences if s.role == "body")
    redundancy = _body_only(measured, frozenset(s.id for s in body))
    ranked = rank_facts(sentences, redundancy)
    summary, summary_sources = compose_summary(sentences, ranked, summary_words)
    key_points = _grounded(
        compose_key_points(sentences, ranked, points, analysis.quotes), "text", sentences
    )
    # The page says each thing once: what the summary and the key points carry (their
    # sentences and every restatement of the same facts) is not said again by the FAQ or
    # the sections.
    carried = set(summary_sources) | {i for point in key_points for i in point.sources}
    group_of = {i: fact for fact in redundancy.facts for i in fact}
    shown = frozenset(j for i in carried for j in group_of.get(i, (i,)))
    faq = _grounded(
        compose_faq(
            sentences,
            ranked,
            analysis.entities,
            analysis.quotes,
            frozenset(redundancy.filler_ids),
            shown,
            article.title,
        ),
        "answer",
        sentences,
    )
    answered = {j for item in faq for i in item.sources for j in group_of.get(i, (i,))}
    rest = [
        fact[0]
        for fact in redundancy.facts
        if fact[0] not in shown and fact[0] not in answered and sentences[fact[0]].role == "body"
    ]
    return Brief(
        source=SourceInfo(
            location=source.location,
            url=article.url or source.url,
            site_name=article.site_name,
            author=article.author,
            published=article.published,
            language=article.language,
        ),
        title=article.title,
        category=choose_category(article.section, article.title, body),
        summary=summary,
        summary_sources=summary_sources,
        description=compose_description(summary, description_chars),
        key_points=key_points,
        faq=faq,
        sections=compose_sections(sentences, article.headings, analysis.keyphrases, sorted(rest)),
        entities=analysis.entities,
        quotes=analysis.quotes,
        keyphrases=analysis.keyphrases,
        timeline=compose_timeline(sentences, analysis.dates, redundancy),
        stats=_stats(article, sentences, measured),
        sentences=sentences,
        unsupported=analysis.unsupported,
        tags=article.tags,
    )
