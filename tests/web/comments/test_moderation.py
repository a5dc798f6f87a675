"""Moderation rules, each on its own, then through the real form and database."""

from __future__ import annotations

import re
import time

import pytest

from nutgraf.web.comments.forms import form_token
from nutgraf.web.comments.models import Comment
from nutgraf.web.comments.moderation import judge_comment

from .conftest import approve_author, browser, post

PLAIN = "The harbour figures in the second section do not match the table."


def judge(text: str = PLAIN, **facts):
    base = {
        "trap_filled": False,
        "seen_before": False,
        "known_commenter": True,
    }
    return judge_comment(text=text, **{**base, **facts})


def test_a_known_commenter_with_a_plain_comment_is_approved():
    assert judge().status == "approved"


def test_a_first_time_commenter_is_held():
    assert judge(known_commenter=False).status == "pending"


def test_two_links_are_held_even_from_a_known_commenter():
    text = "Two sources disagree here: https://a.example/report and https://b.example/data so which is right?"
    assert judge(text).status == "pending"


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (PLAIN, {"trap_filled": True}),
        (" ".join(f"https://site{i}.example/p" for i in range(6)), {}),
        ("cheap http://a.example http://b.example", {}),
        ("Great deals on viagra and cialis, no prescription needed at all.", {}),
        ("Best payday loan rates, click here today for your offer.", {}),
        ("Online slots bonus at https://spam.example today", {}),
        (PLAIN, {"seen_before": True}),
        ("Buy now!\nBuy now!\nBuy now!\nBuy now!", {}),
        ("cheap cheap cheap cheap cheap cheap cheap cheap watches", {}),
    ],
    ids=[
        "honeypot",
        "link-farm",
        "links-without-words",
        "pharma",
        "loans",
        "phrase-and-link",
        "repeated-post",
        "repeated-lines",
        "repeated-word",
    ],
)
def test_obvious_spam(text, facts):
    verdict = judge(text, **facts)
    assert verdict.status == "spam"
    assert verdict.reason


def test_ordinary_words_near_spam_words_pass():
    assert judge("The casino bill was debated; opponents cited addiction data.").status == (
        "approved"
    )


# -- through the form and the database ---------------------------------------------------------


def test_first_comment_waits_and_the_author_sees_it(client, story):
    response = post(client, story)
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.reason == "first comment from this address"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "awaiting moderation" in page
    assert "do not match the table" in page


def test_pending_comment_is_not_shown_to_others(client, story, django_user_model):
    post(client, story)
    from django.test import Client

    other = Client().get(story.get_absolute_url()).content.decode()
    assert "do not match the table" not in other


def test_known_commenter_goes_straight_up(client, story):
    approve_author(story, "ada.reader@example.org")
    response = post(client, story, email="Ada.Reader@Example.org")
    assert response.status_code == 303
    comment = Comment.objects.get(name="Ada Reader")
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"].endswith(f"#comment-{comment.id}")


def test_a_filled_honeypot_is_spam_and_never_queued(client, story):
    assert post(client, story, subject="http://buy.example").status_code == 303
    assert list(Comment.objects.values_list("status", flat=True)) == [Comment.Status.SPAM]


@pytest.mark.parametrize(
    ("token", "said"),
    [
        (lambda story, binding: form_token(story_id=story.id, binding=binding), "too quickly"),
        (lambda story, binding: "", "expired"),
        (lambda story, binding: "forged:token:x", "expired"),
        (
            lambda story, binding: form_token(
                story_id=story.id + 999, binding=binding, issued_at=time.time() - 60
            ),
            "expired",
        ),
        (
            lambda story, binding: form_token(
                story_id=story.id, binding="another browser", issued_at=time.time() - 60
            ),
            "expired",
        ),
    ],
    ids=["too-fast", "no-token", "forged", "other-story", "other-browser"],
)
def test_a_form_that_did_not_come_from_a_person_here_is_refused_with_the_truth(
    client, story, token, said
):
    response = post(client, story, ts=token(story, browser(client)))
    page = response.content.decode()
    assert response.status_code == 400
    assert said in page and "nothing was saved" in page
    assert "awaiting moderation" not in page
    assert "do not match the table" in page  # the reader's text is kept in the form
    assert not Comment.objects.exists()


def test_a_refused_form_comes_back_with_a_token_that_works(client, story, settings):
    settings.COMMENT_MIN_SECONDS = 0
    refused = post(client, story, ts="")
    fresh = re.search(r'name="ts" value="([^"]+)"', refused.content.decode()).group(1)
    assert post(client, story, ts=fresh).status_code == 303
    assert Comment.objects.count() == 1


def test_a_form_is_good_for_one_comment(client, story):
    token = form_token(story_id=story.id, binding=browser(client), issued_at=time.time() - 60)
    first = post(client, story, ts=token)
    again = post(client, story, ts=token, comment="Another comment on the same form.")
    assert (first.status_code, again.status_code) == (303, 400)
    assert "already used" in again.content.decode()
    assert Comment.objects.count() == 1


def test_spam_looks_like_pending_to_its_author(client, story):
    response = post(client, story, subject="filled by a bot")
    assert response.status_code == 303
    page = client.get(story.get_absolute_url()).content.decode()
    assert "awaiting moderation" in page


def test_the_same_text_twice_is_spam_the_second_time(client, story):
    approve_author(story, "ada.reader@example.org")
    post(client, story)
    post(client, story, name="Someone Else", email="else@example.org")
    assert list(
        Comment.objects.filter(name__in=["Ada Reader", "Someone Else"]).values_list(
            "status", flat=True
        )
    ) == [Comment.Status.APPROVED, Comment.Status.SPAM]


def test_fields_not_in_the_form_change_nothing(client, story, make_story, sample_inputs):
    other = make_story(sample_inputs[1])
    response = post(
        client,
        story,
        approved="1",
        status="approved",
        story=str(other.id),
        story_id=str(other.id),
        report_count="0",
        depth="0",
        id="1",
        reason="",
    )
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.story_id == story.id
