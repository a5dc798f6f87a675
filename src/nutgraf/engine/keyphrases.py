"""Keyphrases: the few noun phrases that say what an article is about.

Candidates are the model's noun chunks (English) or, without a model, runs of words between
stop words and punctuation (any language). A candidate scores by how often its words occur,
how early it first appears and how specific it is (names and multi-word phrases beat single
common nouns). Phrases contained in a better one are dropped.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import top_n_list

from nutgraf.engine.nlp import Parse
from nutgraf.engine.records import Keyphrase, Sentence
from nutgraf.engine.terms import GENERIC_WORDS, STOP_WORDS, is_specific, stem, tokenize

MAX_KEYPHRASES = 10
#: How many of a language's most frequent words count as its stop words (see stop_words).
FREQUENT_AS_STOP_WORDS = 200
#: A lone common noun (more frequent than terms.SPECIFIC_ZIPF) scores at this share.
COMMON_WORD_FACTOR = 0.5
_LEADING = re.compile(
    r"^(?:the|a|an|this|that|these|those|its|their|his|her|our|some|many|"
    r"about|around|roughly|more|most|other|such|every|each|all)\s+",
    re.I,
)
_SPLIT = re.compile(r"[,.;:!?()\[\]\"“”‘’—–]|\s-\s")


@dataclass
class _Candidate:
    forms: dict[str, int] = field(default_factory=dict)
    sentence_ids: set[int] = field(default_factory=set)
    first: int = 10**9
    count: int = 0
    proper: bool = False


def _clean_phrase(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip(" '’"))
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text)
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def _phrase_key(text: str) -> str:
    return " ".join(stem(w) for w in tokenize(text.lower()))


_NAMED = frozenset("PERSON ORG GPE LOC FAC NORP EVENT PRODUCT WORK_OF_ART LAW".split())


_CHUNK_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBN", "VBG"})
_HEAD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_PARTICIPLES = frozenset({"HYPH", "VBN", "VBG"})


def _candidates_from_parse(parse: Parse) -> list[tuple[str, int, bool]]:
    """Named entities whole, and noun phrases (adjectives and nouns ending in a noun) found by
    their tags; figures and dates are never part of a phrase. A participle after a noun is the
    verb of a clause ("the study measured water levels"), so it ends the phrase."""
    doc = parse.doc
    found = [(e.text, e.start_char, True) for e in doc.ents if e.label_ in _NAMED]

    def flush(run: list[int]) -> None:
        while run and doc[run[-1]].tag_ not in _HEAD_TAGS:
            run.pop()  # a phrase ends in its noun
        while run and doc[run[0]].tag_ in _PARTICIPLES:
            run.pop(0)
        if run:
            span = doc[run[0] : run[-1] + 1]
            found.append((span.text, span.start_char, False))

    run: list[int] = []
    for token in doc:
        in_chunk = token.tag_ in _CHUNK_TAGS and not token.ent_type_
        verb_after_noun = token.tag_ in _PARTICIPLES and run and doc[run[-1]].tag_ in _HEAD_TAGS
        if in_chunk and not verb_after_noun:
            run.append(token.i)
            continue
        flush(run)
        run = []
    flush(run)
    return found


@lru_cache(maxsize=64)
def stop_words(language: str | None) -> frozenset[str]:
    """English stop words, and for another language also its most frequent words (wordfreq
    ships those lists for about 40 languages): "die", "hat", "dass" end a German phrase."""
    code = (language or "en").split("-")[0].lower()
    if code == "en":
        return STOP_WORDS
    try:
        return STOP_WORDS | frozenset(top_n_list(code, FREQUENT_AS_STOP_WORDS))
    except LookupError:  # a language wordfreq does not know
        return STOP_WORDS


def _candidates_from_text(
    sentences: Sequence[Sentence], stop: frozenset[str]
) -> list[tuple[str, int, bool]]:
    found = []
    for sentence in sentences:
        for part in _SPLIT.split(sentence.text):
            run: list[str] = []
            for word in [*part.split(), ""]:
                if word and word.lower() not in stop and not word.isdigit():
                    run.append(word)
                    continue
                if run and len(run) <= 4:
                    phrase = " ".join(run)
                    proper = any(w[:1].isupper() for w in run[1:]) or (
                        len(run) == 1
                        and (run[0][:1].isupper() and part.strip().split()[0] != run[0])
                    )
                    found.append((phrase, sentence.start + sentence.text.find(phrase), proper))
                run = []
    return found


def find_keyphrases(
    sentences: Sequence[Sentence],
    parse: Parse | None,
    limit: int = MAX_KEYPHRASES,
    *,
    language: str | None = "en",
) -> tuple[Keyphrase, ...]:
    """The article's best keyphrases, best first, each with the sentences that contain it.
    `language` says which word frequencies tell a common word (none known: none is common)."""
    if not sentences:
        return ()
    stop = stop_words(language)
    raw = (
        _candidates_from_parse(parse)
        if parse is not None
        else _candidates_from_text(sentences, stop)
    )
    total = sentences[-1].end or 1
    starts = [s.start for s in sentences]
    candidates: dict[str, _Candidate] = defaultdict(_Candidate)
    for text, offset, proper in raw:
        phrase = _clean_phrase(text)
        words = tokenize(phrase)
        content = [w for w in words if w.lower() not in stop]
        if not content or len(words) > 5 or len(phrase) < 3:
            continue
        if all(w.lower() in GENERIC_WORDS for w in content):
            continue
        key = _phrase_key(phrase)
        candidate = candidates[key]
        candidate.forms[phrase] = candidate.forms.get(phrase, 0) + 1
        candidate.count += 1
        candidate.first = min(candidate.first, offset)
        candidate.proper = candidate.proper or proper
        sentence_index = max(0, bisect.bisect_right(starts, offset) - 1)
        candidate.sentence_ids.add(sentences[sentence_index].id)

    word_frequency: dict[str, int] = defaultdict(int)
    for key, candidate in candidates.items():
        for word in key.split():
            word_frequency[word] += candidate.count

    scored = []
    for key, candidate in candidates.items():
        words = key.split()
        spread = sum(math.log1p(word_frequency[w]) for w in words) / len(words)
        position = 1.0 + 1.0 / (1.0 + 5.0 * candidate.first / total)
        specificity = (1.0 + 0.3 * min(len(words) - 1, 2)) * (1.3 if candidate.proper else 1.0)
        lone_noun = len(words) == 1 and not candidate.proper
        if lone_noun and not is_specific(_single_form(candidate), language or "en"):
            specificity *= COMMON_WORD_FACTOR  # "city", "company", "talks": true, but says little
        score = math.log1p(candidate.count) * spread * position * specificity
        form = max(
            candidate.forms.items(),
            key=lambda item: (not (item[0].isupper() and len(item[0]) > 4), item[1], -len(item[0])),
        )[0]
        scored.append((score, key, form, candidate))
    scored.sort(key=lambda item: -item[0])

    best = scored[0][0] if scored else 1.0
    chosen: list[tuple[float, str, str, _Candidate]] = []
    for item in scored:
        score, key = item[0], item[1]
        overlapping = [c for c in chosen if _within(key, c[1]) or _within(c[1], key)]
        if not overlapping:
            chosen.append(item)
        elif (
            len(overlapping) == 1
            and _within(overlapping[0][1], key)
            and score >= 0.5 * overlapping[0][0]
        ):
            # "Port of Halden" is a better keyphrase than the "Halden" inside it
            chosen[chosen.index(overlapping[0])] = (overlapping[0][0], key, item[2], item[3])
        if len(chosen) == limit:
            break
    return tuple(
        Keyphrase(form, round(score / best, 3), tuple(sorted(candidate.sentence_ids)))
        for score, _, form, candidate in chosen
    )


def _single_form(candidate: _Candidate) -> str:
    """The commonest written form of a one-word candidate, lower-cased."""
    return max(candidate.forms.items(), key=lambda item: item[1])[0].lower()


def _within(inner: str, outer: str) -> bool:
    """Whole-word containment of one phrase key in another."""
    return f" {inner} " in f" {outer} "
