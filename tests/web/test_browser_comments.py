"""Leaving a comment on the shared story page, in headless Chromium, with and without script.

The page carries no token of its own (stories/caching.py). With script, the section fetches
this browser's tokens when the reader turns to the form; without, the form comes back once
with them, the text kept, and is sent from there.
"""

from __future__ import annotations

from typing import Any

import pytest

from .test_browser import browser, site  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser]

TEXT = "The harbour figures in the second section do not match the table in the report."


@pytest.fixture(autouse=True)
def _no_waiting(settings: Any) -> None:
    settings.COMMENT_MIN_SECONDS = 0
    settings.COMMENT_RATE = "1000/60"


def _fill(tab: Any) -> None:
    form = tab.locator("form.comment-form")
    form.locator("textarea[name=comment]").fill(TEXT)
    form.locator("input[name=name]").fill("Ada Reader")
    form.locator("input[name=email]").fill("ada.reader@example.org")


def test_with_script_a_comment_is_sent_in_one_step(site, browser):  # noqa: F811
    from nutgraf.web.comments.models import Comment

    story = site.stories[0]
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tokens: list[str] = []
    tab.on("response", lambda r: tokens.append(r.url) if "/comments/tokens/" in r.url else None)
    tab.goto(site.url + story.get_absolute_url())
    assert tab.locator("form.comment-form input[name=csrfmiddlewaretoken]").get_attribute(
        "value"
    ) in ("", None)
    _fill(tab)
    tab.locator("form.comment-form button[type=submit]").click()
    tab.wait_for_url(f"**{story.get_absolute_url()}#comment-*")
    assert "awaiting moderation" in tab.locator(".comment-awaiting").first.inner_text()
    assert Comment.objects.filter(story=story, text=TEXT).count() == 1
    assert len(tokens) == 1  # fetched once, when the reader turned to the form
    assert errors == []
    context.close()


def test_without_script_the_form_comes_back_once_and_then_sends(site, browser):  # noqa: F811
    from nutgraf.web.comments.models import Comment

    story = site.stories[0]
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site.url + story.get_absolute_url())
    _fill(tab)
    tab.locator("form.comment-form button[type=submit]").click()
    tab.wait_for_load_state()
    assert "script did not run" in tab.locator(".errornote").inner_text()
    assert tab.locator("textarea[name=comment]").input_value() == TEXT  # nothing is lost
    assert not Comment.objects.filter(story=story).exists()
    tab.locator("input[name=email]").fill("ada.reader@example.org")  # never written back
    tab.locator("form.comment-form button[type=submit]").click()
    tab.wait_for_url(f"**{story.get_absolute_url()}#comment-*")
    assert Comment.objects.filter(story=story, text=TEXT).count() == 1
    context.close()
