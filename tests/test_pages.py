"""The engine's HTML pages (Jinja2 templates, autoescaped): text from an article is never markup.

Every field a page shows, from the headline to a cited sentence and an outlet's URL, is set to
markup that would run if it were not escaped; the page must parse to the same elements as a
harmless brief's, with the hostile text shown as text.
"""

from __future__ import annotations

import dataclasses

import lxml.etree
import lxml.html
import pytest

from nutgraf.engine import Brief, brief_from_text
from nutgraf.engine.render import render
from nutgraf.engine.stories.merge import merge_story
from nutgraf.engine.stories.records import Citation, StoryBrief
from nutgraf.engine.stories.render import render_index, render_story

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"q\" <!--"
ARTICLE = (
    "Council approves ferry route\n\n"
    "The harbour council voted 7 to 2 on Tuesday, 3 March 2026, to fund a ferry route to "
    'Lysholm, said mayor Ada Lund. "It is a start," Lund said after the vote. The route opens '
    "on 4 May 2026 with two boats. Fares will be 3 euros, the council said on Tuesday.\n\n"
    "The vote followed a year of talks with the operator, which asked for a ten-year licence. "
    "Opponents said the money should go to the bridge repairs instead."
)


def hostile(brief: Brief) -> Brief:
    """`brief` with markup in every text field a page shows."""
    sentences = tuple(dataclasses.replace(s, text=f"{s.text} {HOSTILE}") for s in brief.sentences)
    return dataclasses.replace(
        brief,
        title=HOSTILE,
        category=HOSTILE,
        description=HOSTILE,
        summary=HOSTILE,
        key_points=tuple(dataclasses.replace(p, text=HOSTILE) for p in brief.key_points),
        sections=tuple(dataclasses.replace(s, heading=HOSTILE) for s in brief.sections),
        faq=tuple(dataclasses.replace(f, question=HOSTILE, answer=HOSTILE) for f in brief.faq),
        timeline=tuple(dataclasses.replace(e, text=HOSTILE) for e in brief.timeline),
        sentences=sentences,
        source=dataclasses.replace(
            brief.source,
            author=HOSTILE,
            site_name=HOSTILE,
            published=HOSTILE,
            language='en" onload="alert(1)',
            url='https://example.com/"><script>alert(1)</script>',
        ),
    )


def live_markup(page: str) -> list[str]:
    """What in `page` would run or load: scripts, images, handlers, comments, odd attributes."""
    tree = lxml.html.document_fromstring(page)
    found = [el.tag for el in tree.iter("script", "img")]
    found += [
        f"{el.tag}[{name}]" for el in tree.iter() for name in el.attrib if name.startswith("on")
    ]
    found += ["comment" for _ in tree.iter(lxml.etree.Comment)]
    return found


@pytest.fixture(scope="module")
def made() -> Brief:
    return brief_from_text(ARTICLE)


def test_a_brief_page_shows_markup_from_the_article_as_text(made: Brief) -> None:
    assert made.key_points and made.sentences  # the page has items to carry the payload
    page = render(hostile(made), "html")
    assert live_markup(page) == []
    text = lxml.html.document_fromstring(page).text_content()
    assert text.count(HOSTILE) >= len(made.sentences) + 3  # shown, as text, where it was put
    assert live_markup(render(made, "html")) == []


def hostile_story(story: StoryBrief) -> StoryBrief:
    """`story` with markup in every text field its pages show, and in each article's URL."""

    def cited(citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        return tuple(dataclasses.replace(c, text=HOSTILE) for c in citations)

    return dataclasses.replace(
        story,
        title=HOSTILE,
        summary=HOSTILE,
        key_points=tuple(
            dataclasses.replace(p, text=HOSTILE, citations=cited(p.citations))
            for p in story.key_points
        ),
        timeline=tuple(
            dataclasses.replace(e, text=HOSTILE, citations=cited(e.citations))
            for e in story.timeline
        ),
        articles=tuple(
            dataclasses.replace(
                a, outlet=HOSTILE, title=HOSTILE, url='https://example.com/"><script>x</script>'
            )
            for a in story.articles
        ),
    )


def test_a_story_page_and_the_index_show_markup_from_the_articles_as_text(made: Brief) -> None:
    other = dataclasses.replace(
        made, source=dataclasses.replace(made.source, site_name="Other Outlet", url=None)
    )
    story = merge_story([made, other], points=5)
    assert story.key_points and len(story.articles) == 2
    page = render_story(hostile_story(story), "html")
    assert live_markup(page) == []
    tree = lxml.html.document_fromstring(page)
    assert tree.text_content().count(HOSTILE) >= 2 * len(story.key_points) + 3
    links = tree.xpath("//a/@href")
    assert links and all(link == 'https://example.com/"><script>x</script>' for link in links)
    index = render_index([("story-0001.html", hostile_story(story))], "html")
    assert live_markup(index) == []
    assert HOSTILE in lxml.html.document_fromstring(index).text_content()
