"""Editors moderate in the desk: approve, mark spam, hold and delete, singly and in bulk."""

from __future__ import annotations

from django.test import Client

from nutgraf.web.comments.models import Comment

CHANGELIST = "/desk/comments/comment/"


def make(story, n, status=Comment.Status.PENDING):
    return [
        Comment.objects.create(
            story=story, name=f"R{i}", email=f"r{i}@example.org", text=f"Text {i}", status=status
        )
        for i in range(n)
    ]


def action(admin_client, name, comments):
    return admin_client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [c.id for c in comments]},
        follow=True,
    )


def statuses(comments):
    return [Comment.objects.get(id=c.id).status for c in comments]


def test_queue_lists_pending_comments(admin_client, story):
    make(story, 3)
    page = admin_client.get(f"{CHANGELIST}?status__exact=pending").content.decode()
    assert page.count("Text ") >= 3
    assert "Approve selected comments" in page


def test_bulk_approve_spam_hold_delete(admin_client, story, client):
    comments = make(story, 6)
    response = action(admin_client, "approve_selected", comments[:3])
    assert response.status_code == 200
    assert "3 comments: approved." in response.content.decode()
    action(admin_client, "spam_selected", comments[3:5])
    assert statuses(comments) == ["approved"] * 3 + ["spam"] * 2 + ["pending"]
    action(admin_client, "hold_selected", comments[:1])
    assert statuses(comments[:1]) == ["pending"]
    admin_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [comments[5].id], "post": "yes"},
    )
    assert not Comment.objects.filter(id=comments[5].id).exists()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Text 1" in page and "Text 2" in page
    assert "Text 0" not in page and "Text 3" not in page


def test_single_comment_status_change_and_delete(admin_client, story):
    (comment,) = make(story, 1)
    url = f"{CHANGELIST}{comment.id}/change/"
    assert admin_client.post(url, {"status": "approved"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert (
        admin_client.post(f"{CHANGELIST}{comment.id}/delete/", {"post": "yes"}).status_code == 302
    )
    assert not Comment.objects.exists()


def test_approving_clears_reports(admin_client, story):
    (comment,) = make(story, 1, status=Comment.Status.APPROVED)
    for address in ["10.1.0.1", "10.1.0.2", "10.1.0.3"]:
        Client(REMOTE_ADDR=address).post(
            f"/comments/{comment.id}/report/", {"reason": "spam", "confirm": "yes"}
        )
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == ("pending", 3)
    page = admin_client.get(f"{CHANGELIST}?reported=yes").content.decode()
    assert "Text 0" in page
    action(admin_client, "approve_selected", [comment])
    comment.refresh_from_db()
    assert (comment.status, comment.report_count, comment.reports.count()) == ("approved", 0, 0)


def test_readers_cannot_reach_the_desk(client, story):
    make(story, 1)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/desk/login/" in response["Location"]


def test_desk_front_page_counts_the_queue(admin_client, story):
    make(story, 2)
    make(story, 1, status=Comment.Status.SPAM)
    page = admin_client.get("/desk/").content.decode()
    assert "2 comments awaiting moderation" in page


def test_approve_spam_and_reply_on_each_row(admin_client, story, client, django_user_model):
    long_text = "I was on the first ferry this morning.\nThe fare really was lower. " * 6
    pending, other = make(story, 2)
    Comment.objects.filter(id=pending.id).update(
        text=long_text, reason="first comment from this address"
    )
    page = admin_client.get(CHANGELIST).content.decode()
    # the text is readable in the list (far past the old 90-character excerpt), line breaks kept
    assert "I was on the first ferry this morning.\nThe fare really was lower." in page
    assert "Awaiting moderation" in page and "first comment from this address" in page
    moderate = f"{CHANGELIST}{pending.id}/moderate/"
    assert f'formaction="{moderate}"' in page and f'href="{CHANGELIST}{pending.id}/reply/"' in page
    assert admin_client.get(moderate).status_code == 405
    response = admin_client.post(moderate, {"do": "approve"}, follow=True)
    assert "Comment by R0: approved." in response.content.decode()
    admin_client.post(f"{CHANGELIST}{other.id}/moderate/", {"do": "spam"})
    assert statuses([pending, other]) == ["approved", "spam"]
    assert admin_client.post(moderate, {"do": "delete"}).status_code == 400
    # a reply from the desk is published at once, in the thread
    reply_page = f"{CHANGELIST}{pending.id}/reply/"
    assert "The fare really was lower." in admin_client.get(reply_page).content.decode()
    response = admin_client.post(reply_page, {"text": "Thanks: we added the new fares."})
    reply = Comment.objects.get(parent=pending)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{reply.id}")
    assert reply.status == "approved" and reply.depth == 1
    assert (
        "Thanks: we added the new fares." in client.get(story.get_absolute_url()).content.decode()
    )
    # an account that may only view comments cannot moderate or reply
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw-view-123", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    as_viewer = Client()
    as_viewer.force_login(viewer)
    assert as_viewer.post(f"{CHANGELIST}{other.id}/moderate/", {"do": "approve"}).status_code == 403
    assert as_viewer.post(reply_page, {"text": "no"}).status_code == 403
    assert statuses([other]) == ["spam"]
