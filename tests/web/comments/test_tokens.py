"""The shared story page carries no per-reader token: the page's script fetches this browser's
own from a private endpoint, and a form sent without one comes back once with it.

Every client here enforces CSRF as a browser meets it (the test client skips it by default).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client

from nutgraf.web.comments.forms import browser_binding, token_read
from nutgraf.web.comments.models import Comment, CommentReport

TEXT = "The harbour figures in the second section do not match the table."


@pytest.fixture
def browser() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.fixture(autouse=True)
def _no_waiting(settings: Any) -> None:
    settings.COMMENT_MIN_SECONDS = 0


def _hidden(html: str) -> dict[str, str]:
    fields = re.findall(
        r'<input type="hidden" name="(csrfmiddlewaretoken|ts)" value="([^"]*)"', html
    )
    return dict(fields)


def _filled(**extra: str) -> dict[str, str]:
    return {
        "comment": TEXT,
        "name": "Ada Reader",
        "email": "ada.reader@example.org",
        "website": "",
        "subject": "",
        "parent": "",
        **extra,
    }


def test_the_shared_page_has_empty_token_fields_and_says_where_to_get_them(browser, story):
    page = browser.get(story.get_absolute_url())
    html = page.content.decode()
    assert not page.cookies  # nothing per reader: no CSRF cookie either
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert not re.search(r'name="ts" value="[^"]', html)
    tokens_url = f"/stories/{story.slug}/comments/tokens/"
    assert f'data-tokens="{tokens_url}"' in html
    assert "comments/comments" in html and ".js" in html


def test_the_tokens_are_this_browsers_own_and_never_cached(browser, story):
    answer = browser.get(f"/stories/{story.slug}/comments/tokens/")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "private, no-store"
    assert settings.CSRF_COOKIE_NAME in answer.cookies  # the secret the form token is bound to
    assert set(answer.json()) == {"csrfmiddlewaretoken", "ts"}


def test_another_site_cannot_fetch_the_tokens(browser, story):
    answer = browser.get(
        f"/stories/{story.slug}/comments/tokens/", HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert answer.status_code == 403


def test_with_script_the_fetched_tokens_send_the_comment(browser, story):
    browser.get(story.get_absolute_url())
    tokens = browser.get(f"/stories/{story.slug}/comments/tokens/").json()
    answer = browser.post(f"/stories/{story.slug}/comments/", _filled(**tokens))
    assert answer.status_code == 303
    assert Comment.objects.filter(story=story, text=TEXT).count() == 1
    # The form token is still good for one comment only.
    again = browser.post(f"/stories/{story.slug}/comments/", _filled(**tokens))
    assert again.status_code == 400
    assert Comment.objects.filter(story=story, text=TEXT).count() == 1


def test_without_script_the_form_comes_back_once_and_can_then_be_sent(browser, story):
    browser.get(story.get_absolute_url())
    back = browser.post(f"/stories/{story.slug}/comments/", _filled(csrfmiddlewaretoken="", ts=""))
    assert back.status_code == 400
    html = back.content.decode()
    assert TEXT in html  # the reader's text is kept
    assert "script did not run" in html
    assert back["Cache-Control"] == "private, no-store"
    hidden = _hidden(html)
    assert hidden["csrfmiddlewaretoken"] and hidden["ts"]
    assert not Comment.objects.filter(story=story).exists()
    sent = browser.post(f"/stories/{story.slug}/comments/", _filled(**hidden))
    assert sent.status_code == 303
    assert Comment.objects.filter(story=story, text=TEXT).count() == 1


def test_a_form_sent_from_another_site_is_refused_not_given_back(story):
    evil = Client(enforce_csrf_checks=True, HTTP_ORIGIN="https://evil.example")
    answer = evil.post(f"/stories/{story.slug}/comments/", _filled(csrfmiddlewaretoken="", ts=""))
    assert answer.status_code == 403
    assert TEXT not in answer.content.decode()
    assert not Comment.objects.filter(story=story).exists()


def test_a_wrong_csrf_token_is_refused_as_django_refuses_it(browser, story):
    tokens = browser.get(f"/stories/{story.slug}/comments/tokens/").json()
    wrong = _filled(ts=tokens["ts"], csrfmiddlewaretoken="x" * 64)
    answer = browser.post(f"/stories/{story.slug}/comments/", wrong)
    assert answer.status_code == 403
    assert not Comment.objects.filter(story=story).exists()


def test_a_report_without_script_asks_once_with_a_token(browser, story):
    comment = Comment.objects.create(
        story=story,
        name="Bob",
        email="bob@example.org",
        text="Reported text.",
        status=Comment.Status.APPROVED,
    )
    data = {"reason": CommentReport.Reason.values[0], "confirm": "yes"}
    page = browser.post(f"/comments/{comment.id}/report/", data)
    assert page.status_code == 200
    assert not CommentReport.objects.exists()
    token = _hidden(page.content.decode())["csrfmiddlewaretoken"]
    sent = browser.post(f"/comments/{comment.id}/report/", {**data, "csrfmiddlewaretoken": token})
    assert sent.status_code == 303
    assert CommentReport.objects.filter(comment=comment).count() == 1


def test_the_form_token_is_bound_to_the_browser_that_fetched_it(browser, story, rf):
    answer = browser.get(f"/stories/{story.slug}/comments/tokens/")
    request = rf.get("/")
    request.COOKIES[settings.CSRF_COOKIE_NAME] = answer.cookies[settings.CSRF_COOKIE_NAME].value
    CsrfViewMiddleware(lambda r: None).process_request(request)
    ticket = token_read(
        token=answer.json()["ts"], story_id=story.id, binding=browser_binding(request)
    )
    assert ticket is not None
    other = rf.get("/")
    CsrfViewMiddleware(lambda r: None).process_request(other)
    assert (
        token_read(token=answer.json()["ts"], story_id=story.id, binding=browser_binding(other))
        is None
    )
