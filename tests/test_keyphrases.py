"""Keyphrases say what the article is about: specific phrases over lone common nouns, and
noun phrases that stop where a clause's verb begins."""

from __future__ import annotations

from nutgraf.engine import brief

from .conftest import SAMPLES


def phrases(name: str) -> list[str]:
    return [k.text for k in brief(SAMPLES / "site" / name).keyphrases]


def test_a_lone_common_noun_ranks_below_what_the_story_is_about():
    found = phrases("transit-levy-vote.html")
    assert found.index("new transit levy") < 3
    for common in ("city", "votes", "residents"):
        assert common not in found[:3]
    battery = phrases("brightwater-battery-plant.html")
    assert "company" not in battery and "profit" not in battery


def test_a_participle_after_a_noun_ends_the_phrase():
    # "A study ... measured water levels": "measured" is the verb, not part of a phrase
    found = phrases("harbour-line-flood-defences.html")
    assert not [p for p in found if "measured" in p]


GERMAN = (
    "Die Stadt Hamburg hat am Montag einen neuen Hafenplan beschlossen. Der Plan sieht vor, "
    "dass bis 2030 drei neue Terminals gebaut werden. Bürgermeister Peter Tschentscher sagte, "
    "die Stadt investiere zwei Milliarden Euro. Die Opposition kritisierte die Kosten. Der "
    "Senat will im Herbst über die Finanzierung entscheiden."
)


def test_another_languages_frequent_words_end_its_phrases():
    """Without a model for German, phrases are runs between stop words: German's own most
    frequent words ("die", "hat", "dass") count as stop words, not only English ones."""
    from nutgraf.engine import brief_from_text

    made = brief_from_text(GERMAN)
    assert made.source.language == "de"
    found = [k.text for k in made.keyphrases]
    assert "Stadt Hamburg" in found
    edges = {w for k in found for w in (k.split()[0].lower(), k.split()[-1].lower())}
    assert not edges & {"die", "der", "hat", "dass", "am", "bis"}, found


def test_a_language_wordfreq_reads_only_with_mecab_gets_no_traceback() -> None:
    # wordfreq tokenises Japanese and Korean with MeCab, an optional extra we do not install:
    # their words count as specific, as in a language wordfreq does not know.
    from nutgraf.engine.terms import is_specific

    assert is_specific("사생활", "ko") and is_specific("記事", "ja")
    assert not is_specific("the", "en")
