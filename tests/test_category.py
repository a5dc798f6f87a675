"""The category suggestion: topic words and phrases with weights, the title counting triple."""

from __future__ import annotations

from nutgraf.engine.compose.category import GENERAL, choose_category, suggest_category
from nutgraf.engine.sentences import split_sentences


def suggest(title: str, body: str) -> str:
    return suggest_category(title, split_sentences(body))


def test_a_clear_topic_is_found():
    body = (
        "The striker scored twice as the home side won the league title. "
        "The manager praised his squad after the match."
    )
    assert suggest("Late goals settle the derby", body) == "Sports"
    body = "The band's new album tops the chart. Its single was nominated for a Grammy."
    assert suggest("Album review", body) == "Entertainment"


def test_a_two_word_phrase_counts_as_one_term():
    # "prime minister" is a politics phrase; neither word alone is in any list
    assert suggest("A long day for the prime minister", "She spoke for an hour.") == "Politics"
    assert suggest("A long day for the prime suspect", "She spoke for an hour.") == GENERAL


def test_weak_hints_alone_are_not_enough():
    # "million", "percent" and "win" are half-weight hints; a story about a lottery is not
    # business or sport on their strength
    body = "A Tessford family will win 2 million. That is 40 percent more than last year."
    assert suggest("Lucky numbers", body) == GENERAL


def test_the_title_outweighs_a_passing_mention():
    body = "Police said the fire started in the engine room. Nobody was hurt."
    assert suggest("Hospital doctors treat ferry passengers", body) == "Health"


def test_the_pages_own_section_wins():
    sentences = split_sentences("The striker scored twice. The league title is theirs.")
    assert choose_category("world news", "Derby day", sentences) == "World News"
    assert choose_category(None, "Derby day", sentences) == "Sports"
