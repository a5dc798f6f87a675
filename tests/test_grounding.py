"""The support check that every generated item passes."""

from __future__ import annotations

from nutgraf.engine.grounding import check_support
from nutgraf.engine.sentences import split_sentences

SENTENCES = split_sentences(
    "About 1,200 dock workers at the Port of Halden walked off the job on Monday. "
    "Union leader Ingrid Solberg said the plan could cut 400 jobs by 2028. "
    "Talks resume on Wednesday in Oslo."
)


def test_a_source_sentence_supports_itself() -> None:
    for sentence in SENTENCES:
        assert check_support(sentence.text, SENTENCES, (sentence.id,)).supported


def test_a_changed_figure_is_not_supported() -> None:
    result = check_support("Solberg said the plan could cut 4,000 jobs by 2028.", SENTENCES, (1,))
    assert not result.supported
    assert "4000" in result.missing


def test_a_changed_name_is_not_supported() -> None:
    result = check_support("Talks resume on Wednesday in Bergen.", SENTENCES, (2,))
    assert not result.supported


def test_the_wrong_citation_does_not_support() -> None:
    assert not check_support(SENTENCES[1].text, SENTENCES, (0,)).supported


def test_without_citation_the_best_sources_are_found() -> None:
    result = check_support("Dock workers walked off the job at the Port of Halden.", SENTENCES)
    assert result.supported
    assert result.sources[0] == 0


def test_an_empty_claim_is_not_supported() -> None:
    assert not check_support("", SENTENCES).supported
