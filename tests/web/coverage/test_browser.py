"""A reader on a coverage page, in headless Chromium (Debian's /usr/bin/chromium via Playwright).

The sample sets are loaded as `nutgraf serve` loads them, on a database without a wrapping
transaction, so publication reaches coverage through the real commit hook.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.coverage.samples import coverage_samples_load

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NUTGRAF_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="no system Chromium"),
]


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.errors = errors
        yield tab
        browser.close()


def test_reader_opens_a_coverage_page_and_follows_a_source(live_server, transactional_db, page):
    stories = coverage_samples_load()
    assert Coverage.objects.count() == 3
    assert CoverageMember.objects.count() == len(stories)
    coverage = Coverage.objects.get(members__story__headline__startswith="Ferry fire: everything")

    page.goto(f"{live_server.url}{coverage.get_absolute_url()}")
    assert page.locator("h1").inner_text() == coverage.title
    counts = page.locator(".source-counts").inner_text()
    assert counts == "5 articles from 5 outlets, 3 independent reports"
    roles = page.locator(".coverage-sources > ol > li .role").all_inner_texts()
    assert roles.count("Original reporting") == 3
    assert "Rewrite of Fjordline Wire (sample)" in roles
    assert "Rewrite of Fjordline Wire (sample), adds 2 facts" in roles
    assert page.locator(".disagreement").count() >= 1

    # A citation opens in place and leads to the sentence in the site's copy of the article.
    first = page.locator(".point details.cite").first
    first.locator("summary").click()
    assert first.locator(".cite-body").is_visible()

    # Follow the rewrite that adds facts to its own page, which links back to the coverage.
    entry = page.locator(".coverage-sources > ol > li", has_text="Morning Digest")
    entry.locator("a.source-link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Aster Vale ferry fire: captain named")
    line = page.locator(".coverage-line a")
    assert "Part of a story covered by 5 articles from 5 outlets" in line.inner_text()
    line.click()
    page.wait_for_load_state()
    assert page.url.endswith(coverage.get_absolute_url())
    assert page.errors == [], page.errors
