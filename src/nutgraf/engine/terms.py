"""Content terms of a sentence: the words that carry its facts, in a form that compares well.

Shared by redundancy, keyphrases, composition and the support check, so that they all agree
on what "the same words" means. Works without the model (and so for any Latin-script text):
lower-case, drop stop words, crude suffix stemming. Numbers and capitalised words are kept
apart as *anchors*: a figure or a name rarely changes when a sentence is reworded, which makes
them the strongest evidence that two sentences report the same fact.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

STOP_WORDS = frozenset(
    """a about above after again against all almost also although always am among an and another
    any anyone anything are around as at be became because been before being below between both
    but by can could did do does doing done down during each either else even ever every few for
    from further had has have having he her here hers herself him himself his how however i if in
    into is it its itself just least less let like made make many may me might more most much must
    my myself neither no nor not now of off on once one only or other others our ours ourselves
    out over own per perhaps quite rather really same say says said see seem seemed several she
    should since so some still such than that the their theirs them themselves then there these
    they this those though through thus to too toward towards under until up upon us very via was
    we were what whatever when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves told according added noted stated also
    mr mrs ms dr its it's it’s that's that’s there's there’s""".split()
)

#: Words so general that a sentence made only of them states no fact.
GENERIC_WORDS = frozenset(
    """people person thing things way ways lot lots time times world day days story stories news
    topic topics matter matters important significant big deal many different opinions update
    updates updated everything anything something nothing everyone someone guide read find need
    know known keep care wonder wondering mean means situation develop develops development
    developments change changing changes always economy today today's fast-moving moving hard
    tell remains remain seen clear clearly sure share friends article tuned stay conclusion
    whole general course simply just really very affect affects various several certain""".split()
)

#: Figures written as words count as figures: "seven votes to four" states numbers.
NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen half third quarter""".split()
)
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:[’'.\-][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: "workers"/"worker" and "automation"/"automate" meet;
    irregular forms ("struck") do not. Equal inputs give equal outputs."""
    w = word.lower()
    if len(w) <= 4 or _NUMBER.search(w):
        return w
    for suffix in (
        "ational",
        "ations",
        "ation",
        "ments",
        "ment",
        "ings",
        "ing",
        "ers",
        "ies",
        "ied",
        "ed",
        "es",
        "er",
        "ly",
        "s",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w.rstrip("e") if len(w) > 4 else w


@dataclass(frozen=True, slots=True)
class Terms:
    """The comparable content of one sentence."""

    words: frozenset[str]  # stemmed content words, anchors included
    anchors: frozenset[str]  # numbers and capitalised words (names), stemmed
    numbers: frozenset[str]
    length: int  # words in the sentence, stop words included
    specific: frozenset[str] = frozenset()  # stems of words rare in the language at large

    @property
    def generic(self) -> bool:
        """True when the sentence names nothing, states no figure and uses only common words
        ("This is something that a lot of people care about."), or is a short line with a
        single uncommon word and nothing else ("This is a notable result.")."""
        if self.anchors:
            return False
        if not (self.specific - _GENERIC_STEMS):
            return True
        return len(self.specific) == 1 and self.length <= 6


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text)


def normalize_number(token: str) -> str:
    return token.replace(",", "").rstrip(".")


#: Words at or above this Zipf frequency (wordfreq's scale: 7 is "the", 3 is once per
#: million words) are common enough that they state no specific fact on their own.
SPECIFIC_ZIPF = 4.2


@lru_cache(maxsize=262144)
def is_specific(word: str, language: str = "en") -> bool:
    """A word rarer than SPECIFIC_ZIPF in the language; every word counts as specific in a
    language wordfreq does not know, or cannot read without an optional tokenizer (MeCab for
    Japanese and Korean), so nothing is called filler there by mistake."""
    try:
        return bool(zipf_frequency(word, language) < SPECIFIC_ZIPF)
    except ImportError:
        return True


@lru_cache(maxsize=65536)
def sentence_terms(text: str, language: str | None = "en") -> Terms:
    """The comparable content of `text`; cached, since every stage asks for the same ones."""
    lang = language or "en"
    tokens = tokenize(text)
    specific: set[str] = set()
    words: set[str] = set()
    anchors: set[str] = set()
    numbers: set[str] = set()
    for position, token in enumerate(tokens):
        lower = token.lower()
        if _NUMBER.search(token) or lower in NUMBER_WORDS:
            value = normalize_number(lower)
            numbers.add(value)
            anchors.add(value)
            words.add(value)
            continue
        if lower in STOP_WORDS or len(lower) < 2:
            continue
        stemmed = stem(lower)
        words.add(stemmed)
        if is_specific(lower, lang):
            specific.add(stemmed)
        # A capital at the start of a sentence proves nothing; elsewhere it marks a name.
        if position > 0 and token[:1].isupper():
            anchors.add(stemmed)
    return Terms(
        frozenset(words), frozenset(anchors), frozenset(numbers), len(tokens), frozenset(specific)
    )


@dataclass(frozen=True, slots=True)
class Weights:
    """Inverse document frequency of stems over a set of sentences."""

    idf: dict[str, float]
    default: float

    def of(self, word: str) -> float:
        return self.idf.get(word, self.default)


def term_weights(all_terms: Sequence[Terms]) -> Weights:
    count = Counter(word for terms in all_terms for word in terms.words)
    n = max(len(all_terms), 1)
    idf = {word: math.log((n + 1) / (df + 0.5)) for word, df in count.items()}
    return Weights(idf, math.log(n + 1) + 0.7)


def weighted_overlap(a: Terms, b: Terms, weights: Weights, anchor_boost: float = 2.0) -> float:
    """Weighted overlap of two sentences' words, 0..1, relative to the smaller sentence.

    Anchors count `anchor_boost` times: two sentences sharing "1,200", "Halden" and "Monday"
    are more alike than two sharing "said" and "plan".
    """

    def weight(word: str, terms: Terms) -> float:
        w = max(weights.of(word), 0.1)
        return w * anchor_boost if word in terms.anchors else w

    shared = a.words & b.words
    if not shared:
        return 0.0
    common = sum(weight(w, a) for w in shared)
    smaller = min(sum(weight(w, a) for w in a.words), sum(weight(w, b) for w in b.words))
    return common / smaller if smaller else 0.0


def cosine(a: Terms, b: Terms, weights: Weights) -> float:
    shared = a.words & b.words
    if not shared:
        return 0.0
    dot = sum(weights.of(w) ** 2 for w in shared)
    norm_a = math.sqrt(sum(weights.of(w) ** 2 for w in a.words))
    norm_b = math.sqrt(sum(weights.of(w) ** 2 for w in b.words))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def content_words(texts: Iterable[str]) -> Counter[str]:
    return Counter(w for text in texts for w in sentence_terms(text).words)
