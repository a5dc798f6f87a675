"""What a reader does, in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Run with `pytest -m browser tests/web`; skipped when no system Chromium is installed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nutgraf.web.stories import composition, services
from nutgraf.web.stories.presentation import page_plan

# Playwright's sync API runs an event loop in this thread; the ORM calls here are test set-up.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NUTGRAF_CHROMIUM", "/usr/bin/chromium")
# Where the browser tests leave their screenshots, to be looked at by a person.
SHOTS = Path(
    os.environ.get("NUTGRAF_SCREENSHOTS", Path(tempfile.gettempdir()) / "nutgraf-screenshots")
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

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


@pytest.fixture
def site(live_server, transactional_db, make_story, sample_inputs) -> Any:
    stories = [make_story(c, hours_ago=1 + i) for i, c in enumerate(sample_inputs)]
    services.related_rebuild()
    live_server.stories = stories
    return live_server


@pytest.fixture
def page(browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    yield tab
    context.close()
    assert errors == [], errors  # no script errors and no CSP violations


def test_open_a_story_and_read_key_points(site, page):
    page.goto(site.url + "/")
    lead = page.locator(".item-lead .item-title a")
    headline = lead.inner_text()
    lead.click()
    assert page.locator("h1").inner_text() == headline
    points = page.locator(".key-points li")
    story = next(s for s in site.stories if s.headline == headline)
    assert points.count() == len(page_plan(story.brief).key_points)  # less what the lede says
    assert points.first.is_visible()


def test_reveal_a_citation_and_see_it_in_the_source(site, page):
    story = site.stories[0]
    page.goto(site.url + story.get_absolute_url())
    first = page.locator(".key-points details.cite").first
    body = first.locator(".cite-body")
    assert not body.is_visible()
    first.locator("summary").click()
    assert body.is_visible()
    first_point = story.brief["key_points"][page_plan(story.brief).key_points[0]]
    sentence_id = first_point["sources"][0]
    text = next(s["text"] for s in story.brief["sentences"] if s["id"] == sentence_id)
    assert body.locator("q").inner_text() == text
    body.locator("a").click()
    assert page.url.endswith(f"#s-{sentence_id}")
    mark = page.locator(f"mark#s-{sentence_id}")
    assert mark.is_visible() and mark.inner_text() == text


def test_follow_a_related_article(site, page):
    page.goto(site.url + site.stories[0].get_absolute_url())
    link = page.locator(".related .item-title a").first
    title = link.inner_text()
    link.click()
    assert page.locator("h1").inner_text() == title
    assert page.locator(".related .item-title a").count() >= 1


def test_search_from_the_masthead(site, page):
    page.goto(site.url + "/")
    page.fill("#site-search", "glacier")
    page.press("#site-search", "Enter")
    assert "/search/?q=glacier" in page.url
    results = page.locator(".list .item-title a")
    assert results.count() >= 1
    assert "glacier" in results.first.inner_text().lower()


def test_keyboard_navigation(site, page):
    page.goto(site.url + site.stories[0].get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(60):  # tab forward to the first citation mark
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert page.locator("details.cite[open]").count() == 1
    page.keyboard.press("Escape")  # site.js: Escape closes it and keeps focus on the mark
    assert page.locator("details.cite[open]").count() == 0
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_phone_layout_has_no_sideways_scroll(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(site.url + site.stories[0].get_absolute_url())
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(tab: Any) -> list[tuple[str, list[Any]]]:
    """axe-core's WCAG 2.1 A/AA violations on the page: (rule, first few elements)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert result.response["passes"]  # the rules really ran
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]]


@pytest.mark.parametrize("width", [1280, 375])
def test_pages_pass_the_wcag_aa_rules_of_axe(site, browser, width):
    """axe-core (Deque's accessibility engine) finds no WCAG 2.1 A/AA violation (contrast,
    names, landmarks, form labels, ...) on any kind of page a reader sees, on a desktop and
    a phone, with a citation revealed."""
    story = site.stories[0]
    paths = [
        "/",
        story.get_absolute_url(),
        story.get_absolute_url() + "source/?s=1#s-1",
        story.category.get_absolute_url(),
        story.entities.first().get_absolute_url(),
        "/search/?q=tram",
        "/archive/",
        "/about/",
        "/no-such-page/",
    ]
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    found = {}
    for path in paths:
        tab.goto(site.url + path)
        if path == story.get_absolute_url():
            tab.locator("details.cite summary").first.click()
        found[path] = axe_violations(tab)
    context.close()
    assert found == {path: [] for path in paths}


def test_the_accessibility_check_can_fail(site, page):
    page.goto(site.url + site.stories[0].get_absolute_url())
    page.evaluate("document.querySelector('.lede').style.color = '#bbb'")
    assert "color-contrast" in [rule for rule, _ in axe_violations(page)]


