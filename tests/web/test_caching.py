"""Shared pages on Django's cache framework (stories/caching.py): whole pages and fragments kept
under the content generation, conditional GET, personal requests never shared, bounded memory.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nutgraf.web.comments import services as comment_services
from nutgraf.web.comments.models import Comment
from nutgraf.web.comments.views import MINE_COOKIE
from nutgraf.web.stories import caching, services
from nutgraf.web.stories.models import Story

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300  # read when a client first loads the middleware


@pytest.fixture
def story(published) -> Story:
    return published[0]


def _rename_quietly(story: Story, headline: str) -> None:
    """A change made behind the services' back: the generation does not move."""
    Story.objects.filter(pk=story.pk).update(headline=headline)


def test_a_shared_page_is_kept_until_the_content_generation_moves(client, story, page_cache):
    first = client.get(story.get_absolute_url())
    assert first["Cache-Control"] == caching.SHARED_CONTROL
    _rename_quietly(story, "A headline nobody has read yet")
    kept = client.get(story.get_absolute_url())
    assert kept.content == first.content
    assert b"A headline nobody has read yet" not in kept.content
    caching.content_changed()
    assert b"A headline nobody has read yet" in client.get(story.get_absolute_url()).content


def test_a_kept_page_costs_one_query_whatever_port_the_host_header_names(client, story, page_cache):
    url = story.get_absolute_url()
    client.get(url)
    for port in range(1, 40):  # NUTGRAF_SITE_URL is set: one copy for every port of the name
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url, HTTP_HOST=f"testserver:{port}")
        assert answer.status_code == 200
        assert len(queries) == 1, [q["sql"] for q in queries]  # the generation, nothing else


def test_the_pages_cache_is_bounded_even_when_every_port_makes_a_page(story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SITE_URL = ""  # the base then comes from the Host header: one page per port
    bounded = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "OPTIONS": {"MAX_ENTRIES": 5}},
    }
    with override_settings(CACHES=bounded):
        client = Client()
        for port in range(1, 30):
            assert client.get(story.get_absolute_url(), HTTP_HOST=f"testserver:{port}").status_code
        assert len(caches["pages"]._cache) <= 5


