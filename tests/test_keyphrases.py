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
