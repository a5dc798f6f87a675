"""Reading a page right: headline, publication date, relative dates, clutter roles, timeline.

The pages and texts here are small and fictional (the real pages are in the reading benchmark,
tests/test_reading_bench.py); each shows one phenomenon the reading layer must get right.
"""

from __future__ import annotations

import pytest

from nutgraf.engine.compose.timeline import compose_timeline
from nutgraf.engine.dates import find_dates
from nutgraf.engine.extract import extract_article
from nutgraf.engine.records import Redundancy, Sentence, Source
from nutgraf.engine.roles import mark_roles, paragraph_role
from nutgraf.engine.sentences import split_sentences
from nutgraf.engine.tense import clause_tense

BODY = "".join(
    f"<p>The harbour council met for the {n}th time to debate the ferry timetable and its cost.</p>"
    for n in range(4, 9)
)


def _page(head: str, body: str = BODY, url: str | None = None) -> Source:
    html = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    return Source("page.html", html.encode(), "text/html", url=url)


# Headlines -----------------------------------------------------------------------------------


def test_site_name_suffix_and_section_prefix_are_dropped() -> None:
    head = (
        "<title>Opinion | Ferry fares rise again - The Harbour Gazette</title>"
        '<meta property="og:site_name" content="The Harbour Gazette">'
    )
    assert extract_article(_page(head)).title == "Ferry fares rise again"


def test_an_h1_that_is_the_site_name_is_not_the_headline() -> None:
    head = '<meta property="og:title" content="Ferry fares rise again">'
    body = "<h1>Harbour Gazette</h1><h1>Log In</h1>" + BODY
    assert extract_article(_page(head, body)).title == "Ferry fares rise again"


def test_the_h1_the_metadata_agrees_with_is_shown_without_its_label() -> None:
    head = (
        '<meta property="og:title" content="Ferry fares rise again">'
        "<title>Ferry fares rise again | Harbour Gazette</title>"
    )
    body = "<h1>Another story's headline here</h1><h1>Local News | Ferry fares rise again</h1>"
    assert extract_article(_page(head, body + BODY)).title == "Ferry fares rise again"


# Publication dates ----------------------------------------------------------------------------


def test_metadata_date_wins_over_sidebar_and_script_dates() -> None:
    head = (
        '<meta property="article:published_time" content="2019-11-18T10:00:00-05:00">'
        '<script>var stamp = "2019-11-20";</script>'
    )
    body = BODY + "<aside><ul><li>Older story, November 2, 2016</li></ul></aside>"
    assert extract_article(_page(head, body)).published == "2019-11-18"


def test_byline_under_the_headline_gives_the_date_without_metadata() -> None:
    body = "<div>Wednesday, November 20, 2019</div><h1>Ferry fares rise again</h1>"
    body += "<p>By Jo Roe, Nov 18, 2019 4:56 p.m.</p>" + BODY
    assert extract_article(_page("", body)).published == "2019-11-18"


def test_local_byline_day_wins_over_utc_metadata_a_day_later() -> None:
    head = '<meta property="article:published_time" content="2019-11-20T02:59:46Z">'
    body = "<h1>Ferry fares rise again</h1><p>Published 9:59 pm CST, Nov 19, 2019</p>" + BODY
    assert extract_article(_page(head, body)).published == "2019-11-19"


def test_placeholder_and_unstated_dates_give_none() -> None:
    head = '<meta name="datePublished" content="0001-01-01T00:00:00Z">'
    assert extract_article(_page(head)).published is None


def test_url_date_is_the_last_resort() -> None:
    page = _page("", url="https://news.example/2020/02/24/ferry-fares/")
    assert extract_article(page).published == "2020-02-24"


# Pasted text ---------------------------------------------------------------------------------


def test_pasted_text_skips_labels_and_reads_its_dateline() -> None:
    text = (
        "Skip to main content\n\nUS\n\nFerry fares rise again\n\nFebruary 1, 2024\n\n"
        "The harbour council voted on Thursday to raise ferry fares by a tenth from March.\n"
    )
    article = extract_article(Source("t.txt", text.encode(), "text/plain"))
    assert article.title == "Ferry fares rise again"
    assert article.published == "2024-02-01"
    assert article.text.startswith("February 1, 2024")


