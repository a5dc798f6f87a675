"""The page cache: shared pages for anonymous readers, each with their own CSRF token."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.test import Client, override_settings

from nutgraf.web.stories import freshness, pagecache, services
from nutgraf.web.stories.models import Story

CSRF = "django.middleware.csrf.CsrfViewMiddleware"
WITH_CACHE = [
    m
    for item in settings.MIDDLEWARE
    if not item.endswith("PageCacheMiddleware")
    for m in (
        (item, "nutgraf.web.stories.pagecache.PageCacheMiddleware") if item == CSRF else (item,)
    )
]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
FORM_TOKEN = re.compile(r'name="ts" value="[^"]+"')


@pytest.fixture(autouse=True)
def page_cache(monkeypatch):
    monkeypatch.setattr(freshness, "CHECK_SECONDS", 0.0)
    pagecache.PAGES.clear()
    with override_settings(MIDDLEWARE=WITH_CACHE, PAGE_CACHE_SECONDS=300):
        yield


def test_second_anonymous_view_is_served_from_the_cache(published):
    reader = Client()
    url = published[0].get_absolute_url()
    first, second = reader.get(url), reader.get(url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second["Cache-Control"] == "max-age=0, must-revalidate"
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"
    # The CSRF token and the comment form's token are each reader's own, made per page.
    strip = lambda html: FORM_TOKEN.sub("", TOKEN.sub("", html.decode()))  # noqa: E731
    assert strip(first.content) == strip(second.content)


def test_each_reader_gets_their_own_working_csrf_token(published):
    story = Story.objects.get(pk=published[0].pk)
    Client().get(story.get_absolute_url())  # fills the cache
    tokens = []
    for _ in range(2):
        reader = Client(enforce_csrf_checks=True)
        page = reader.get(story.get_absolute_url())
        assert page["X-Page-Cache"] == "hit"
        assert settings.CSRF_COOKIE_NAME in page.cookies  # their own cookie
        html = page.content.decode()
        assert "\0" not in html
        token = TOKEN.search(html).group(1)
        tokens.append(token)
        ts = re.search(r'name="ts" value="([^"]+)"', html).group(1)
        posted = reader.post(
            f"/stories/{story.slug}/comments/",
            {
                "comment": "A reader's comment on a cached page.",
                "name": "Reader",
                "email": "reader@example.org",
                "ts": ts,
                "csrfmiddlewaretoken": token,
            },
        )
        assert posted.status_code in (303, 400), posted.status_code  # never 403 (CSRF)
        assert posted.status_code != 403
    assert tokens[0] != tokens[1]


def test_a_missing_token_is_still_refused(published):
    story = published[0]
    Client().get(story.get_absolute_url())
    reader = Client(enforce_csrf_checks=True)
    reader.get(story.get_absolute_url())
    refused = reader.post(
        f"/stories/{story.slug}/comments/",
        {"comment": "No token.", "name": "X", "email": "x@example.org"},
    )
    assert refused.status_code == 403


def test_editors_and_readers_with_waiting_comments_bypass_it(published, editor):
    url = published[0].get_absolute_url()
    Client().get(url)
    desk = Client()
    desk.force_login(editor)
    assert "X-Page-Cache" not in desk.get(url)
    waiting = Client()
    waiting.cookies["nutgraf_comments"] = "signed-ids"
    assert "X-Page-Cache" not in waiting.get(url)
    assert "X-Page-Cache" not in Client().get(url + "?cpage=2")


def test_an_edit_reaches_cached_pages(published, editor):
    story = Story.objects.get(pk=published[0].pk)
    reader = Client()
    reader.get(story.get_absolute_url())
    assert reader.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    services.story_update(
        story=story,
        editor=editor,
        headline="Edited while cached",
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"]],
        faq=[(f["question"], f["answer"]) for f in story.brief["faq"]],
    )
    after = reader.get(story.get_absolute_url())
    assert after["X-Page-Cache"] == "miss"
    assert "<h1>Edited while cached</h1>" in after.content.decode()


def test_an_approved_comment_reaches_cached_pages(published, django_capture_on_commit_callbacks):
    from nutgraf.web.comments import services as comment_services
    from nutgraf.web.comments.models import Comment

    story = published[0]
    waiting = Comment.objects.create(
        story=story, name="Reader", email="r@example.org", text="Waiting for an editor."
    )
    reader = Client()
    reader.get(story.get_absolute_url())
    assert reader.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comment_approve(comments=Comment.objects.filter(pk=waiting.pk))
    after = reader.get(story.get_absolute_url())
    assert after["X-Page-Cache"] == "miss"
    assert "Waiting for an editor." in after.content.decode()


def test_each_cached_copy_carries_a_form_timestamp_issued_when_served(published, monkeypatch):
    from nutgraf.web.comments.forms import secret_binding, token_read

    story = published[0]
    first = Client().get(story.get_absolute_url()).content.decode()  # fills the cache
    later = time.time() + 100  # within the page's 300 s
    monkeypatch.setattr(time, "time", lambda: later)
    served = Client().get(story.get_absolute_url())
    assert served["X-Page-Cache"] == "hit"
    ts = re.search(r'name="ts" value="([^"]+)"', served.content.decode()).group(1)
    assert ts != re.search(r'name="ts" value="([^"]+)"', first).group(1)
    # ... and issued for this reader's browser (its CSRF secret), as a fresh page's is.
    binding = secret_binding(served.cookies[settings.CSRF_COOKIE_NAME].value)
    ticket = token_read(token=ts, story_id=story.id, binding=binding, now=later)
    assert ticket is not None and ticket.seconds < 1


def test_a_cached_page_expires_when_a_scheduled_story_becomes_visible(published):
    from nutgraf.web.stories import freshness

    soon = Story.objects.get(pk=published[-1].pk)
    at = time.time() + 120
    Story.objects.filter(pk=soon.pk).update(published_at=datetime.fromtimestamp(at, tz=UTC))
    freshness.pages_invalidate()
    Client().get("/")
    (page,) = [p for key, p in pagecache.PAGES.items() if key.endswith("/")]
    assert page.expires == pytest.approx(at)
