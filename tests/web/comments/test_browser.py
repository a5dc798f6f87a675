"""A reader posts a comment in headless Chromium and sees it waiting for moderation.

Run with `pytest -m browser tests/web/comments`; skipped when no system Chromium is installed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from nutgraf.web.comments.models import Comment

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop; ORM is set-up

CHROMIUM = os.environ.get("NUTGRAF_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="no system Chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def new_tab(browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    return context, tab, errors


def test_a_posted_comment_appears_as_pending_to_its_author_only(
    live_server, transactional_db, make_story, sample_inputs, browser, settings
):
    settings.COMMENT_MIN_SECONDS = 1
    story = make_story(sample_inputs[0])
    url = live_server.url + story.get_absolute_url()
    context, tab, errors = new_tab(browser)
    tab.goto(url)
    form = tab.locator("form.comment-form")
    assert "Leave a Reply" in tab.locator("#reply-title").inner_text()
    form.locator("#id_comment").fill("Is the 2027 figure <b>before</b> or after tax?")
    form.locator("#id_name").fill("Curious Reader")
    form.locator("#id_email").fill("curious@example.org")
    tab.wait_for_timeout(1300)  # a person is slower than NUTGRAF_COMMENT_MIN_SECONDS
    form.locator("button[type=submit]").click()
    tab.wait_for_load_state()
    comment = Comment.objects.get()
    assert tab.url.endswith(f"#comment-{comment.id}")
    mine = tab.locator(f"#comment-{comment.id}")
    assert mine.is_visible()
    assert "awaiting moderation" in mine.locator(".comment-awaiting").inner_text()
    assert "Is the 2027 figure <b>before</b> or after tax?" in mine.inner_text()
    assert mine.locator("b").count() == 0  # shown as text
    assert "curious@example.org" not in tab.content()
    assert errors == []  # no script errors, no CSP violations
    context.close()

    other, tab2, errors2 = new_tab(browser)
    tab2.goto(url)
    assert tab2.locator(f"#comment-{comment.id}").count() == 0
    assert "before</b> or after tax" not in tab2.content()
    other.close()
    assert errors2 == []