def test_the_line_over_the_byline_is_the_headline() -> None:
    text = (
        "Storm closes the coast road\nTram line reopens early\n\nFerry fares rise again\n\n"
        "By Jo Roe\n\nThe harbour council voted to raise ferry fares by a tenth from March.\n"
    )
    assert extract_article(Source("t.txt", text.encode(), "text/plain")).title == (
        "Ferry fares rise again"
    )


def test_an_ambiguous_numeric_dateline_gives_no_date() -> None:
    text = "Ferry fares rise again\n\nUpdated: 04-01-2022 02:28\n\nThe council voted on fares.\n"
    assert extract_article(Source("t.txt", text.encode(), "text/plain")).published is None


# Relative dates -------------------------------------------------------------------------------

THURSDAY = "2026-01-08"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        (
            "Shares closed on Tuesday, and the new stock will trade next month.",
            "on Tuesday",
            "2026-01-06",
        ),
        ("Lowe's reports its results Friday.", "Friday", "2026-01-09"),
        ("The team play Sunday against the champions.", "Sunday", "2026-01-11"),
        ("The council said on Wednesday it would vote on Monday.", "on Monday", "2026-01-12"),
        ("Tickets go on sale Friday, Dec. 6.", "Friday, Dec. 6", "2025-12-06"),
        ("The stadium opened ten years ago.", "ten years ago", "2016-01-01"),
        ("Protesters cleared the barricades this weekend.", "this weekend", "2026-01-03"),
    ],
)
def test_relative_dates_follow_their_clause(sentence: str, expression: str, value: str) -> None:
    found = {d.text: d.value for d in find_dates(split_sentences(sentence), THURSDAY)}
    assert found[expression] == value


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("Deals were cheaper on Black Friday.", "Friday"),
        ("The band plays every other Sunday.", "Sunday"),
        ("The universe looks as it is today.", "today"),
        ("“We needed to win this game today,” the coach said.", "today"),
        ("The next year, the rebels released a video.", "next year"),
        ("Wednesday is less busy after Wednesday night's loss, fans say.", "Wednesday night's"),
    ],
)
def test_expressions_that_fix_no_day_stay_unresolved(sentence: str, expression: str) -> None:
    found = {d.text: d.value for d in find_dates(split_sentences(sentence), THURSDAY)}
    assert found.get(expression) is None


def test_clause_tense_reads_the_nearest_verb() -> None:
    text = "A meeting will be postponed from Tuesday to Friday."
    assert clause_tense(text, text.index("Tuesday"), text.index("Tuesday") + 7) == "future"
    text = "On Tuesday, the owner said a man came in."
    assert clause_tense(text, 3, 10) == "past"


# Clutter roles and the timeline --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("By Jo Roe, Harbour Gazette", "byline"),
        ("Posted: Thursday, April 21, 2022.", "dateline"),
        ("Site last updated 12:04 GMT", "stamp"),
        ("View all news | Send to a friend | Print", "navigation"),
        ("Altay Bayindir – 5/10", "rating"),
        ("Ferry passengers queue at the north quay. (Photo: Jo Roe)", "caption"),
        ("The council voted 7 to 2 on Tuesday to raise fares.", "body"),
    ],
)
def test_paragraph_roles(line: str, role: str) -> None:
    assert paragraph_role(line, "The council met for hours before the vote on the fares.") == role


def test_timeline_holds_events_from_body_sentences_only() -> None:
    text = (
        "Posted: Thursday, January 8, 2026.\n\n"
        "The council voted on Tuesday to raise fares.\n\n"
        "Is the ferry busy on Friday?\n\n"
        "The fares rise in 2026 are the largest in a decade."
    )
    sentences = mark_roles(split_sentences(text))
    dates = find_dates(sentences, THURSDAY)
    nothing = Redundancy((), (), (), tuple((s.id,) for s in sentences), 1.0)
    events = compose_timeline(sentences, dates, nothing)
    assert [(e.date, e.text) for e in events] == [
        ("2026-01-06", "The council voted on Tuesday to raise fares.")
    ]
    assert isinstance(sentences[0], Sentence) and sentences[0].role == "dateline"
