"""The editors' desk: ingest, review queue, edit with citations kept, flags, publish, history."""

from __future__ import annotations

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
    data = {
        "headline": story.headline,
        "category": story.category_id,
        "summary": story.summary,
        "description": story.description,
        "tag_names": ", ".join(t.name for t in story.tags.all()),
        "featured": "",
        "image_url": "",
        "published_at_0": "",
        "published_at_1": "",
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
    assert "Cites [" in html  # each point shows the sentences it cites
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