def test_the_site_bounds_the_pages_cache():
    pages = settings.CACHES["pages"]
    assert pages["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert 0 < pages["OPTIONS"]["MAX_ENTRIES"] <= 5000


def test_if_none_match_and_if_modified_since_get_304(client, story, page_cache):
    url = story.get_absolute_url()
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert re.fullmatch(r'"[0-9a-f]+"', etag)
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"0"').status_code == 200


def test_an_edit_a_publication_and_an_approved_comment_each_change_the_page(
    client, story, editor, published, page_cache
):
    url = story.get_absolute_url()
    etags = [client.get(url)["ETag"]]

    services.story_update(
        story=story,
        editor=editor,
        headline="An edited headline for the harbour story",
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"]],
        faq=[(f["question"], f["answer"]) for f in story.brief["faq"]],
    )
    edited = client.get(url, HTTP_IF_NONE_MATCH=etags[-1])
    assert edited.status_code == 200 and b"An edited headline" in edited.content
    etags.append(edited["ETag"])

    newer = Story.objects.get(pk=published[1].pk)
    services.story_unpublish(story=newer)
    assert newer.headline.encode() not in client.get("/").content
    services.story_publish(story=newer, at=timezone.now() - timedelta(minutes=1))
    home = client.get("/")
    assert newer.headline.encode() in home.content

    comment = Comment.objects.create(
        story=story, name="Ada", email="ada@example.org", text="A comment to approve."
    )
    before = client.get(url)
    assert b"A comment to approve." not in before.content
    comment_services.comment_approve(comments=Comment.objects.filter(pk=comment.pk))
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and b"A comment to approve." in after.content
    etags.append(after["ETag"])
    assert len(set(etags)) == 3


def test_another_process_sees_the_change_through_the_shared_generation(client, story, page_cache):
    """Process B keeps its own pages in its own memory; a change made in process A (here,
    through the services) reaches B through the generation in the database cache."""
    url = story.get_absolute_url()
    request = RequestFactory().get(url)
    served: list[bytes] = []

    def view(request):
        return client.get(url)  # renders the page the way process B's view would

    other = caching.SharedPageMiddleware(view)
    other.pages = LocMemCache("process-b", {})
    served.append(other(request).content)
    _rename_quietly(story, "Renamed while B kept its copy")
    assert other(RequestFactory().get(url)).content == served[0]
    caching.content_changed()  # process A's service; B's memory is untouched
    assert b"Renamed while B kept its copy" in other(RequestFactory().get(url)).content


def test_a_scheduled_story_ends_the_generation_when_it_becomes_visible(
    make_story, sample_inputs, monkeypatch
):
    make_story(sample_inputs[0])
    scheduled = make_story(sample_inputs[1], publish=False)
    at = timezone.now() + timedelta(minutes=10)
    services.story_publish(story=scheduled, at=at)
    generation = caching.content_generation()
    assert caching.content_generation() == generation
    later = at.timestamp() + 1
    monkeypatch.setattr(caching.time, "time", lambda: later)
    assert caching.content_generation() != generation


def test_personal_requests_are_private_and_never_kept(client, story, page_cache):
    url = story.get_absolute_url()
    client.get(url)  # a shared copy exists
    client.cookies[MINE_COOKIE] = "whatever"
    personal = client.get(url)
    assert "private" in personal["Cache-Control"] and "s-maxage" not in personal["Cache-Control"]
    del client.cookies[MINE_COOKIE]
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert "private" in client.get(url)["Cache-Control"]


def test_a_shared_page_sets_no_cookie_and_carries_no_token(client, story, page_cache):
    for answer in (client.get(story.get_absolute_url()), client.get(story.get_absolute_url())):
        assert not answer.cookies
        assert re.search(rb'name="csrfmiddlewaretoken" value=""', answer.content)
        assert re.search(rb'name="ts"(?: id="id_ts")?>', answer.content) or (
            b'name="ts" value=""' in answer.content
        )


def test_the_generation_lives_in_the_shared_cache(db):
    generation = caching.content_generation()
    assert cache.get(caching.GENERATION_KEY)[0] == generation
    caching.content_changed()
    assert cache.get(caching.GENERATION_KEY) is None
    assert caching.content_generation() != generation


def test_nginx_bypasses_its_micro_cache_for_the_personal_cookies():
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    (pattern,) = re.findall(r'"~\(\^\|;\)\\s\*\(([^)]*)\)="', config)
    assert set(pattern.split("|")) == set(settings.PERSONAL_COOKIES)
    assert MINE_COOKIE in settings.PERSONAL_COOKIES


def test_a_kept_story_row_shows_a_scheduled_story_when_its_time_comes(
    client, make_story, sample_inputs, monkeypatch, page_cache
):
    scheduled = make_story(sample_inputs[1], publish=False)
    at = timezone.now() + timedelta(minutes=10)
    services.story_publish(story=scheduled, at=at)
    assert client.get(scheduled.get_absolute_url()).status_code == 404  # its row is kept now
    monkeypatch.setattr(caching.time, "time", lambda: at.timestamp() + 1)
    monkeypatch.setattr(timezone, "now", lambda: at + timedelta(seconds=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "path", ["/feeds/rss.xml", "/feeds/atom.xml", "/sitemap.xml", "/news-sitemap.xml"]
)
def test_feeds_and_sitemaps_are_kept_once_like_pages(client, story, page_cache, path):
    first = client.get(path)
    assert first.status_code == 200 and first["Cache-Control"] == caching.SHARED_CONTROL
    assert story.slug.encode() in first.content
    Story.objects.filter(pk=story.pk).update(status=Story.Status.DRAFT)  # behind the services
    assert client.get(path).content == first.content
    caching.content_changed()
    assert story.slug.encode() not in client.get(path).content
