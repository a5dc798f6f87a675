"""A small language guesser for the languages nutgraf meets most: en, de, fr, es, it, pt, nl.

Each language has a profile of very frequent function words, chosen so that the profiles overlap
little. A text scores, per language, the share of its words found in that profile; the best
language wins only when enough words were seen and it leads the runner-up clearly. Otherwise
the answer is None: callers treat an unknown language as "no language-specific analysis".
"""

from __future__ import annotations

import re
from collections import Counter

_WORDS: dict[str, str] = {
    "en": (
        "the and of to in is that it was for on are with as his they be at by this had from "
        "have not but what all were when we there can an which their said if will would been "
        "has more who its into than them these could after also other over such only just "
        "about should because most through while where those does how our first any"
    ),
    "de": (
        "der die das und ist nicht ein eine einer einen dem den des sich mit auf für von zu "
        "im auch es sie wir ich wird werden wurde hat haben sind war nach bei aus noch wie "
        "oder aber nur über dass daß vor schon kann können zum zur unter mehr durch diese "
        "dieser gegen sein seine ihre man wenn"
    ),
    "fr": (
        "le la les et est des du un une dans pour pas que qui sur au aux avec ce cette ces "
        "il elle ils sont par plus ne se sa son ses leur été être fait mais ou nous vous "
        "comme tout aussi très entre depuis sans était avait deux après dont peut même"
    ),
    "es": (
        "el la los las y es del en que por para con una un se no su sus al lo como más pero "
        "fue ha son está este esta estos entre también muy sin sobre hay desde cuando ya "
        "todo donde durante porque años ser han otros era tiene hasta"
    ),
    "it": (
        "il lo la gli le di che è e per non un una del della dei delle nel nella con sono "
        "alla al da ha anche come più ma si suo sua questo questa stato essere dopo degli "
        "tra fra loro molto ancora quando sul sulla hanno era può tutti"
    ),
    "pt": (
        "o a os as e é do da dos das em no na nos nas um uma que para com não por se mais "
        "foi como mas ao à ser são está seu sua também pelo pela já entre sobre quando "
        "muito depois ainda ter tem há isso até anos"
    ),
    "nl": (
        "de het een en van in is dat op te zijn voor met niet die aan er ook als bij door "
        "maar om dan nog wel naar uit worden wordt werd heeft hebben was over zo geen "
        "deze dit ze zich tot kan meer jaar tegen omdat toch"
    ),
}

_PROFILES = {code: frozenset(words.split()) for code, words in _WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_WORDS = 8
MIN_SHARE = 0.12
MIN_LEAD = 1.3


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is short or unclear."""
    words = [word.lower() for word in _WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)
    scores = {
        code: sum(n for word, n in counts.items() if word in profile) / len(words)
        for code, profile in _PROFILES.items()
    }
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SHARE or top < second * MIN_LEAD:
        return None
    return best
