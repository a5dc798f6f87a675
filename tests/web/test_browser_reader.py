"""Reader pages in headless Chromium at a desktop and a phone width: coverage (its index, the
disagreement table, the story page's link near the top), the home page's grouping and layout,
dark mode, times in the reader's zone, images, reporting a comment.

Run with `pytest -m browser tests/web`; skipped when no system Chromium is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.web.coverage.models import Coverage
from nutgraf.web.coverage.samples import coverage_samples_load
from nutgraf.web.stories import services
from tests.web.test_browser import CHROMIUM, SHOTS, axe_violations, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no system Chromium"),
]

WIDTHS = [1280, 390]


@pytest.fixture
def site(live_server, transactional_db, make_story, sample_inputs):
    stories = [make_story(c, hours_ago=30 + i) for i, c in enumerate(sample_inputs)]
    coverage_samples_load()
    services.related_rebuild()
    live_server.stories = stories
    return live_server


def open_tab(browser, width, **options):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.errors = errors
    return context, tab


def fits(tab, width) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth") <= width


def ferry_fire() -> Coverage:
    return Coverage.objects.get(members__story__headline__startswith="Ferry fire: everything")


@pytest.mark.parametrize("width", WIDTHS)
def test_coverage_page_and_its_disagreement_table_fit(site, browser, width):  # noqa: F811
    context, tab = open_tab(browser, width)
    tab.goto(site.url + ferry_fire().get_absolute_url())
    table = tab.locator(".disagreement").first
    assert table.is_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert fits(tab, width)
    # each outlet's row still says who gives which value
    row = table.locator("tbody tr").first
    assert row.locator("th.outlet").inner_text() and row.locator("td.value").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"coverage-{width}.png"), full_page=True)
    assert tab.errors == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_coverage_index_lists_every_covered_story(site, browser, width):  # noqa: F811
    context, tab = open_tab(browser, width)
    tab.goto(site.url + "/")
    tab.locator("footer a", has_text="Coverage").click()
    assert tab.url == site.url + "/coverage/"
    titles = tab.locator(".coverage-index .item-title a").all_inner_texts()
    assert sorted(titles) == sorted(c.title for c in Coverage.objects.filter(articles__gte=2))
    assert (
        "5 articles from 5 outlets"
        in tab.locator(".coverage-index .meta").all_inner_texts()[titles.index(ferry_fire().title)]
    )
    tab.locator(".coverage-index .item-title a", has_text=ferry_fire().title).click()
    assert tab.locator("h1").inner_text() == ferry_fire().title
    assert fits(tab, width) and tab.errors == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_story_links_to_its_coverage_near_the_top(site, browser, width):  # noqa: F811
    story = ferry_fire().members.order_by("position").first().story
    context, tab = open_tab(browser, width)
    tab.goto(site.url + story.get_absolute_url())
    line = tab.locator(".coverage-line")
    top = line.bounding_box()["y"]
    assert top < tab.locator("h1").bounding_box()["y"] + 300
    assert top < tab.locator(".lede").bounding_box()["y"]
    assert top < tab.locator(".sources").bounding_box()["y"]
    assert top < 900  # in the first screen
    assert fits(tab, width) and tab.errors == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_home_groups_stories_by_coverage_and_leaves_no_holes(site, browser, width):  # noqa: F811
    context, tab = open_tab(browser, width)
    tab.goto(site.url + "/")
    top = tab.locator(".top .item")
    assert top.count() >= 6
    hrefs = [top.nth(i).locator(".item-title a").get_attribute("href") for i in range(6)]
    coverage_links = [
        top.nth(i).locator(".coverage-counts").get_attribute("href")
        for i in range(6)
        if top.nth(i).locator(".coverage-counts").count()
    ]
    assert len(coverage_links) == len(set(coverage_links)), "one event in several top slots"
    assert len(hrefs) == len(set(hrefs))
    # no two different stories on the page share a summary
    by_story: dict[str, str] = {}
    for item in tab.locator("main .item").all():
        summary = item.locator(".item-summary")
        if summary.count():
            href = item.locator(".item-title a").get_attribute("href")
            text = summary.inner_text()
            assert by_story.setdefault(text, href) == href, text
    # category rows: the stories span the row, however few (no empty columns)
    for grid in tab.locator(".category-block .grid").all():
        row = grid.bounding_box()
        items = grid.locator(".item").all()
        right = max(i.bounding_box()["x"] + i.bounding_box()["width"] for i in items)
        assert abs(row["x"] + row["width"] - right) <= 2, grid.inner_text()[:80]
    # under the lead: no large blank area beside the list of latest stories
    if width > 800:
        lead = tab.locator(".item-lead").bounding_box()
        beside = tab.locator(".latest-list").bounding_box()
        gap = abs((lead["y"] + lead["height"]) - (beside["y"] + beside["height"]))
        assert gap < 0.35 * max(lead["height"], beside["height"]), gap
    assert fits(tab, width) and tab.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_dark_mode_follows_the_reader_and_passes_axe(site, browser, width):  # noqa: F811
    story = site.stories[0]
    context, tab = open_tab(browser, width, color_scheme="dark")
    paths = [
        "/",
        story.get_absolute_url(),
        story.get_absolute_url() + "source/?s=1#s-1",
        story.category.get_absolute_url(),
        "/coverage/",
        ferry_fire().get_absolute_url(),
        "/search/?q=tram",
        "/archive/",
        "/about/",
        "/no-such-page/",
    ]
    found = {}
    for path in paths:
        if path == "/no-such-page/":
            assert tab.errors == []  # the 404 itself is logged as a failed load
        tab.goto(site.url + path)
        background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(20, 20, 20)", (path, background)
        if path == story.get_absolute_url():
            tab.locator("details.cite summary").first.click()
            tab.locator("details.comment-report summary").count()  # present only with comments
        found[path] = axe_violations(tab)
    assert found == {path: [] for path in paths}
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_light_pages_pass_axe_too(site, browser, width):  # noqa: F811
    context, tab = open_tab(browser, width, color_scheme="light")
    found = {}
    for path in ("/coverage/", ferry_fire().get_absolute_url()):
        tab.goto(site.url + path)
        found[path] = axe_violations(tab)
    assert found == {path: [] for path in found}
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_times_are_in_the_readers_zone(site, browser, width):  # noqa: F811
    story = site.stories[0]
    context, tab = open_tab(browser, width, timezone_id="America/New_York")
    tab.goto(site.url + story.get_absolute_url())
    shown = tab.locator(".byline time").first.inner_text()
    from zoneinfo import ZoneInfo

    local = story.published_at.astimezone(ZoneInfo("America/New_York"))
    offset = f"GMT{local.utcoffset().total_seconds() / 3600:+.0f}"
    assert f"{local:%H:%M}" in shown and shown.endswith((local.tzname(), offset)), shown
    context.close()
    context, tab = open_tab(browser, width, java_script_enabled=False)
    tab.goto(site.url + story.get_absolute_url())
    assert tab.locator(".byline time").first.inner_text().endswith("UTC")  # says which zone
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_report_a_comment_with_a_reason_and_stay_on_the_story(site, browser, width):  # noqa: F811
    from nutgraf.web.comments.models import Comment

    story = site.stories[0]
    comment = Comment.objects.create(
        story=story,
        name="Rook",
        email="rook@example.org",
        text="Buy cheap watches here.",
        status=Comment.Status.APPROVED,
    )
    context, tab = open_tab(browser, width)
    tab.goto(f"{site.url}{story.get_absolute_url()}#comment-{comment.id}")
    box = tab.locator(f"#comment-{comment.id} details.comment-report")
    box.locator("summary").click()
    form = box.locator("form")
    assert "Why report" in form.locator("legend").inner_text()
    form.locator("button[name=confirm]").click()  # no reason chosen: the browser asks for one
    assert tab.url.endswith(f"#comment-{comment.id}")
    comment.refresh_from_db()
    assert comment.report_count == 0
    form.locator("input[value=spam]").check()
    form.locator("button[name=confirm]").click()
    tab.wait_for_url(f"**{story.get_absolute_url()}?reported={comment.id}#comment-{comment.id}")
    thanks = tab.locator(f"#comment-{comment.id} .comment-reported")
    assert thanks.is_visible() and "Thank you" in thanks.inner_text()
    assert tab.locator("h1").inner_text() == story.headline  # still on the story
    comment.refresh_from_db()
    assert comment.report_count == 1 and comment.reports.get().reason == "spam"
    assert fits(tab, width) and tab.errors == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_uploaded_image_leads_and_lists(site, browser, width, settings, tmp_path):  # noqa: F811
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    story = site.stories[0]
    picture = io.BytesIO()
    Image.new("RGB", (1600, 900), (40, 110, 70)).save(picture, "PNG")
    services.story_image_update(
        story=story,
        editor=None,
        upload=picture.getvalue(),
        alt="Workers on the battery plant site",
        caption="The site in Port Ellery.",
        credit="Photo: Ines Varga",
    )
    context, tab = open_tab(browser, width)
    tab.goto(site.url + story.get_absolute_url())
    image = tab.locator("figure.story-figure img.story-image")
    assert image.get_attribute("loading") is None  # the lead image is not lazy
    assert image.get_attribute("fetchpriority") == "high"
    assert image.get_attribute("alt") == "Workers on the battery plant site"
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1600
    assert image.bounding_box()["width"] <= width
    caption = tab.locator("figure.story-figure figcaption").text_content()
    assert caption == "The site in Port Ellery. Photo: Ines Varga"
    tab.goto(site.url + story.category.get_absolute_url())
    thumb = tab.locator(f".item:has(a[href='{story.get_absolute_url()}']) img.item-thumb")
    thumb.scroll_into_view_if_needed()  # lazy: it loads as it comes into view
    thumb.evaluate("img => img.decode()")
    assert thumb.evaluate("img => img.naturalWidth") == 480
    assert thumb.get_attribute("loading") == "lazy"
    assert fits(tab, width) and tab.errors == []
    context.close()
