"""Does an edited point still rest on the sentences it cites?

The engine writes every key point and FAQ answer from source sentences. An editor may reword
them; the citations stay attached, so the desk checks that the new words are still supported.
The check is deliberately simple and explainable: numbers and names must appear in the cited
sentences, and most content words must too. A point that fails gets a flag with the reason;
the editor decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?")
NUMBER = re.compile(r"\d[\d,.]*")
STOP = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours also said says say according new one two
    """.split()
)
MIN_COVERAGE = 0.6


def _stem(word: str) -> str:
    word = word.lower().strip("'’-")
    for suffix in ("'s", "’s", "ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w.lower() not in STOP]


def support_problem(*, text: str, cited: Sequence[str]) -> str | None:
    """Why `text` is not supported by the `cited` sentences, or None when it is."""
    if not text.strip():
        return None
    if not cited:
        return "cites no source sentence"
    source = " ".join(cited)
    source_numbers = {n.rstrip(".,") for n in NUMBER.findall(source)}
    for number in NUMBER.findall(text):
        if number.rstrip(".,") not in source_numbers:
            return f"the number {number.rstrip('.,')} is not in the cited sentences"
    source_stems = {_stem(w) for w in _content_words(source)}
    words = _content_words(text)
    for word in words:
        if word[0].isupper() and _stem(word) not in source_stems and word.lower() not in STOP:
            if text.startswith(word):
                continue  # sentence-initial capital is not a name
            return f"the name {word!r} is not in the cited sentences"
    if not words:
        return None
    covered = sum(1 for w in words if _stem(w) in source_stems)
    if covered / len(words) < MIN_COVERAGE:
        missing = [w for w in words if _stem(w) not in source_stems][:4]
        return "words not in the cited sentences: " + ", ".join(missing)
    return None
