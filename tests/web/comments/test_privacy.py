"""An email address given with a comment is never shown: pages, feeds, errors, logs.

Every public URL is fetched after comments signed with a distinctive address were posted
(approved, pending, refused, rate-limited and failing with a server error) and each response
and every log record is searched for the address.
"""

from __future__ import annotations

import logging

from django.test import Client
from django.views.debug import ExceptionReporter

from nutgraf.web.comments import moderation
from nutgraf.web.comments.models import Comment
from nutgraf.web.stories import services as story_services

from .conftest import approve_author, post

EMAIL = "Hidden.Person-4f2c@Private-Mail.example"
NEEDLES = [EMAIL, EMAIL.lower(), "hidden.person-4f2c", "4f2c@"]


def leaks(text: str) -> list[str]:
    low = text.lower()
    return [n for n in NEEDLES if n.lower() in low]


def public_urls(story, comment) -> list[str]:
    entity = story.entities.first()
    return [
        "/",
        story.get_absolute_url(),
        f"{story.get_absolute_url()}?replytocom={comment.id}",
        f"{story.get_absolute_url()}source/",
        f"{story.get_absolute_url()}comments/rss.xml",
        comment.get_absolute_url(),
        story.category.get_absolute_url(),
        f"/category/{story.category.slug}/rss.xml",
        f"/category/{story.category.slug}/atom.xml",
        entity.get_absolute_url(),
        "/archive/",
        "/search/?q=Hidden+Person",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/comments/999999/",
    ]


def test_email_never_appears_in_pages_feeds_or_logs(client, story, settings, caplog):
    caplog.set_level(logging.DEBUG)
    story_services.related_rebuild()
    approve_author(story, EMAIL.lower())
    ok = post(client, story, name="Hidden Person", email=EMAIL, comment="Approved and shown.")
    assert ok.status_code == 303
    shown = Comment.objects.get(text="Approved and shown.")
    assert shown.status == Comment.Status.APPROVED
    assert shown.email == EMAIL.lower()  # kept for moderation
    held = post(
        client,
        story,
        name="Hidden Person",
        email=EMAIL,
        comment="Held: https://a.example/one and https://b.example/two with enough words here.",
    )
    assert held.status_code == 303
    responses = {
        "refused (no text)": post(client, story, email=EMAIL, comment=""),
        "refused (bad address)": post(client, story, email=EMAIL + "@@", comment="Bad address."),
        "refused (bad parent)": post(client, story, email=EMAIL, parent="999999"),
        "report": client.post(f"/comments/{shown.id}/report/"),
    }
    settings.COMMENT_RATE = "1/3600"
    limited = Client(REMOTE_ADDR="10.9.9.9")
    post(limited, story, email=EMAIL)
    responses["rate limited"] = post(limited, story, email=EMAIL)
    assert responses["rate limited"].status_code == 429
    assert responses["refused (no text)"].status_code == 400
    for url in public_urls(story, shown):
        responses[url] = client.get(url)  # this client is the author: sees its held comment too
        responses[f"{url} (another reader)"] = Client().get(url)
    assert b"awaiting moderation" in responses[story.get_absolute_url()].content
    for what, response in responses.items():
        body = response.content.decode("utf-8", "replace")
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        assert leaks(body + headers) == [], what
    assert [r.getMessage() for r in caplog.records if leaks(r.getMessage())] == []
    assert leaks(caplog.text) == []
    assert len(responses) > 35


def test_a_server_error_while_posting_hides_the_email(story, monkeypatch, caplog):
    def fail(**facts):
        raise RuntimeError("database went away")

    # Deep inside posting, below the view and the service: their locals hold the address.
    monkeypatch.setattr(moderation, "judge_comment", fail)
    caplog.set_level(logging.DEBUG)
    client = Client(raise_request_exception=False)
    response = post(client, story, email=EMAIL)
    assert response.status_code == 500
    assert leaks(response.content.decode()) == []
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert leaks(caplog.text) == []
    # What Django would mail to ADMINS or show with DEBUG on: the address is starred out.
    report = ExceptionReporter(record.request, *record.exc_info, is_email=True)
    assert leaks(report.get_traceback_text()) == []
    assert "email" in report.get_traceback_text()  # the field is there, its value is not
    assert leaks(report.get_traceback_html()) == []


def test_the_desk_is_where_editors_see_it(admin_client, story):
    """Editors moderate with it; it is shown there and nowhere public."""
    Comment.objects.create(story=story, name="Hidden Person", email=EMAIL.lower(), text="Hi.")
    comment = Comment.objects.get()
    page = admin_client.get(f"/desk/comments/comment/{comment.id}/change/").content.decode()
    assert EMAIL.lower() in page
