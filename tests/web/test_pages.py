"""Every reader page answers 200 with the right content type and the content its shape promises."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from nutgraf.web.stories import services
from nutgraf.web.stories.presentation import date_label

HTML = "text/html; charset=utf-8"


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_levels(html: str) -> list[int]:
    parser = Headings()
    parser.feed(html)
    return parser.levels


def assert_headings_in_order(html: str) -> None:
    levels = heading_levels(html)
    assert levels.count(1) == 1, levels
    assert levels[0] == 1 or levels.index(1) < levels.index(2)
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading skips a level: {levels}"


def test_every_page_answers(client, published):
    story = published[0]
    entity = story.entities.first()
    tag = story.tags.first()
    month = story.published_at
    pages = {
        "/": HTML,
        story.get_absolute_url(): HTML,
        reverse("stories:source", args=[story.slug]): HTML,
        story.category.get_absolute_url(): HTML,
        entity.get_absolute_url(): HTML,
        tag.get_absolute_url(): HTML,
        "/search/?q=tram": HTML,
        "/search/": HTML,
        "/archive/": HTML,
        reverse("stories:archive_month", args=[month.year, month.month]): HTML,
        "/about/": HTML,
        "/feeds/rss.xml": "application/rss+xml; charset=utf-8",
        "/feeds/atom.xml": "application/atom+xml; charset=utf-8",
        reverse(
            "stories:category_rss", args=[story.category.slug]
        ): "application/rss+xml; charset=utf-8",
        reverse(
            "stories:category_atom", args=[story.category.slug]
        ): "application/atom+xml; charset=utf-8",
        "/sitemap.xml": "application/xml",
        "/news-sitemap.xml": "application/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
    }
    for url, content_type in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type, url


@pytest.mark.parametrize(
    "url", ["/stories/no-such-story/", "/category/nope/", "/entity/nobody/", "/tag/none/", "/x/"]
)
def test_missing_pages_are_friendly_404s(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == HTML
    assert b"We could not find that page" in response.content


def test_server_error_page(rf):
    from nutgraf.web.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_story_page_has_the_explainer_shape(client, published):
    from nutgraf.web.stories.presentation import page_plan

    story = published[0]
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    brief = story.brief
    for snippet in (
        f'<p class="kicker"><a href="{story.category.get_absolute_url()}">'
        f"{story.category.name}</a>",
        'aria-label="Breadcrumb"',
        "<h1>",
        "Published <time datetime=",
        '<p class="lede">',
        "Key Points",
        '<details class="cite">',
        "Sources",
        "Read the source text",
        "Related Articles",
        'id="comments"',
        'href="#top"',
    ):
        assert snippet in html, snippet
    plan = page_plan(brief)
    listed = html.split('id="key-points-heading"', 1)[-1].split("</section>", 1)[0]
    for index, point in enumerate(brief["key_points"]):
        shown = point["text"].replace('"', "&quot;").replace("'", "&#x27;") in listed
        assert shown == (index in plan.key_points), point["text"]
    assert ("Timeline" in html) == bool(plan.timeline)
    assert ("Frequently Asked Questions" in html) == bool(plan.faq)
    assert_headings_in_order(html)
    assert len(response.content) < 100_000


def test_pages_have_headings_in_order(client, published):
    story = published[0]
    for url in ("/", story.category.get_absolute_url(), "/archive/", "/about/", "/search/?q=tram"):
        assert_headings_in_order(client.get(url).content.decode())


def test_citation_reveals_without_javascript(client, published):
    """A citation is a <details> holding the sentence, and links to it highlighted in the source."""
    story = published[0]
    from nutgraf.web.stories.presentation import page_plan

    html = client.get(story.get_absolute_url()).content.decode()
    point = story.brief["key_points"][page_plan(story.brief).key_points[0]]  # the first shown
    sentence_id = point["sources"][0]
    sentence = next(s for s in story.brief["sentences"] if s["id"] == sentence_id)
    link = f"{story.get_absolute_url()}source/?s={sentence_id}#s-{sentence_id}"
    assert link in html
    escaped = sentence["text"].replace('"', "&quot;").replace("'", "&#x27;")
    assert f"<q>{escaped}</q>" in html
    source = client.get(f"{story.get_absolute_url()}source/?s={sentence_id}").content.decode()
    assert f'<mark id="s-{sentence_id}" class="sentence">{escaped}</mark>' in source


def test_related_articles_come_from_content(client, published):
    story = published[0]  # the transit levy story: shares people and places with others
    html = client.get(story.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1]
    assert related.count('class="item-title"') >= 1
    assert story.headline not in related


def test_drafts_and_scheduled_stories_stay_hidden(client, make_story, sample_inputs, editor):
    draft = make_story(sample_inputs[0], publish=False)
    scheduled = make_story(sample_inputs[1], publish=False)
    services.story_publish(story=scheduled, at=timezone.now() + timedelta(hours=2))
    for story in (draft, scheduled):
        assert client.get(story.get_absolute_url()).status_code == 404
        assert story.headline.encode() not in client.get("/").content
        assert story.headline.encode() not in client.get("/feeds/rss.xml").content
    client.force_login(editor)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert b"Preview: readers cannot see this story yet" in preview.content
    assert preview["X-Robots-Tag"] == "noindex"


def test_home_lists_latest_and_each_category(client, published):
    html = client.get("/").content.decode()
    for story in published:
        assert story.get_absolute_url() in html
    for story in published:
        assert f'id="cat-{story.category.slug}"' in html


def test_entity_page_shows_roles(client, published):
    story = published[0]
    link = story.entity_links.exclude(roles=[]).select_related("entity").first()
    if link is None:
        pytest.skip("the engine found no roles in this sample")
    html = client.get(link.entity.get_absolute_url()).content.decode()
    assert link.roles[0] in html
    assert story.get_absolute_url() in html


def test_archive_paginates(client, make_story, sample_inputs):
    from tests.web.conftest import variant

    for n in range(23):
        make_story(variant(sample_inputs[0], n), hours_ago=n + 1)
    first = client.get("/archive/").content.decode()
    assert 'rel="next"' in first
    second = client.get("/archive/?page=2").content.decode()
    assert second.count('class="item-title"') == 3


def test_timeline_dates_are_as_precise_as_the_text(client, published):
    """A month or a year the text gives stays a month or a year: "Sep 2024", never the
    phrase "this year" without the year it meant, never an invented day."""
    from nutgraf.web.stories.presentation import page_plan, timeline_when

    story = next(s for s in published if "transit levy" in s.headline)
    whens = [timeline_when(entry) for entry in story.brief["timeline"]]
    assert ("2024-09", "Sep 2024") in whens  # "in September 2024"
    assert ("2025", "2025") in whens  # "this year", in a 2025 article
    assert ("2025-07-01", "1 Jul 2025") in whens
    assert all("this year" not in label for _, label in whens)
    # the page shows the entries whose sentence it does not show above, with those labels
    html = client.get(story.get_absolute_url()).content.decode()
    shown = [whens[i] for i in page_plan(story.brief).timeline]
    if shown:
        timeline = html[html.index('id="timeline-heading"') :]
        timeline = timeline[: timeline.index("</section>")]
        for iso, label in shown:
            assert f'<time datetime="{iso}">{label}</time>' in timeline
        assert "this year" not in re.sub(r"<div>.*?</div>", "", timeline, flags=re.S)


@pytest.mark.parametrize(
    ("iso", "label"),
    [
        ("2025-03-04", "4 Mar 2025"),
        ("2024-09", "Sep 2024"),
        ("2025", "2025"),
        ("", ""),
        ("2025-13", ""),
        ("soon", ""),
        ("2025-02-30", ""),
    ],
)
def test_date_label(iso, label):
    assert date_label(iso) == label


def test_no_sample_story_page_says_a_sentence_twice(client, published):
    """Outside the citation pop-ups, every sample story page shows each source sentence once
    (the issue found all 18 repeating sentences three to five times)."""
    import html as html_module

    from nutgraf.engine.compose.wording import display_text, trim_commentary

    for story in published:
        page = client.get(story.get_absolute_url()).content.decode()
        article = page[page.index('<article class="story">') : page.index("</article>")]
        article = re.sub(r'<details class="cite">.*?</details>', " ", article, flags=re.S)
        visible = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", article)).split()).lower()
        for sentence in story.brief["sentences"]:
            words = trim_commentary(display_text(sentence["text"])).split()
            probe = " ".join(words[1:] if len(words) > 4 else words).lower()
            assert visible.count(probe) <= 1, (story.headline, sentence["text"])
