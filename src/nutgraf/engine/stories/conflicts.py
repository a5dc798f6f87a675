"""Conflicts: independent reports that state the same thing with a different figure, date or
name. Precision first: a disagreement is shown only when the two sentences plainly say one
thing and differ in one item of one kind.

Two fact sentences of different origins (two independent reports; a rewrite never conflicts
with what it rewrites) conflict when

    figure   each counts the same thing ("31 people", "nine people": the noun after the
             number) with a different number, and the rest of the sentences, figures aside,
             overlap by CONFLICT_OVERLAP and share a name
    date     each dates the same statement (the engine's resolved dates, periods aside) and
             the days differ, the rest overlapping by CONFLICT_OVERLAP
    name     each names one person or organisation of the articles' entities that the other
             does not, and the rest overlaps by NAME_OVERLAP: "Haugh" against "Timothy Haugh"
             is one name, and words that are no entity are never a name

Overlap for dates and names is relative to the larger sentence too, and every sentence
compared needs MIN_WORDS content words:
a cut-off line or a short one shares its few words with anything. A value is the item as the
sentence writes it; values equal once quotation marks, apostrophes, dots and case are folded
(NBC’s, NBC's, nbc's; U.S., US) are one value, and a conflict needs two.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence

from nutgraf.engine.records import Brief, DateMention
from nutgraf.engine.stories.lineage import Key, Trace
from nutgraf.engine.stories.records import Citation, Conflict, ConflictClaim
from nutgraf.engine.stories.restatements import mutual_overlap
from nutgraf.engine.terms import NUMBER_WORDS, STOP_WORDS, Terms, Weights, stem, weighted_overlap

Cite = Callable[[Key], Citation]

#: Overlap of everything but the disputed figure that makes two statements one (relative to
#: the smaller: the same count of the same thing, with a name in common, is specific enough).
CONFLICT_OVERLAP = 0.6
#: For dates and names, relative to the larger sentence as well: statements alike but for
#: when or who are rare, and a date or a name alone says little.
NAME_OVERLAP = 0.65
#: Content words each sentence needs besides the disputed item: a cut-off line says too
#: little to be the same statement as anything.
MIN_WORDS = 6
#: Number words as figures.
_WORD_VALUES = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "dozen": "12",
}
_FIGURE = re.compile(
    r"\b(\d+(?:[.,]\d+)*|" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True)) + r")"
    r"(?:\s+(?:more|other|of\s+the))?\s+([A-Za-z][a-z]+)",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")


def normalise_value(value: str) -> str:
    """What two values must differ in to disagree: letters and digits, case folded. Quotation
    marks, apostrophes, dots and spaces say nothing (NBC’s, NBC's; U.S., US; 1,000, 1000)."""
    value = unicodedata.normalize("NFKC", value).casefold()
    return "".join(ch for ch in value if ch.isalnum())


def find_conflicts(
    briefs: Sequence[Brief],
    trace: Trace,
    outlets: Sequence[str],
    dates: dict[Key, DateMention],
    cite: Cite,
) -> tuple[Conflict, ...]:
    """The story's conflicts, each between two or more different values, oldest first."""
    keys = [(a, i) for a, ids in enumerate(trace.facts) for i in ids]
    entities = _entity_names(briefs)
    figures = {key: _figures(cite(key).text) for key in keys}
    found: list[tuple[str, Key, str, Key, str]] = []
    for n, x in enumerate(keys):
        for y in keys[n + 1 :]:
            if x[0] == y[0] or trace.origins.get(x, x[0]) == trace.origins.get(y, y[0]):
                continue
            if not trace.claims[x].names & trace.claims[y].names:
                continue
            disagreement = _disagreement(x, y, trace, dates, entities, figures, cite)
            if disagreement is not None:
                kind, value_x, value_y = disagreement
                if normalise_value(value_x) != normalise_value(value_y):
                    found.append((kind, x, value_x, y, value_y))
    return _gathered(found, outlets, cite)


def _disagreement(
    x: Key,
    y: Key,
    trace: Trace,
    dates: dict[Key, DateMention],
    entities: dict[Key, dict[str, str]],
    figures: dict[Key, dict[str, tuple[str, str]]],
    cite: Cite,
) -> tuple[str, str, str] | None:
    cx, cy = trace.claims[x], trace.claims[y]
    shared_names = cx.names & cy.names
    if not shared_names:
        return None
    weights = trace.weights
    figures_x, figures_y = figures[x], figures[y]
    differing = sorted(
        u for u in set(figures_x) & set(figures_y) if figures_x[u][0] != figures_y[u][0]
    )
    if differing:
        unit = differing[0]
        a, b = _without(cx.terms, cx.terms.numbers), _without(cy.terms, cy.terms.numbers)
        if _alike(a, b, weights) and weighted_overlap(a, b, weights) >= CONFLICT_OVERLAP:
            return f"figure:{unit}", figures_x[unit][1], figures_y[unit][1]
        return None
    if cx.figures != cy.figures:
        return None  # figures of different things: neither one statement nor comparable
    dx, dy = dates.get(x), dates.get(y)
    if dx is not None and dy is not None and dx.value != dy.value:
        words = _date_words(dx) | _date_words(dy)
        if _alike(_without(cx.terms, words), _without(cy.terms, words), weights) >= NAME_OVERLAP:
            return "date", f"{dx.text} ({dx.value})", f"{dy.text} ({dy.value})"
        return None
    names_x, names_y = entities.get(x, {}), entities.get(y, {})
    text_x, text_y = cite(x).text.lower(), cite(y).text.lower()
    only_x = {k: v for k, v in names_x.items() if not _named_in(k, names_y, text_y)}
    only_y = {k: v for k, v in names_y.items() if not _named_in(k, names_x, text_x)}
    if len(only_x) != 1 or len(only_y) != 1:
        return None
    (kind_x, name_x), (kind_y, name_y) = _kind_name(only_x), _kind_name(only_y)
    if kind_x != kind_y:
        return None
    names = frozenset(stem(w.lower()) for w in f"{name_x} {name_y}".split())
    rest = _alike(_without(cx.terms, names), _without(cy.terms, names), weights)
    if rest >= NAME_OVERLAP:
        return "name", name_x, name_y
    return None


def _alike(a: Terms, b: Terms, weights: Weights) -> float:
    """Overlap relative to the larger sentence, 0 when either says too little (a short or
    cut-off sentence, "On Tuesday, the Houthi rebel group", is alike with nothing)."""
    if len(a.words) < MIN_WORDS or len(b.words) < MIN_WORDS:
        return 0.0
    return mutual_overlap(a, b, weights)


def _figures(text: str) -> dict[str, tuple[str, str]]:
    """unit stem -> (normalised number, the figure as written) for each counted thing."""
    found: dict[str, tuple[str, str]] = {}
    for match in _FIGURE.finditer(_TIME.sub(" ", text)):
        number, unit = match.group(1), match.group(2)
        lower = unit.lower()
        if lower in STOP_WORDS or lower in NUMBER_WORDS or _is_date_word(lower):
            continue
        value = _WORD_VALUES.get(number.lower(), number.replace(",", ""))
        if re.fullmatch(r"(?:1[89]|20)\d\d", value):
            continue  # a year
        found.setdefault(stem(lower), (value, match.group(0)))
    return found


_DATE_WORDS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday am pm a.m p.m gmt et""".split()
)


def _is_date_word(word: str) -> bool:
    return word in _DATE_WORDS


def _date_words(mention: DateMention) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in re.findall(r"[A-Za-z]+|\d+", mention.text))


def _entity_names(briefs: Sequence[Brief]) -> dict[Key, dict[str, str]]:
    """Per sentence: its people and organisations, lower-cased name -> "kind:Display Name"."""
    named: dict[Key, dict[str, str]] = defaultdict(dict)
    for a, brief in enumerate(briefs):
        for entity in brief.entities:
            if entity.kind not in {"person", "organization"} or not entity.name:
                continue
            for sentence_id in entity.sentence_ids:
                named[(a, sentence_id)][entity.name.lower()] = f"{entity.kind}:{entity.name}"
    return named


def _named_in(name: str, names: dict[str, str], text: str) -> bool:
    """Is `name` named in the other sentence: one of its entities ("haugh" where "timothy
    haugh" is, and the other way round), or its last word in its text?"""
    words = set(name.split())
    if any(words <= set(other.split()) or set(other.split()) <= words for other in names):
        return True
    return re.search(rf"\b{re.escape(name.split()[-1])}\b", text) is not None


def _kind_name(names: dict[str, str]) -> tuple[str, str]:
    kind, _, display = next(iter(names.values())).partition(":")
    return kind, display


def _without(terms: Terms, words: frozenset[str]) -> Terms:
    return Terms(
        terms.words - words,
        terms.anchors - words,
        terms.numbers - words,
        terms.length,
        terms.specific - words,
    )


def _gathered(
    found: Sequence[tuple[str, Key, str, Key, str]], outlets: Sequence[str], cite: Cite
) -> tuple[Conflict, ...]:
    """Pairs joined into conflicts, each with one claim per distinct value, its earliest
    statement: pairs sharing a sentence are one disagreement, and so are figures of the same
    counted thing ("nine people", "24 people", "31 people": one toll, told three ways)."""
    parent: dict[Key, Key] = {}

    def root(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    first_of_kind: dict[str, Key] = {}
    for kind, x, _, y, _ in found:
        parent[root(y)] = root(x)
        if kind.startswith("figure:"):
            parent[root(x)] = root(first_of_kind.setdefault(kind, x))
    groups: dict[tuple[str, Key], dict[str, tuple[Key, str]]] = defaultdict(dict)
    for kind, x, value_x, y, value_y in found:
        values = groups[(kind, root(x))]
        for key, value in ((x, value_x), (y, value_y)):
            folded = normalise_value(value)
            if folded not in values or key < values[folded][0]:
                values[folded] = (key, value)
    conflicts = []
    for (kind, _), values in groups.items():
        if len(values) < 2:
            continue
        claims = sorted(values.values())
        conflicts.append(
            Conflict(
                kind.partition(":")[0],
                tuple(ConflictClaim(value, outlets[key[0]], cite(key)) for key, value in claims),
            )
        )
    conflicts.sort(key=lambda c: c.claims[0].citation.article)
    return tuple(conflicts)
