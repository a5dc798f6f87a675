"""The story's category: the site's own section when the page names one, else a suggestion.

The suggestion counts topic words (stemmed, so "elections" and "elected" both count) and takes
the category with the most evidence; with too little evidence the story is "General".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from nutgraf.engine.records import Sentence
from nutgraf.engine.terms import stem, tokenize

GENERAL = "General"
MIN_EVIDENCE = 3

_TOPIC_WORDS: dict[str, str] = {
    "Politics": """election elections vote voters campaign parliament congress senate senator
        minister government president party lawmakers legislation bill policy opposition
        coalition democrat republican governor mayor cabinet referendum ballot""",
    "World": """foreign diplomat diplomatic embassy ambassador united nations treaty border
        sanctions ceasefire war military troops invasion refugees summit nato international""",
    "Business": """company companies market markets shares stock investors profit revenue
        earnings economy economic inflation bank banks trade prices sales chief executive ceo
        merger acquisition jobs workers union strike industry shipping port containers
        billion million percent tariff""",
    "Technology": """technology software app apps internet online data digital computer ai
        artificial intelligence startup smartphone chip chips cyber hackers platform algorithm
        automation robots""",
    "Science": """scientists research researchers study studies space nasa physics biology
        species discovery experiment laboratory telescope planet fossil""",
    "Health": """health hospital hospitals patients doctors disease virus vaccine medical
        medicine treatment cancer covid pandemic nurses drug drugs clinic outbreak""",
    "Sports": """match game season team teams coach player players league cup championship
        tournament goal goals score scored win won victory olympic football soccer tennis""",
    "Entertainment": """film films movie movies music album singer actor actress festival
        show television series celebrity concert award awards oscar""",
    "Environment": """climate emissions carbon pollution environmental wildlife flood floods
        drought wildfire wildfires renewable energy warming storm hurricane""",
    "Crime & Justice": """police court judge trial charged arrested prosecutors lawsuit crime
        murder jail prison sentenced investigation fraud verdict""",
    "Education": """school schools students teachers university universities education
        college pupils exam exams campus""",
}
_STEMS: dict[str, frozenset[str]] = {
    category: frozenset(stem(word) for word in words.split())
    for category, words in _TOPIC_WORDS.items()
}
CATEGORIES = (*_TOPIC_WORDS, GENERAL)


def suggest_category(title: str, sentences: Sequence[Sentence]) -> str:
    """The best-supported category for the text; the title counts three times."""
    counts: Counter[str] = Counter()
    for text, weight in [(title, 3)] + [(s.text, 1) for s in sentences]:
        for word in tokenize(text.lower()):
            stemmed = stem(word)
            for category, stems in _STEMS.items():
                if stemmed in stems:
                    counts[category] += weight
    if not counts:
        return GENERAL
    category, evidence = counts.most_common(1)[0]
    return category if evidence >= MIN_EVIDENCE else GENERAL


def choose_category(section: str | None, title: str, sentences: Sequence[Sentence]) -> str:
    if section and section.strip():
        return section.strip()[:60].title() if section.strip().islower() else section.strip()[:60]
    return suggest_category(title, sentences)
