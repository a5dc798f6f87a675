"""What readers see: the form, threads, counts, pages, permalinks, the feed, reports."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from nutgraf.web.comments import selectors, services
from nutgraf.web.comments.models import Comment

from .conftest import approve_author, post


def approved(story, text="A reply.", parent=None, minutes=0, name="Reader"):
    depth = parent.depth + 1 if parent else 0
    return Comment.objects.create(
        story=story,
        parent=parent,
        thread_id=(parent.thread_id or parent.id) if parent else None,
        depth=depth,
        name=name,
        email="reader@example.org",
        text=text,
        status=Comment.Status.APPROVED,
        content_hash=text,
        created_at=timezone.now() - timedelta(minutes=1000 - minutes),
    )


def test_leave_a_reply_form(client, story):
    doc = lxml_html.fromstring(client.get(story.get_absolute_url()).content)
    (section,) = doc.xpath("//section[@id='comments']")
    text = section.text_content()
    assert "Leave a Reply" in text
    assert "Your email address will not be published" in text
    (form,) = section.xpath(".//form[@class='comment-form']")
    assert form.get("method") == "post"
    required = {e.get("name") for e in form.xpath(".//*[@required]")}
    assert required == {"comment", "name", "email"}
    for name in ("comment", "name", "email"):
        # marked as required beside its label
        assert form.xpath(f".//label[@for='id_{name}']/span[@class='required']"), name
    assert not form.xpath(".//label[@for='id_website']/span[@class='required']")
    # The page is shared: its tokens come from comments:tokens (test_tokens.py).
    assert form.xpath(".//input[@name='csrfmiddlewaretoken']")
    assert form.xpath(".//input[@type='hidden'][@name='ts']")
    assert form.get("data-tokens") == f"/stories/{story.slug}/comments/tokens/"
    (trap,) = form.xpath(".//input[@name='subject']")
    assert trap.get("tabindex") == "-1"


def test_threads_nest_and_depth_is_capped(client, story):
    approve_author(story, "ada.reader@example.org")
    root = approved(story, "Top of the thread.")
    chain = root
    for level in range(1, 4):
        chain = approved(story, f"Level {level}.", parent=chain, minutes=level)
    response = post(client, story, comment="Deeper than allowed.", parent=str(chain.id))
    assert response.status_code == 303
    deepest = Comment.objects.get(text="Deeper than allowed.")
    assert deepest.depth == services.MAX_DEPTH - 1
    assert deepest.parent_id == chain.parent_id  # a sibling of the deepest, not a child
    assert deepest.thread_id == root.id
    doc = lxml_html.fromstring(client.get(story.get_absolute_url()).content)
    deep = "/ol[@class='children']/li"
    nested = doc.xpath(f"//li[@id='comment-{root.id}']{deep * 3}")
    assert {li.get("id") for li in nested} == {f"comment-{chain.id}", f"comment-{deepest.id}"}
    reply_link = "/article//a[@class='comment-reply']"
    assert not doc.xpath(f"//li[@id='comment-{chain.id}']{reply_link}")  # deepest: no reply
    assert doc.xpath(f"//li[@id='comment-{root.id}']{reply_link}")


def test_reply_link_opens_the_form_for_that_comment(client, story):
    root = approved(story, "Answer me.", name="Grace")
    doc = lxml_html.fromstring(
        client.get(f"{story.get_absolute_url()}?replytocom={root.id}").content
    )
    assert "Reply to Grace" in doc.get_element_by_id("reply-title").text_content()
    assert doc.xpath("//input[@name='parent']")[0].get("value") == str(root.id)


def test_a_reply_to_a_pending_comment_is_refused(client, story):
    pending = Comment.objects.create(
        story=story, name="X", email="x@example.org", text="Held.", content_hash="h"
    )
    response = post(client, story, parent=str(pending.id))
    assert response.status_code == 400
    assert b"not open for replies" in response.content
    assert Comment.objects.count() == 1


def test_invalid_form_says_what_is_wrong_and_keeps_nothing(client, story):
    response = post(client, story, comment="  \x00 ", name="", email="not-an-address")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write a comment first." in page or "This field is required." in page
    assert "Enter a valid email address." in page
    assert Comment.objects.count() == 0


def test_counts_pages_and_permalinks(client, story):
    per_page = selectors.COMMENTS_PER_PAGE
    comments = [approved(story, f"Comment number {i}.", minutes=i) for i in range(per_page + 3)]
    reply = approved(story, "A reply on page two.", parent=comments[-1], minutes=500)
    doc = lxml_html.fromstring(client.get(story.get_absolute_url()).content)
    heading = doc.get_element_by_id("comments-heading").text_content()
    assert heading == f"{per_page + 4} comments"
    assert len(doc.xpath("//ol[@class='comment-list']/li")) == per_page
    (later,) = doc.xpath("//nav[contains(@class, 'comment-pages')]/a[@rel='next']")
    assert later.get("href") == "?cpage=2#comments"
    page2 = lxml_html.fromstring(client.get(story.get_absolute_url() + "?cpage=2").content)
    assert len(page2.xpath("//ol[@class='comment-list']/li")) == 3
    assert page2.xpath(f"//li[@id='comment-{reply.id}']")

    link = client.get(reply.get_absolute_url())
    assert link.status_code == 302
    assert link["Location"] == f"{story.get_absolute_url()}?cpage=2#comment-{reply.id}"
    first = client.get(comments[0].get_absolute_url())
    assert first["Location"] == f"{story.get_absolute_url()}#comment-{comments[0].id}"
    (permalink,) = page2.xpath(f"//li[@id='comment-{reply.id}']//a[@class='comment-link']/@href")
    assert permalink == reply.get_absolute_url()


def test_a_long_thread_is_split_across_pages_and_goes_on_where_it_stopped(client, story):
    per_page = selectors.COMMENTS_PER_PAGE
    root = approved(story, "The first comment.")
    replies = [approved(story, f"Reply {i}.", parent=root, minutes=i + 1) for i in range(60)]
    nested = approved(story, "An answer to reply 55.", parent=replies[55], minutes=200)
    later = approved(story, "A later thread.", minutes=300)

    def items(page: int) -> list[str]:
        doc = lxml_html.fromstring(client.get(f"{story.get_absolute_url()}?cpage={page}").content)
        return [li.get("id") for li in doc.xpath("//li[starts-with(@id, 'comment-')]")], doc

    first, _ = items(1)
    second, doc = items(2)
    assert len(first) == per_page  # the root and 49 replies, not all 60
    assert first[0] == f"comment-{root.id}"
    assert second[:12] == [f"comment-{r.id}" for r in replies[49:56]] + [f"comment-{nested.id}"] + [
        f"comment-{r.id}" for r in replies[56:60]
    ]
    assert second[-1] == f"comment-{later.id}"
    top = doc.xpath("//ol[@class='comment-list']/li")
    continued = [li for li in top if li.xpath(".//p[@class='comment-continued']")]
    assert len(continued) == 11  # replies 49-59, whose parent is on page 1
    (nested_li,) = doc.xpath(f"//li[@id='comment-{replies[55].id}']/ol/li")
    assert nested_li.get("id") == f"comment-{nested.id}"  # nested under what it answers
    link = client.get(nested.get_absolute_url())
    assert link["Location"] == f"{story.get_absolute_url()}?cpage=2#comment-{nested.id}"


def test_story_page_queries_do_not_grow_with_comments(client, story):
    approved(story, "One.")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story.get_absolute_url()).status_code == 200
        return len(queries)

    count()  # the navigation and related articles are kept after the first view
    few = count()
    root = approved(story, "Two.", minutes=1)
    for i in range(30):
        root = approved(story, f"Reply {i}.", parent=root if i % 3 else None, minutes=2 + i)
    assert count() == few


def test_counts_on_listing_pages(client, story, make_story, sample_inputs):
    for i in range(3):
        approved(story, f"Counted {i}.", minutes=i)
    Comment.objects.create(story=story, name="P", email="p@example.org", text="Pending.")
    for url in ["/", story.category.get_absolute_url(), "/archive/"]:
        page = client.get(url).content.decode()
        assert f'href="{story.get_absolute_url()}#comments">3 comments</a>' in page, url


def test_comment_feed_has_approved_comments_only(client, story):
    approve = approved(story, "Visible in the feed, see https://example.org/x.")
    Comment.objects.create(story=story, name="P", email="p@example.org", text="Still pending.")
    response = client.get(f"{story.get_absolute_url()}comments/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = etree.fromstring(response.content)
    items = feed.findall("./channel/item")
    assert len(items) == 1
    assert items[0].findtext("link").endswith(approve.get_absolute_url())
    description = items[0].findtext("description")
    assert 'rel="nofollow ugc noopener"' in description
    assert b"Still pending" not in response.content
    assert client.get("/stories/no-such-story/comments/rss.xml").status_code == 404


def test_readers_report_and_three_reports_hold_a_comment(story):
    comment = approved(story, "Reportable.")
    seen = []
    reasons = ["spam", "spam", "abuse", "off-topic"]
    for address, reason in zip(
        ["10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.3"], reasons, strict=True
    ):
        response = Client(REMOTE_ADDR=address).post(
            f"/comments/{comment.id}/report/", {"reason": reason, "confirm": "yes"}
        )
        # the reader stays on the story, at the comment, which thanks them
        assert response.status_code == 303
        assert (
            response["Location"]
            == f"{story.get_absolute_url()}?reported={comment.id}#comment-{comment.id}"
        )
        comment.refresh_from_db()
        seen.append(comment.report_count)
    assert seen == [1, 1, 2, 3]  # the same reader twice counts once
    assert comment.status == Comment.Status.PENDING
    assert comment.reason == "reported by readers: abuse, off-topic, spam"
    assert sorted(comment.reports.values_list("reason", flat=True)) == [
        "abuse",
        "off-topic",
        "spam",
    ]


def test_a_report_asks_why_and_for_a_confirmation(story, client):
    comment = approved(story, "Reportable.")
    page = client.get(story.get_absolute_url()).content.decode()
    form = page[page.index('<details class="comment-report">') :]
    form = form[: form.index("</details>")]
    assert 'name="reason" value="spam" required' in form and 'name="confirm" value="yes"' in form
    for data in (
        {},
        {"reason": "spam"},
        {"confirm": "yes"},
        {"reason": "nonsense", "confirm": "yes"},
    ):
        response = client.post(f"/comments/{comment.id}/report/", data)
        assert response.status_code == 200 and b"Why report" in response.content
    comment.refresh_from_db()
    assert comment.report_count == 0  # nothing was recorded without a reason and a yes
    response = client.post(
        f"/comments/{comment.id}/report/", {"reason": "abuse", "confirm": "yes"}, follow=True
    )
    assert b"Thank you: an editor will look at the comment you reported." in response.content
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.id}")


def test_report_needs_a_post_and_an_approved_comment(client, story):
    comment = approved(story, "Reportable.")
    assert client.get(f"/comments/{comment.id}/report/").status_code == 405
    assert client.post("/comments/999999/report/").status_code == 404


def test_comments_on_a_draft_cannot_be_posted(client, make_story, sample_inputs):
    draft = make_story(sample_inputs[1], publish=False)
    assert post(client, draft).status_code == 404
