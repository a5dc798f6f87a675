"""Dates and relative times resolved against the article's date."""

from __future__ import annotations

import pytest

from nutgraf.engine.dates import find_dates
from nutgraf.engine.sentences import split_sentences

PUBLISHED = "2026-01-08"  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "text", "value", "end"),
    [
        ("Workers walked out on Monday.", "on Monday", "2026-01-05", None),
        ("Talks are scheduled to resume on Wednesday.", "on Wednesday", "2026-01-14", None),
        ("The union last struck in 2019.", "in 2019", "2019-01-01", "2019-12-31"),
        ("Rubio spoke this week.", "this week", "2026-01-05", "2026-01-11"),
        ("China must act within 90 days.", "within 90 days", "2026-01-08", "2026-04-08"),
        ("The deal was signed on Jan. 5, 2026.", "Jan. 5, 2026", "2026-01-05", None),
        ("By March 2025 it had lapsed.", "March 2025", "2025-03-01", "2025-03-31"),
        ("Two days ago, prices rose.", "Two days ago", "2026-01-06", None),
        ("The report is due next month.", "next month", "2026-02-01", "2026-02-28"),
        ("It happened on December 30.", "December 30", "2025-12-30", None),
        ("The meeting was held yesterday.", "yesterday", "2026-01-07", None),
        ("The vote is on 2026-02-14.", "2026-02-14", "2026-02-14", None),
    ],
)
def test_resolves_against_article_date(
    sentence: str, text: str, value: str, end: str | None
) -> None:
    found = find_dates(split_sentences(sentence), PUBLISHED)
    assert [(d.text, d.value, d.end) for d in found] == [(text, value, end)]


def test_reported_future_is_ahead() -> None:
    found = find_dates(
        split_sentences("Officials said inspectors would reach the site on Tuesday."), PUBLISHED
    )
    assert [(d.text, d.value) for d in found] == [("on Tuesday", "2026-01-13")]


def test_by_a_weekday_is_ahead() -> None:
    found = find_dates(split_sentences("A mediator will be named by Friday."), PUBLISHED)
    assert [(d.text, d.value) for d in found] == [("by Friday", "2026-01-09")]


def test_precision_is_kept_for_display() -> None:
    from nutgraf.engine.dates import precision_date

    found = find_dates(
        split_sentences("It began in 2019, peaked in March 2025 and ended on Monday."), PUBLISHED
    )
    assert [precision_date(d) for d in found] == ["2019", "2025-03", "2026-01-05"]


def test_without_article_date_relative_times_stay_unresolved() -> None:
    found = find_dates(split_sentences("Workers walked out on Monday. It began in 2019."), None)
    assert [(d.text, d.value) for d in found] == [("on Monday", None), ("in 2019", "2019-01-01")]


def test_impossible_dates_are_not_invented() -> None:
    found = find_dates(split_sentences("It was due on February 31, 2026."), PUBLISHED)
    assert all(d.value is None for d in found)
