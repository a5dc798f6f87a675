"""The same article twice, through every path, is one story (idempotent by URL and content).

Paths: the desk (pasted text, upload, URL), the API (text, HTML, URL; made at once without
workers), a feed poll (the article job), and the services the CLI and samples use. Then across
paths: an article that arrived one way and then another is still one story. Runs on SQLite and,
in `make test-postgres`, on PostgreSQL; the queued API path is in test_workers.py.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nutgraf.web.api.services import token_create
from nutgraf.web.jobs.articles import article_ingest
from nutgraf.web.stories import services
from nutgraf.web.stories.models import Story
from nutgraf.web.subscriptions import services as feeds
from nutgraf.web.subscriptions.models import Feed

pytestmark = pytest.mark.django_db

TEXT = """Ferry fares to fall next month

Port Ellery will cut harbour ferry fares by a quarter from 1 April, the transit authority said
on Monday. The cut applies to all single tickets and monthly passes.

Transit director Ola Brandt said ridership had fallen by 12 percent since the fares rose in
2023. "We priced people off the water," Brandt said. The authority expects the cut to cost
2 million dollars a year, paid from the new transit levy.
"""  # fictional


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def api(client, editor):
    cache.clear()  # the API's rate counts start from nothing
    raw = token_create(name="tests", user=editor)[1]

    def post(**body):
        response = client.post(
            "/api/v1/articles", body, content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )  # fmt: skip
        assert response.status_code == 201, response.content
        return response.json()["story_id"]

    return post


def desk_ingest(desk, **data) -> int:
    response = desk.post(reverse("admin:stories_story_ingest"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(re.search(r"/story/(\d+)/", response["Location"]).group(1))  # the story shown


def an_article(site) -> tuple[str, bytes]:
    path = next(iter(site.articles))
    return f"{site.base}{path}", site.articles[path]


def test_the_desk_twice(jobs_here, site, desk):
    url, html = an_article(site)
    assert desk_ingest(desk, text=TEXT) == desk_ingest(desk, text=TEXT.replace("\n", "\r\n"))
    upload = lambda: SimpleUploadedFile("ferry.html", html, "text/html")  # noqa: E731
    assert desk_ingest(desk, upload=upload()) == desk_ingest(desk, upload=upload())
    assert desk_ingest(desk, url=url) == desk_ingest(desk, url=url)
    # The upload and the URL are the same page: one story for both.
    assert Story.objects.count() == 2


def test_the_api_twice(jobs_here, site, api):
    url, html = an_article(site)
    assert api(text=TEXT) == api(text=TEXT)
    assert api(html=html.decode()) == api(html=html.decode(), name="again.html")
    assert api(url=url) == api(url=url)
    assert Story.objects.count() == 2


def test_a_feed_twice_and_a_second_feed_with_the_same_items(jobs_here, site, run_jobs):
    for kind, path in ((Feed.Kind.FEED, "/feed.xml"), (Feed.Kind.SITEMAP, "/sitemap.xml")):
        feed = feeds.feed_subscribe(url=f"{site.base}{path}", kind=kind)
        feeds.feed_poll(feed_id=feed.id)
        run_jobs()
    assert Story.objects.count() == len(site.articles)
    url, _ = an_article(site)
    assert article_ingest(url=url) == "unchanged"  # a job delivered twice
    assert Story.objects.count() == len(site.articles)


def test_the_services_twice(jobs_here):
    assert services.story_ingest_text(text=TEXT) == services.story_ingest_text(text=TEXT + "\n")
    assert Story.objects.count() == 1


def test_one_article_by_every_path_is_one_story(jobs_here, site, desk, api, run_jobs):
    url, html = an_article(site)
    first = services.story_ingest_text(text=TEXT)
    assert desk_ingest(desk, text=TEXT) == first.id
    assert api(text=TEXT) == first.id
    feed = feeds.feed_subscribe(url=f"{site.base}/feed.xml")
    feeds.feed_poll(feed_id=feed.id)
    run_jobs()
    from_feed = Story.objects.get(source__url=url)
    assert api(url=url) == from_feed.id
    assert desk_ingest(desk, url=url) == from_feed.id
    assert api(html=html.decode()) == from_feed.id  # the same bytes, sent as HTML
    upload = SimpleUploadedFile("page.html", html, "text/html")
    assert desk_ingest(desk, upload=upload) == from_feed.id
    assert Story.objects.count() == 1 + len(site.articles)
