"""The editors' desk: ingest, review queue, edit with citations kept, flags, publish, history."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nutgraf.web.stories import services
from nutgraf.web.stories.models import Story, StoryRevision

ARTICLE = """Harbour ferry fares to fall next month

Port Ellery will cut harbour ferry fares by a quarter from 1 April, the transit authority said
on Monday. The cut applies to all single tickets and monthly passes.

Transit director Ola Brandt said ridership had fallen by 12 percent since the fares rose in
2023. "We priced people off the water," Brandt said.

The authority expects the cut to cost 2 million dollars a year, paid from the new transit levy.
"""


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def form_data(story: Story, **changes) -> dict:
    local = timezone.localtime(story.published_at) if story.published_at else None
    data = {
        "headline": story.headline,
        "category": story.category_id,
        "summary": story.summary,
        "description": story.description,
        "tag_names": ", ".join(t.name for t in story.tags.all()),
        "featured": "",
        "image_url": "",
        # as the editor shows them: the story's publication time, in the site's time zone
        "published_at_0": local.strftime("%Y-%m-%d") if local else "",
        "published_at_1": local.strftime("%H:%M:%S") if local else "",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "revisions-MIN_NUM_FORMS": "0",
        "revisions-MAX_NUM_FORMS": "1000",
    }
    for i in range(9):
        points = story.brief["key_points"]
        data[f"point_{i}"] = points[i]["text"] if i < len(points) else ""
    for i in range(8):
        faq = story.brief["faq"]
        data[f"faq_q_{i}"] = faq[i]["question"] if i < len(faq) else ""
        data[f"faq_a_{i}"] = faq[i]["answer"] if i < len(faq) else ""
    data.update(changes)
    return data


def test_desk_needs_sign_in(client, db):
    response = client.get("/desk/")
    assert response.status_code == 302 and "/desk/login/" in response["Location"]


def test_ingest_pasted_text_makes_a_draft(desk):
    response = desk.post(reverse("admin:stories_story_ingest"), {"text": ARTICLE})
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:stories_story_change", args=[story.pk])
    assert story.status == Story.Status.DRAFT
    assert story.headline == "Harbour ferry fares to fall next month"
    assert story.brief["key_points"]
    assert bytes(story.source.content).decode().strip() == ARTICLE.strip()
    index = desk.get("/desk/").content.decode()
    assert "Review queue" in index and story.headline in index
    queue = desk.get(reverse("admin:stories_draftstory_changelist")).content.decode()
    assert story.headline in queue


def test_ingest_upload(desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = f"<html><body><article><h1>Ferry fares</h1><p>{ARTICLE}</p></article></body></html>"
    upload = SimpleUploadedFile("ferry.html", html.encode(), content_type="text/html")
    desk.post(reverse("admin:stories_story_ingest"), {"upload": upload})
    assert Story.objects.get().source.media_type == "text/html"


def test_ingest_by_url_fetches_with_the_feeds_fetcher(desk, settings):
    from tests.security.conftest import serve

    settings.FETCH_PRIVATE = True  # NUTGRAF_FETCH_PRIVATE=1: the page is on this machine
    page = f"<html><body><article><h1>Ferry fares</h1><p>{ARTICLE}</p></article></body></html>"
    for record in serve("127.0.0.1"):
        record.routes["/ferry"] = (
            200,
            (("Content-Type", "text/html; charset=utf-8"),),
            page.encode(),
        )
        response = desk.post(reverse("admin:stories_story_ingest"), {"url": record.base + "/ferry"})
        assert record.hits == ["/ferry"]
    story = Story.objects.get()
    assert response["Location"] == reverse("admin:stories_story_change", args=[story.pk])
    assert story.headline == "Ferry fares"


def test_ingest_refuses_nothing_or_two_inputs(desk):
    page = desk.post(reverse("admin:stories_story_ingest"), {}).content.decode()
    assert "Give exactly one of" in page
    assert not Story.objects.exists()


def test_ingest_shows_engine_errors_as_one_sentence(desk):
    page = desk.post(reverse("admin:stories_story_ingest"), {"text": "Too short."})
    assert page.status_code == 200
    assert b"errornote" in page.content
    assert not Story.objects.exists()


def test_change_page_shows_source_beside_the_brief(desk, make_story, sample_inputs):
    story = make_story(sample_inputs[0], publish=False)
    html = desk.get(reverse("admin:stories_story_change", args=[story.pk])).content.decode()
    assert 'class="desk-source"' in html
    first = story.brief["sentences"][0]
    assert f'id="s-{first["id"]}"' in html
    cited = story.brief["key_points"][0]["sources"]
    assert f'<li data-id="{cited[0]}">' in html  # each point shows the sentences it cites
    assert 'name="point_sources_0"' in html
    assert 'name="_publish"' in html and 'name="_recompose"' in html


def test_edit_keeps_citations_and_flags_unsupported_words(desk, make_story, sample_inputs):
    story = make_story(sample_inputs[0], publish=False)
    sources = story.brief["key_points"][0]["sources"]
    reworded = story.brief["key_points"][0]["text"].rstrip(".") + " according to filings."
    data = form_data(story, point_0=reworded, point_1="Profits tripled to 9 billion dollars.")
    response = desk.post(reverse("admin:stories_story_change", args=[story.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    story.refresh_from_db()
    assert story.brief["key_points"][0]["sources"] == sources
    assert story.brief["key_points"][0]["text"] == reworded
    flagged = {flag["item"]: flag["problem"] for flag in story.review_flags}
    assert "Key point 1" not in flagged
    assert "9" in flagged["Key point 2"]
    html = desk.get(reverse("admin:stories_story_change", args=[story.pk])).content.decode()
    assert "Check these before publishing" in html


def test_publish_unpublish_schedule_buttons(desk, make_story, sample_inputs):
    story = make_story(sample_inputs[0], publish=False)
    url = reverse("admin:stories_story_change", args=[story.pk])
    desk.post(url, form_data(story, _publish="1"))
    story.refresh_from_db()
    assert story.is_visible
    desk.post(url, form_data(story, _unpublish="1"))
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    later = timezone.localtime() + timedelta(days=1)
    data = form_data(
        story,
        _publish="1",
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    desk.post(url, data)
    story.refresh_from_db()
    assert story.is_scheduled and not story.is_visible
    actions = list(StoryRevision.objects.filter(story=story).values_list("action", flat=True))
    lifecycle = [a for a in actions if a != "edited"]
    assert lifecycle == ["scheduled", "unpublished", "published", "composed"]


def test_updated_date_is_honest(editor, make_story, sample_inputs):
    story = make_story(sample_inputs[0], publish=False)
    services.story_update(
        story=story,
        editor=editor,
        headline="A new headline",
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"]],
        faq=[(f["question"], f["answer"]) for f in story.brief["faq"]],
    )
    assert story.updated_at is None  # edits before publication are not updates
    services.story_publish(story=story, editor=editor, at=timezone.now() - timedelta(hours=1))
    services.story_update(
        story=story,
        editor=editor,
        headline="A newer headline",
        category=story.category,
        summary=story.summary,
        key_points=[p["text"] for p in story.brief["key_points"]],
        faq=[(f["question"], f["answer"]) for f in story.brief["faq"]],
    )
    story.refresh_from_db()
    assert story.updated_at is not None and story.updated_at > story.published_at
    revision = story.revisions.first()
    assert revision.public and "headline" in revision.changed and revision.editor == editor


def test_recompose_restores_the_engine_brief(desk, make_story, sample_inputs):
    story = make_story(sample_inputs[0], publish=False)
    original = story.brief["key_points"][0]["text"]
    url = reverse("admin:stories_story_change", args=[story.pk])
    desk.post(url, form_data(story, point_0="Something else entirely."))
    story.refresh_from_db()
    assert story.review_flags
    desk.post(url, form_data(story, _recompose="1"))
    story.refresh_from_db()
    assert story.brief["key_points"][0]["text"] == original
    assert story.revisions.first().action == "recomposed"


def test_categories_and_tags_are_managed_in_the_desk(desk, db):
    for name in ("category", "tag", "entity", "story", "draftstory"):
        assert desk.get(reverse(f"admin:stories_{name}_changelist")).status_code == 200


def _number_changed(text: str) -> tuple[str, str]:
    """`text` with its first figure raised by 100 ("420 births" -> "520 births"), and that figure."""
    import re

    match = re.search(r"\b\d+\b", text)
    assert match, text
    new = str(int(match.group()) + 100)
    return text[: match.start()] + new + text[match.end() :], new


def _point_with_a_figure(story: Story) -> int:
    return next(
        i for i, p in enumerate(story.brief["key_points"]) if any(c.isdigit() for c in p["text"])
    )


def test_a_flagged_edit_of_a_published_story_waits_for_confirmation(
    client, desk, make_story, sample_inputs
):
    from django.utils.html import escape

    from tests.web.test_structured import by_type, json_ld, news_article_problems

    story = make_story(sample_inputs[0])
    n = _point_with_a_figure(story)
    old = story.brief["key_points"][n]["text"]
    new, figure = _number_changed(old)
    url = reverse("admin:stories_story_change", args=[story.pk])
    response = desk.post(url, form_data(story, **{f"point_{n}": new}))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.brief["key_points"][n]["text"] == old  # readers keep the supported wording
    held = story.pending_edits.get()
    assert (held.item, held.text) == (f"key_points.{n}", new) and figure in held.problem
    assert story.revisions.first().action == "held"
    page = client.get(story.get_absolute_url()).content.decode()
    assert escape(new) not in page and escape(old) in page
    editor_page = desk.get(url).content.decode()
    assert escape(new) in editor_page and f'name="_confirm" value="key_points.{n}"' in editor_page
    # Saving again keeps it held: the field shows the held wording, so it is sent again.
    desk.post(url, form_data(story, **{f"point_{n}": new}))
    assert story.pending_edits.count() == 1
    # The editor confirms it on that field.
    desk.post(url, form_data(story, **{f"point_{n}": new}, _confirm=f"key_points.{n}"))
    story.refresh_from_db()
    assert story.brief["key_points"][n] == {
        **story.brief["key_points"][n],
        "text": new,
        "wording": "newsroom",
    }
    assert not story.pending_edits.exists()
    assert story.revisions.first().action == "confirmed" and story.revisions.first().public
    page = client.get(story.get_absolute_url()).content.decode()
    # The page numbers the points it shows (a point the lede already says is left out).
    marked = re.search(rf'<li id="point-(\d+)" class="newsroom">{re.escape(escape(new))} ', page)
    assert marked is not None
    assert "Newsroom's wording, not the source's</span>" in page
    (article,) = by_type(json_ld(page), "NewsArticle")
    assert news_article_problems(article) == []
    (part,) = article["hasPart"]
    assert part["cssSelector"] == f"#point-{marked[1]}" and part["text"] == new
    assert part["author"]["name"] == "nutgraf"
    # Confirmed wording is not flagged again, and an unchanged save keeps its mark.
    assert not [f for f in story.review_flags if f["item"] == f"Key point {n + 1}"]
    desk.post(url, form_data(story))
    story.refresh_from_db()
    assert story.brief["key_points"][n]["wording"] == "newsroom"


def test_a_supported_edit_goes_live_at_once_and_a_held_one_can_be_dropped(
    desk, make_story, sample_inputs
):
    story = make_story(sample_inputs[0])
    url = reverse("admin:stories_story_change", args=[story.pk])
    text = story.brief["key_points"][0]["text"]
    shorter = text.rstrip(".") + "."
    desk.post(
        url,
        form_data(story, point_0=" " + shorter + " ", point_1="Something the source never said."),
    )
    story.refresh_from_db()
    assert story.brief["key_points"][0]["text"] == shorter
    assert story.pending_edits.get().item == "key_points.1"
    desk.post(
        url, form_data(story, point_1="Something the source never said.", _discard="key_points.1")
    )
    assert not story.pending_edits.exists()
    story.refresh_from_db()
    assert story.brief["key_points"][1]["text"] != "Something the source never said."


def test_picking_other_citations_for_a_point(desk, make_story, sample_inputs):
    story = make_story(sample_inputs[0], publish=False)
    url = reverse("admin:stories_story_change", args=[story.pk])
    point = story.brief["key_points"][0]
    sentence = (
        next(s for s in story.brief["sentences"] if s["text"] == point["text"])
        if any(s["text"] == point["text"] for s in story.brief["sentences"])
        else None
    )
    ids = [*point["sources"], max(s["id"] for s in story.brief["sentences"])]
    desk.post(url, form_data(story, point_sources_0=", ".join(map(str, ids))))
    story.refresh_from_db()
    assert story.brief["key_points"][0]["sources"] == sorted(set(ids), key=ids.index)
    assert sentence is None or sentence["id"] in ids
    page = desk.post(url, form_data(story, point_sources_0="3, x")).content.decode()
    assert "Give sentence numbers" in page
    page = desk.post(url, form_data(story, point_sources_0="99999")).content.decode()
    assert "The source has no sentence 99999" in page


def test_pasted_text_says_where_it_came_from(client, desk):
    from tests.web.test_structured import by_type, json_ld

    response = desk.post(
        reverse("admin:stories_story_ingest"),
        {
            "text": ARTICLE,
            "byline": "Mara Lindqvist",
            "outlet": "Port Ellery Gazette",
            "published": "2025-03-03T07:30",
            "original_url": "https://gazette.example.org/ferry-fares",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.source.site_name == "Port Ellery Gazette" and story.byline == "Mara Lindqvist"
    services.story_publish(story=story)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Original report" not in page
    assert '<span class="outlet">Port Ellery Gazette</span> (by Mara Lindqvist)' in page
    (article,) = by_type(json_ld(page), "NewsArticle")
    assert article["author"] == [
        {"@type": "NewsMediaOrganization", "name": "nutgraf", "url": "http://testserver/"}
    ]
    based_on = article["isBasedOn"]
    assert based_on["author"] == [{"@type": "Person", "name": "Mara Lindqvist"}]
    assert based_on["publisher"]["name"] == "Port Ellery Gazette"
    assert based_on["url"] == "https://gazette.example.org/ferry-fares"
    assert based_on["datePublished"].startswith("2025-03-03T07:30")
    # and the editor can correct it later
    url = reverse("admin:stories_story_change", args=[story.pk])
    desk.post(
        url,
        form_data(
            story,
            source_site="The Port Ellery Gazette",
            source_author="M. Lindqvist",
            source_published="2025-03-03",
            source_url="https://gazette.example.org/ferry-fares",
        ),
    )
    story.refresh_from_db()
    assert story.source.site_name == "The Port Ellery Gazette" and story.byline == "M. Lindqvist"


def test_history_shows_a_word_diff_and_restores(desk, make_story, sample_inputs):
    story = make_story(sample_inputs[0])
    url = reverse("admin:stories_story_change", args=[story.pk])
    old_headline = story.headline
    desk.post(url, form_data(story, headline=old_headline + " again"))
    page = desk.get(reverse("admin:stories_story_history", args=[story.pk])).content.decode()
    assert "<ins>again</ins>" in page and "Restore this version" in page
    first = story.revisions.order_by("created_at", "id").first()
    restore = reverse("admin:stories_story_restore", args=[story.pk, first.pk])
    assert desk.get(restore).status_code == 405
    assert desk.post(restore).status_code == 302
    story.refresh_from_db()
    assert story.headline == old_headline and story.revisions.first().action == "restored"
    assert story.is_visible  # restoring text leaves the story published


def test_scheduling_says_when_and_the_list_filters_scheduled(desk, make_story, sample_inputs):
    draft = make_story(sample_inputs[0], publish=False)
    live = make_story(sample_inputs[1])
    url = reverse("admin:stories_story_change", args=[draft.pk])
    later = timezone.localtime() + timedelta(days=2)
    response = desk.post(
        url,
        form_data(
            draft,
            _publish="1",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1="07:00:00",
        ),
        follow=True,
    )
    when = later.replace(hour=7, minute=0)
    expected = f"Scheduled “{draft.headline}” for {when.day} {when:%b %Y}, 07:00 UTC"
    assert expected in response.content.decode()
    listing = desk.get(
        reverse("admin:stories_story_changelist") + "?state=scheduled"
    ).content.decode()
    assert draft.headline in listing and live.headline not in listing
    assert f"scheduled for {when.day} {when:%b %Y}, 07:00 UTC" in listing


def _png(width: int = 1200, height: int = 800) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def test_upload_an_image_with_caption_credit_and_alt_text(
    client, desk, make_story, sample_inputs, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    story = make_story(sample_inputs[0])
    url = reverse("admin:stories_story_change", args=[story.pk])
    data = form_data(
        story,
        image_alt="A tram crossing the harbour bridge at dusk",
        image_caption="The new line opens in May.",
        image_credit="Photo: Ines Varga",
    )
    data["image_upload"] = SimpleUploadedFile("tram.png", _png(), content_type="image/png")
    assert desk.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.image.name.endswith(".jpg") and (story.image_width, story.image_height) == (
        1200,
        800,
    )
    assert (tmp_path / story.image_thumbnail.name).exists()
    page = client.get(story.get_absolute_url()).content.decode()
    assert (
        f'<img class="story-image" src="{story.image.url}" alt="A tram crossing the harbour bridge at dusk" width="1200" height="800" fetchpriority="high">'
        in page
    )
    assert 'loading="lazy"' not in page.split('class="story-image"')[1].split(">")[0]
    assert (
        '<figcaption>The new line opens in May. <span class="credit">Photo: Ines Varga</span></figcaption>'
        in page
    )
    image = client.get(story.image.url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content)[:2] == b"\xff\xd8"
    assert client.get("/media/../settings.py").status_code == 404
    home = client.get("/").content.decode()
    assert story.thumbnail_url in home  # listings show the thumbnail
    bad = form_data(story)
    bad["image_upload"] = SimpleUploadedFile(
        "evil.png", b"<svg onload=alert(1)>", content_type="image/png"
    )
    assert "not an image the site can read" in desk.post(url, bad).content.decode()
