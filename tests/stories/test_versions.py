"""One outlet's pages of one article (versions.py) and the cross-article tests lineage rests on
(restatements.py), on sentences of the real coverage set."""

from __future__ import annotations

import pytest

from nutgraf.engine.facts import read_claim
from nutgraf.engine.records import Sentence
from nutgraf.engine.stories.restatements import (
    copied_share,
    quotations,
    read_article,
    shares_quotation,
    stated_in,
)
from nutgraf.engine.stories.signatures import sign_text
from nutgraf.engine.stories.versions import article_address, group_versions, outlet_domain
from nutgraf.engine.terms import Weights


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.theweek.com/politics/x", "theweek.com"),
        ("https://img1-azrcdn.newser.com/story/366695/x.html", "newser.com"),
        ("https://huffingtonpost.co.uk/entry/x", "huffingtonpost.co.uk"),
        ("https://news.example.com.au/a", "example.com.au"),
        ("https://someone.substack.com/p/x", "someone.substack.com"),
        ("not a url", None),
    ],
)
def test_outlet_domain(url: str, domain: str | None) -> None:
    assert outlet_domain(url) == domain


def test_page_forms_share_an_article_address() -> None:
    canonical = "https://morn.news/watchdog-to-investigate/"
    for form in (
        "https://morn.news/watchdog-to-investigate/?amp=1",
        "https://amp.morn.news/watchdog-to-investigate/amp/",
        "https://m.morn.news/watchdog-to-investigate?utm_source=x&origin=rss",
        "https://morn.news/print/watchdog-to-investigate/",
    ):
        assert article_address(form) == article_address(canonical), form
    # an identifying query stays: two articles of one script are two articles
    assert article_address("https://a.com/news.php?id=1") != article_address(
        "https://a.com/news.php?id=2"
    )


def test_versions_are_grouped_and_other_outlets_are_not() -> None:
    text = "The Pentagon's acting inspector general announced Thursday that he would review " * 3
    other = "Vice President JD Vance visited the Pituffik Space Base in Greenland on Friday."
    urls = [
        "https://theweek.com/politics/trump-nsa",
        "https://example.org/copy-of-the-week",  # same words, another outlet: not a version
        "https://theweek.com/politics/trump-nsa?amp=1",
        "https://theweek.com/politics/another",  # same outlet, other article
        None,
    ]
    texts = [text, text, text + " Updated.", other, text]
    groups = group_versions(urls, [sign_text(t) for t in texts])
    assert groups == [[0, 2], [1], [3], [4]]


def test_a_revision_under_a_new_address_is_a_version() -> None:
    body = " ".join(
        f"Sentence {n} of the outlet's report on the firing of the agency's director."
        for n in range(12)
    )
    urls = ["https://news.example.com/a/first-slug", "https://news.example.com/a/second-slug"]
    groups = group_versions(urls, [sign_text(body), sign_text(body + " A new paragraph.")])
    assert groups == [[0, 1]]


def _article(*texts: str):
    return read_article([Sentence(n, t, 0, len(t)) for n, t in enumerate(texts)])


def test_a_shared_quotation_is_one_statement_and_quotations_are_not_copying() -> None:
    memo = (
        "“The objective of this evaluation is to determine the extent to which the Secretary of "
        "Defense complied with DoD policies,” the acting inspector general said."
    )
    ap = _article(memo, "Hegseth and other members are required by law to archive conversations.")
    npr = _article(
        "Stebbins wrote that the aim of his investigation “is to determine the extent to which the "
        "Secretary of Defense complied with DoD policies,” according to a memo."
    )
    claim = npr.claims[0]
    assert shares_quotation(quotations(claim.text), ap.quotes)
    assert stated_in(claim, ap, Weights({}, 1.0))
    assert copied_share(npr, ap) == 0.0, "the quotation is no copied sentence"


def test_a_misspelt_name_is_the_same_statement() -> None:
    bbc = _article("Trump, meanwhile, has denied that Ms Loomer played a role in the firings.")
    garbled = read_claim("Meanwhile, Trump denied that Ms. Rumer played a role in the firing.")
    assert stated_in(garbled, bbc, Weights({}, 1.0))


def test_a_new_figure_is_not_stated_before() -> None:
    near = _article("Now the Vances are visiting the Space Force base at Pituffik, 900 miles away.")
    far = read_claim("The Vances visited the Space Force outpost at Pituffik, 1,000 miles away.")
    assert not stated_in(far, near, Weights({}, 1.0))
