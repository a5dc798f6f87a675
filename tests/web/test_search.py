"""Search: SQLite FTS5 over headlines, summaries and text, only visible stories."""

from __future__ import annotations

import pytest

from nutgraf.web.stories import search, selectors, services


def found(text: str) -> list[str]:
    return [s.headline for s in selectors.story_search(text=text)]


def test_finds_by_headline_summary_and_body(published):
    assert any("Mariners" in h for h in found("Mariners"))
    assert any("Brightwater" in h for h in found("megawatt"))  # in the text only
    assert any("flood" in h for h in found("sea wall"))


def test_prefix_and_stemming(published):
    assert found("glaci")  # prefix
    assert found("storm")  # porter: storms


def test_headline_ranks_first(published):
    assert "transit levy" in found("levy")[0]


def test_hidden_stories_are_not_found(make_story, sample_inputs, published):
    story = published[0]
    services.story_unpublish(story=story)
    assert story.headline not in found("levy")


@pytest.mark.parametrize("text", ['"', "AND OR NOT", "*", "(", "a:b", "NEAR(", "'; DROP TABLE"])
def test_odd_input_is_safe(published, text):
    selectors.story_search(text=text)


def test_fts_query_quotes_words():
    assert search.fts_query('tram "levy" OR') == '"tram"* "levy"* "OR"*'


def test_search_page(client, published):
    html = client.get("/search/?q=tram").content.decode()
    assert "result" in html and published[0].get_absolute_url() in html
    assert "No stories match" in client.get("/search/?q=zzzzqqq").content.decode()


def test_results_show_where_the_words_matched(client, published):
    """Each result carries a passage of its text with the matched words marked."""
    battery = next(
        s for s in selectors.story_search(text="megawatt") if "Brightwater" in s.headline
    )
    assert "<mark>megawatt" in battery.snippet.lower()
    html = client.get("/search/?q=tram+network").content.decode()
    assert html.count('class="item-summary item-snippet"') >= 1
    assert "<mark>tram</mark> <mark>network</mark>" in html or "<mark>tram network</mark>" in html


def test_a_snippet_is_escaped_before_it_is_marked():
    marked = search._marked('a <b onclick="x"> \x02tram\x03 &  \x02half-open\nend\x03\x02')
    assert marked == (
        "a &lt;b onclick=&quot;x&quot;&gt; <mark>tram</mark> &amp; <mark>half-open end</mark>"
    )
