"""Across articles: which sentences one article copied from another, which facts it states
again in other words, and which it adds. Built on facts.py (what one sentence asserts, and
whether two state one fact); this module only adds what comparing whole articles needs.

    read_article(sentences) -> ArticleFacts   an article's claims, facts, quotations, word runs
    copied_share(a, b)                        share of a's sentences copied from b
    stated_in(claim, article, weights)        the article already says what the claim says
    restated_by(claim, article, weights)      the one sentence of it that says it, if one does
    mutual_overlap(a, b, weights)             overlap of two sentences relative to the larger
    shares_quotation(ours, theirs)            one quotation, whole or cut, in both
    new_to(claim, items)                      the claim brings a checkable item (a name, figure,
                                              date or quotation) no earlier article gave

Three choices, each for a kind of page that would otherwise be misread:

    - The body's sentences only (Sentence.role): a caption, a byline or a "read more" list
      states nothing of the article's own.
    - A sentence is a fact to add only when facts.asserts_fact says so, it is no question, and
      it does not merely point back at the story ("This scrutiny follows ...", "This isn't
      just a hypothetical scenario"): padding's favourite opening, which says nothing new
      unless it gives a figure or a date.
    - Quotations settle it: the same words in quotation marks are the same statement
      (independent reports quote one memo alike), and words of a quotation no earlier article
      has are someone's new statement. Copied sentences are counted outside quotations for
      the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from nutgraf.engine.facts import (
    Claim,
    Known,
    adds_checkable,
    asserts_fact,
    read_claims,
    restates,
    same_fact,
)
from nutgraf.engine.records import Entity, Sentence
from nutgraf.engine.stories.signatures import shingle_words
from nutgraf.engine.terms import Terms, Weights, weighted_overlap

#: Words per run when telling a copied sentence: short enough to survive a changed word or
#: two, long enough that two reports rarely share one outside a quotation.
RUN_WORDS = 4
#: A sentence is copied when at least this share of its word runs are in the other article.
COPIED_RUNS = 0.5
#: Content words a sentence needs before it is compared with another as one fact, and how
#: many of them must be other than names.
COMPARABLE_WORDS = 5
COMPARABLE_OTHER_WORDS = 3
#: Overlap relative to the larger of two sentences that one sentence needs to restate another.
MUTUAL = 0.3
#: A quotation this long (in words) identifies a statement.
QUOTE_WORDS = 4
#: Two sentences differing only in a name (a misspelling, a machine translation: "Loomer"
#: and "Rumer"), with this much of the rest in common, say one thing.
NAME_VARIANT = 0.7

_QUOTATION = re.compile(r"[\"“]([^\"”]+)[\"”]")


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What one article says, read once for every comparison."""

    ids: tuple[int, ...]  # sentence id of each claim
    claims: tuple[Claim, ...]  # every body sentence, in reading order
    facts: tuple[int, ...]  # positions in `claims` of the facts it may add
    quotes: frozenset[str]  # its quotations of QUOTE_WORDS or more, normalised
    runs: tuple[frozenset[tuple[str, ...]], ...]  # word runs of each sentence, quotes left out
    all_runs: frozenset[tuple[str, ...]]
    said: Known  # everything its sentences say, gathered once for every comparison


def read_article(sentences: Sequence[Sentence], entities: Sequence[Entity] = ()) -> ArticleFacts:
    """An article's claims; `entities` (its brief's, when known) tell a sentence that opens with
    a name ("Ratcliffe acknowledged ...") from one that opens with nobody in particular."""
    body = [s for s in sentences if s.role == "body"]
    named: dict[int, set[str]] = {}
    for entity in entities:
        words = {w for m in (entity.name, *entity.mentions) for w in m.split() if w[:1].isupper()}
        for sentence_id in entity.sentence_ids:
            named.setdefault(sentence_id, set()).update(words)
    claims = tuple(
        _named(claim, named.get(s.id, set()))
        for s, claim in zip(body, read_claims([s.text for s in body]), strict=True)
    )
    facts = tuple(i for i, claim in enumerate(claims) if adds_fact(claim))
    quotes = frozenset(q for claim in claims for q in quotations(claim.text))
    runs = tuple(_runs(s.text) for s in body)
    return ArticleFacts(
        ids=tuple(s.id for s in body),
        claims=claims,
        facts=facts,
        quotes=quotes,
        runs=runs,
        all_runs=frozenset(run for own in runs for run in own),
        said=Known(claims),
    )


def _named(claim: Claim, names: set[str]) -> Claim:
    """The claim with its actor named when its first word is an entity's (the lexical reading
    counts no capital at a sentence's start as a name: "Hegseth gave the participants ...")."""
    if claim.actor or not names:
        return claim
    first = re.match(r"\W*([\w'’.-]+)", claim.text)
    if first is None or first.group(1) not in names:
        return claim
    return replace(claim, actor="named")


def adds_fact(claim: Claim) -> bool:
    """A sentence that can bring a fact to the story (see the module docstring)."""
    if not asserts_fact(claim) or claim.text.rstrip().endswith("?"):
        return False
    return claim.actor != "deictic" or bool(claim.figures or claim.dates or claim.quoted)


