"""Feed polling against a real feed server on 127.0.0.1, jobs in-process (both databases).

Checked: items become draft stories once; a 304 costs no work; a feed returning the same items
adds nothing; a failing feed backs off and recovers; robots.txt is obeyed; the scheduler polls
only what is due; sitemaps work like feeds; the desk lists each feed's health.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from nutgraf.web.jobs.models import Host, Ingested
from nutgraf.web.stories.models import Story
from nutgraf.web.subscriptions import services
from nutgraf.web.subscriptions.models import Feed, FeedEntry
from nutgraf.web.subscriptions.selectors import feed_health

pytestmark = pytest.mark.django_db


def poll(feed: Feed) -> str:
    status = services.feed_poll(feed_id=feed.id)
    apps.get_app_config("jobs").runner.run_pending()  # the article jobs it queued
    feed.refresh_from_db()
    return status


def article_requests(site) -> int:
    return sum(n for path, n in site.asked.items() if path.startswith("/news/"))


def test_new_items_become_draft_stories_once(jobs_here, site):
    feed = services.feed_subscribe(url=f"{site.base}/feed.xml", interval=600)
    assert poll(feed) == Feed.Status.OK
    assert Story.objects.count() == 3
    assert set(Story.objects.values_list("status", flat=True)) == {Story.Status.DRAFT}
    assert Ingested.objects.count() == 3
    assert sorted(Story.objects.values_list("source__url", flat=True)) == sorted(
        f"{site.base}{path}" for path in site.articles
    )
    assert feed.title == "Local desk feed"
    assert feed.items_added == 3
    assert feed.etag == site.etag
    assert feed.next_poll_at - feed.last_polled_at == timedelta(seconds=600)
    assert site.asked["/robots.txt"] == 1


def test_a_304_costs_no_work(jobs_here, site):
    feed = services.feed_subscribe(url=f"{site.base}/feed.xml")
    poll(feed)
    fetched, stories = article_requests(site), Story.objects.count()
    assert poll(feed) == Feed.Status.NOT_MODIFIED
    assert site.answered[("/feed.xml", 304)] == 1  # the server sent no body the second time
    assert article_requests(site) == fetched  # no article fetched again
    assert Story.objects.count() == stories
    assert FeedEntry.objects.count() == 3
    assert (feed.not_modified, feed.items_added, feed.failures) == (1, 3, 0)
    assert feed_health(feed=feed) == "healthy"


def test_a_feed_returning_the_same_items_adds_nothing(jobs_here, site):
    site.honour_validators = False  # a server that answers 200 with the whole feed every time
    feed = services.feed_subscribe(url=f"{site.base}/feed.xml")
    poll(feed)
    site.version += 1  # new validators, same items
    fetched = article_requests(site)
    assert poll(feed) == Feed.Status.OK
    assert site.answered[("/feed.xml", 200)] == 2
    assert article_requests(site) == fetched
    assert (Story.objects.count(), FeedEntry.objects.count(), feed.items_added) == (3, 3, 3)


def test_a_failing_feed_backs_off_and_recovers(jobs_here, site):
    feed = services.feed_subscribe(url=f"{site.base}/feed.xml", interval=60)
    poll(feed)
    site.failing = True
    waits = []
    for _ in range(3):
        assert poll(feed) == Feed.Status.FAILING
        waits.append((feed.next_poll_at - feed.last_polled_at).total_seconds())
    assert waits == [120, 240, 480]  # interval × 2^failures
    assert feed.failures == 3
    assert "503" in feed.last_error
    assert feed_health(feed=feed).startswith("failing: 3 poll(s) in a row")
    # The scheduler leaves it alone until its back-off has passed.
    assert services.feeds_schedule(now=timezone.now()) == []
    site.failing = False
    assert poll(feed) == Feed.Status.NOT_MODIFIED  # the validators kept from the good poll
    assert (feed.failures, feed.last_error) == (0, "")
    assert (feed.next_poll_at - feed.last_polled_at).total_seconds() == 60
    assert Story.objects.count() == 3


def test_robots_txt_is_obeyed(jobs_here, site):
    feed = services.feed_subscribe(url=f"{site.base}/private/feed.xml")
    assert poll(feed) == Feed.Status.DISALLOWED
    assert site.asked["/private/feed.xml"] == 0
    assert Story.objects.count() == 0
    assert "robots.txt" in feed_health(feed=feed)
    assert Host.objects.get(name=f"127.0.0.1:{site.port}").robots_status == "ok"


def test_the_scheduler_polls_what_is_due_once(jobs_here, site, run_jobs):
    due = services.feed_subscribe(url=f"{site.base}/feed.xml", interval=300)
    later = services.feed_subscribe(url=f"{site.base}/sitemap.xml", kind=Feed.Kind.SITEMAP)
    Feed.objects.filter(id=later.id).update(next_poll_at=timezone.now() + timedelta(hours=1))
    assert services.feeds_schedule() == [due.id]
    run_jobs()
    due.refresh_from_db()
    assert due.status == Feed.Status.OK and due.polls == 1
    assert services.feeds_schedule() == []  # polled: next due in 300 s
    assert site.asked["/sitemap.xml"] == 0


def test_a_sitemap_is_followed_like_a_feed(jobs_here, site):
    feed = services.feed_subscribe(url=f"{site.base}/sitemap.xml", kind=Feed.Kind.SITEMAP)
    assert poll(feed) == Feed.Status.OK
    assert Story.objects.count() == 3 and feed.items_added == 3
    assert poll(feed) == Feed.Status.NOT_MODIFIED


def test_the_desk_shows_each_feeds_health(jobs_here, site, client, editor):
    good = services.feed_subscribe(url=f"{site.base}/feed.xml")
    poll(good)
    bad = services.feed_subscribe(url=f"{site.base}/gone.xml")
    poll(bad)
    client.force_login(editor)
    page = client.get("/desk/subscriptions/feed/").content.decode()
    assert "Local desk feed" in page
    assert "healthy" in page
    assert "failing: 1 poll(s) in a row" in page
    assert "404" in page


@pytest.mark.slow
def test_the_scheduler_process_runs_polls_on_its_job_thread(site, tmp_path):
    """The embedded default for real: `nutgraf scheduler --once` without a broker, in its own
    process, polls the feed and its job thread makes every item a story before it exits."""
    import subprocess
    import sys

    from tests.web.live import ROOT, clean_environment

    env = clean_environment(tmp_path, NUTGRAF_FETCH_PRIVATE="1", NUTGRAF_HOST_DELAY="0.05")
    env["SECRET_KEY"] = "scheduler-test-" + "s" * 40

    def run(*command: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "nutgraf.cli", *command], env=env, cwd=ROOT,
            check=True, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        return done.stdout

    run("manage", "migrate", "--verbosity", "0")
    subscribe = (
        "from nutgraf.web.subscriptions.services import feed_subscribe; "
        f"feed_subscribe(url='{site.base}/feed.xml')"
    )
    run("manage", "shell", "-c", subscribe)
    run("scheduler", "--once")
    count = "from nutgraf.web.stories.models import Story; print(Story.objects.count())"
    assert run("manage", "shell", "-c", count).split()[-1] == str(len(site.articles))