def test_the_desk_passes_the_wcag_aa_rules_of_axe(site, browser, editor):
    """The editors' desk too: sign-in, queue, story list, the story editor beside its source
    text (two-part date-time inputs each named), ingest, comments."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site.url + "/desk/login/")
    found = {"/desk/login/": axe_violations(tab)}
    tab.fill("#id_username", "desk")
    tab.fill("#id_password", "pw-desk-123")
    tab.click("[type=submit]")
    tab.wait_for_url(site.url + "/desk/")
    story = site.stories[0]
    paths = [
        "/desk/",
        "/desk/stories/story/",
        f"/desk/stories/story/{story.id}/change/",
        "/desk/stories/story/ingest/",
        "/desk/comments/comment/",
    ]
    for path in paths:
        assert tab.goto(site.url + path).status == 200, path
        found[path] = axe_violations(tab)
    context.close()
    assert found == {path: [] for path in ["/desk/login/", *paths]}


def test_several_citation_marks_sit_on_one_line(site, page):
    story = next(s for s in site.stories if "Mariners" in s.headline)
    page.goto(site.url + story.get_absolute_url())
    marks = page.locator(".faq-item .answer:has(details.cite + details.cite) summary")
    assert marks.count() >= 2
    tops = {round(marks.nth(i).bounding_box()["y"]) for i in range(marks.count())}
    assert len(tops) == 1, tops
    marks.nth(1).click()  # an opened one shows its sentence below the answer
    assert page.locator(".faq-item details.cite[open] .cite-body").first.is_visible()


def test_the_standalone_brief_page_keeps_its_marks_on_one_line(browser, tmp_path):
    """`nutgraf brief -f html`: the same layout rule for the page the CLI writes."""
    from nutgraf.engine import brief
    from nutgraf.engine.render.html import render_html
    from tests.conftest import SAMPLES

    sample = SAMPLES / "site" / "mariners-championship.html"
    page_file = tmp_path / "brief.html"
    page_file.write_text(render_html(brief(sample)), encoding="utf-8")
    tab = browser.new_page()
    tab.goto(page_file.as_uri())
    marks = tab.locator(
        "dd:has(details.cite + details.cite) summary, "
        "p:has(details.cite + details.cite) summary, "
        "li:has(details.cite + details.cite) summary"
    )
    assert marks.count() >= 2
    first_group = marks.first.locator("xpath=ancestor::*[self::dd or self::p or self::li][1]")
    group = first_group.locator("details.cite summary")
    tops = {round(group.nth(i).bounding_box()["y"]) for i in range(group.count())}
    tab.close()
    assert len(tops) == 1, tops


# The page says each thing once: a thin story and a padded one, both real pages of the
# padding set (tests/data/padding), as a reader sees them.
PADDING = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "padding"

VISIBLE_TEXT = """() => {
    const article = document.querySelector("article.story").cloneNode(true);
    article.querySelectorAll("details.cite").forEach((mark) => mark.remove());
    return article.textContent;
}"""
MARKS = """() => [...document.querySelectorAll("article.story details.cite")].map((mark) => [
    mark.querySelector("summary").textContent.replace("Show source sentence", "").trim(),
    mark.querySelector("q").textContent,
])"""


def _story_from(make_story, page_text: str, name: str):
    composed = composition.compose_from_bytes(
        location=name, content=page_text.encode("utf-8"), media_type="text/markdown"
    )
    return make_story(composed)


@pytest.fixture
def thin_and_padded(live_server, transactional_db, make_story) -> Any:
    from nutgraf.bench.padding import load_pairs

    pairs = {pair.id: pair for pair in load_pairs(PADDING)}
    thin = _story_from(make_story, pairs["boe-rate-cut-a"].original.markdown(), "thin.md")
    padded = _story_from(make_story, pairs["uk-election-2024"].padded.markdown(), "padded.md")
    live_server.thin, live_server.padded = thin, padded
    return live_server


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


@pytest.mark.parametrize("which", ["thin", "padded"])
def test_the_page_says_each_sentence_once_and_numbers_marks_by_sentence(
    thin_and_padded, page, which
):
    from nutgraf.engine.compose.wording import display_text, trim_commentary

    story = getattr(thin_and_padded, which)
    page.goto(thin_and_padded.url + story.get_absolute_url())
    visible = _normal(page.evaluate(VISIBLE_TEXT))
    repeated = []
    for sentence in story.brief["sentences"]:
        # a key point may be the sentence trimmed at either end: look for its middle, which
        # every showing of the sentence contains
        words = trim_commentary(display_text(sentence["text"])).split()
        probe = _normal(" ".join(words[1:] if len(words) > 4 else words))
        if visible.count(probe) > 1:
            repeated.append(sentence["text"])
    assert repeated == []
    marks = page.evaluate(MARKS)
    assert marks, "the page cites its sources"
    number_of: dict[str, str] = {}
    for number, sentence in marks:
        assert number_of.setdefault(sentence, number) == number, (
            sentence
        )  # same sentence, same number
    assert len(set(number_of.values())) == len(number_of)  # another sentence, another number
    assert sorted(int(n) for n in number_of.values()) == list(range(1, len(number_of) + 1))


def test_a_thin_story_gives_a_short_page(thin_and_padded, page):
    """No section repeats what the lede and the key points say; the page is no longer than
    the report it explains."""
    story = thin_and_padded.thin
    page.goto(thin_and_padded.url + story.get_absolute_url())
    shown = page.evaluate(
        """() => [".lede", ".key-points ul", ".part", ".faq", ".timeline"].flatMap(
            (s) => [...document.querySelectorAll("article.story " + s)]).map(
            (e) => { const c = e.cloneNode(true);
                     c.querySelectorAll("details.cite").forEach((m) => m.remove());
                     return c.textContent; }).join(" ")"""
    )
    source_words = sum(len(s["text"].split()) for s in story.brief["sentences"])
    assert len(shown.split()) <= source_words
    assert page.locator(".key-points li").count() >= 1