def quotations(text: str) -> set[str]:
    """The quotations of `text` that are long enough to identify a statement, normalised."""
    found = set()
    for quoted in _QUOTATION.findall(text):
        words = shingle_words(quoted)
        if len(words) >= QUOTE_WORDS:
            found.add(" ".join(words))
    return found


def shares_quotation(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Do two sets of quotations hold one quotation, whole or cut (a report quoting part of a
    memo another quotes whole)? Word boundaries count: quotations are normalised words."""
    theirs = [f" {q} " for q in theirs]
    return any(f" {q} " in t or t in f" {q} " for q in ours for t in theirs)


def _runs(text: str) -> frozenset[tuple[str, ...]]:
    words = shingle_words(_QUOTATION.sub(" ", text))
    return frozenset(tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1))


def copied_share(a: ArticleFacts, b: ArticleFacts) -> float:
    """Share of a's sentences (those with at least three word runs outside quotations) whose
    runs are mostly found in b."""
    counted = [own for own in a.runs if len(own) >= 3]
    if not counted:
        return 0.0
    copied = sum(1 for own in counted if len(own & b.all_runs) >= COPIED_RUNS * len(own))
    return copied / len(counted)


def stated_in(claim: Claim, article: ArticleFacts, weights: Weights) -> bool:
    """Does `article` already say what `claim` says?

    Yes when they share a quotation, when one of its sentences differs from the claim only in
    a name, or when, the claim naming nothing and stating no figure or date the article lacks,
    one of its sentences states the same fact or the claim only restates it (facts.py).
    """
    if shares_quotation(quotations(claim.text), article.quotes):
        return True
    if any(_name_variant(claim, other, weights) for other in article.claims):
        return True
    if adds_checkable(claim, article.said):
        return False
    if any(same_fact(claim, other, weights) for other in article.claims):
        return True
    return restates(claim, article.said)


def restated_by(claim: Claim, article: ArticleFacts, weights: Weights) -> int | None:
    """Position in `article.claims` of the one sentence that states what `claim` states (the
    same quotation, the same fact, or the same words but a name), the most alike first; None
    when no single sentence does (the article may still state it across several)."""
    quotes = quotations(claim.text)
    best, best_score = None, 0.0
    for position, other in enumerate(article.claims):
        shared_quote = shares_quotation(quotes, quotations(other.text))
        if not (
            shared_quote
            or (
                _comparable(claim, other)
                and same_fact(claim, other, weights)
                and mutual_overlap(claim.terms, other.terms, weights) >= MUTUAL
            )
            or _name_variant(claim, other, weights)
        ):
            continue
        score = weighted_overlap(claim.terms, other.terms, weights) + shared_quote
        if score > best_score:
            best, best_score = position, score
    return best


def new_to(claim: Claim, earlier: Iterable[ArticleFacts]) -> bool:
    """Does `claim` bring a name, figure, date or quotation that no earlier article gave?"""
    said = Known()
    quotes: set[str] = set()
    for article in earlier:
        said.stems |= article.said.stems
        quotes |= article.quotes
    return adds_checkable(claim, said) or any(
        not shares_quotation([quote], quotes) for quote in quotations(claim.text)
    )


def mutual_overlap(a: Terms, b: Terms, weights: Weights) -> float:
    """Weighted overlap relative to the larger sentence (terms.weighted_overlap's weights):
    a short line all of whose words are in a long one is not alike with it."""

    def weight(word: str, terms: Terms) -> float:
        w = max(weights.of(word), 0.1)
        return w * 2.0 if word in terms.anchors else w

    common = sum(weight(w, a) for w in a.words & b.words)
    larger = max(sum(weight(w, a) for w in a.words), sum(weight(w, b) for w in b.words))
    return common / larger if larger else 0.0


def _comparable(a: Claim, b: Claim) -> bool:
    """Sentences that say enough besides names to state one fact alike: a line of names ("How
    Jeff Bezos made peace with Donald Trump") shares a name with anything."""
    return all(
        len(c.terms.words) >= COMPARABLE_WORDS
        and len(c.terms.words - c.names - c.terms.anchors) >= COMPARABLE_OTHER_WORDS
        for c in (a, b)
    )


def _name_variant(a: Claim, b: Claim, weights: Weights) -> bool:
    only_a, only_b = a.names - b.names, b.names - a.names
    if not only_a or not only_b or a.figures != b.figures:
        return False
    names = only_a | only_b
    if len((a.terms.words & b.terms.words) - names) < 3:
        return False  # too little in common besides the names to be one sentence
    return weighted_overlap(_without(a.terms, names), _without(b.terms, names), weights) >= (
        NAME_VARIANT
    )


def _without(terms: Terms, words: frozenset[str]) -> Terms:
    return Terms(
        terms.words - words,
        terms.anchors - words,
        terms.numbers - words,
        terms.length,
        terms.specific - words,
    )
