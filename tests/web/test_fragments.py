"""Shared page parts kept in memory: fresh after every change, and at scheduled publication."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from django.test import Client, RequestFactory
from lxml import html as lxml_html

from nutgraf.web.comments.templatetags.comments import blank_form_html
from nutgraf.web.stories import fragments, freshness, services
from nutgraf.web.stories.models import Story


def related_links(client: Client, story: Story) -> list[str]:
    page = lxml_html.fromstring(client.get(story.get_absolute_url()).content)
    return page.xpath("//section[@class='related']//h3/a/@href")


def test_related_articles_follow_an_unpublication(client, published, editor):
    story = published[0]
    shown = related_links(client, story)
    assert shown, "the samples are related to one another"
    gone = Story.objects.get(slug=shown[0].strip("/").split("/")[-1])
    services.story_unpublish(story=gone, editor=editor)
    assert gone.get_absolute_url() not in related_links(client, story)


def test_a_kept_fragment_ends_when_a_scheduled_story_becomes_visible(published, monkeypatch):
    at = time.time() + 90
    Story.objects.filter(pk=published[-1].pk).update(
        published_at=datetime.fromtimestamp(at, tz=UTC)
    )
    freshness.pages_invalidate()
    builds: list[int] = []
    fragments.kept("probe", lambda: builds.append(1))
    fragments.kept("probe", lambda: builds.append(1))
    assert len(builds) == 1
    monkeypatch.setattr(time, "time", lambda: at + 1)
    fragments.kept("probe", lambda: builds.append(1))
    assert len(builds) == 2


def test_navigation_follows_a_new_section(client, published):
    from nutgraf.web.stories.models import Category

    client.get("/")
    Category.objects.create(name="Weather desk", slug="weather-desk")  # signals move the generation
    assert 'href="/category/weather-desk/"' in client.get("/").content.decode()


def test_the_blank_reply_form_is_the_one_the_template_renders(published):
    from django.template.loader import render_to_string

    from nutgraf.web.comments.forms import CommentForm, form_token

    story = published[0]
    token = "a" * 64
    fast = blank_form_html(slug=story.slug, story_id=story.id, csrf=token, binding="b")
    slow = render_to_string(
        "comments/_form.html",
        {
            "story": story,
            "section": {"reply_to": None},
            "form": CommentForm(
                initial={"ts": form_token(story_id=story.id, binding="b"), "parent": None}
            ),
            "csrf_token": token,
        },
        request=RequestFactory().get("/"),
    )
    timestamp = re.compile(r'name="ts" value="[^"]+"')
    assert timestamp.sub("", fast) == timestamp.sub("", slow)
    assert f'action="/stories/{story.slug}/comments/"' in fast
    assert 'name="csrfmiddlewaretoken"' not in blank_form_html(
        slug="x", story_id=1, csrf="", binding=""
    )


def test_home_page_follows_publication_and_unpublication(client, make_story, sample_inputs, editor):
    first = make_story(sample_inputs[0])
    client.get("/")  # kept from here on
    second = make_story(sample_inputs[1], hours_ago=0.5)
    assert second.get_absolute_url() in client.get("/").content.decode()
    services.story_unpublish(story=first, editor=editor)
    assert first.get_absolute_url() not in client.get("/").content.decode()


def test_feeds_and_sitemaps_follow_publication(client, make_story, sample_inputs):
    make_story(sample_inputs[0])
    for url in ("/feeds/rss.xml", "/feeds/atom.xml", "/sitemap.xml", "/news-sitemap.xml"):
        client.get(url)  # kept from here on
    second = make_story(sample_inputs[1], hours_ago=0.5)
    for url in ("/feeds/rss.xml", "/feeds/atom.xml", "/sitemap.xml", "/news-sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200
        assert second.slug in response.content.decode(), url


def test_a_kept_feed_is_the_feed_the_view_makes(client, published):
    first = client.get("/feeds/rss.xml")
    again = client.get("/feeds/rss.xml")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert client.head("/feeds/rss.xml").content == b""
    assert client.get("/category/no-such-section/rss.xml").status_code == 404
