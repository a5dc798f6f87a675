"""Coverage: assignment on publication, roles and independent counts against the known lineage
of the sample sets and the engine's own merge, joining, withdrawal, scheduling, re-clustering,
and the pages (coverage page, story page line, listing counts)."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nutgraf.engine import brief_from_source
from nutgraf.engine.ingest import read_source
from nutgraf.engine.stories import merge_story
from nutgraf.web.coverage import index, services
from nutgraf.web.coverage.models import Coverage, CoverageMember
from nutgraf.web.coverage.samples import SAMPLES_DIR, sample_lineage, sample_sets
from nutgraf.web.stories import services as story_services

SETS = sorted(sample_sets())


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_three_sample_sets_are_marked_fictional():
    assert len(SETS) >= 2
    for name, paths in sample_sets().items():
        assert len(paths) >= 4, name
        for path in paths:
            assert "SAMPLE ARTICLE: fictional" in path.read_text()
    assert "FICTIONAL SAMPLES" in (SAMPLES_DIR / "README.md").read_text()


@pytest.mark.parametrize("name", SETS)
def test_roles_and_counts_match_the_known_lineage(name, publish_set, client):
    stories = publish_set(name)
    lineage = sample_lineage(name)
    coverages = {m.coverage_id for m in CoverageMember.objects.filter(story__in=stories.values())}
    assert len(coverages) == 1, "one event, one coverage"
    coverage = Coverage.objects.get(pk=coverages.pop())
    expected = lineage["counts"]
    assert (coverage.articles, coverage.outlets, coverage.independent) == (
        expected["articles"],
        expected["outlets"],
        expected["independent"],
    )
    for file, story in stories.items():
        member = CoverageMember.objects.get(story=story)
        assert member.role == lineage[file]["role"], file
        follows = lineage[file]["follows"]
        assert member.follows_id == (stories[follows].pk if follows else None), file
        assert bool(member.added) == (member.role == "adds"), file

    page = client.get(coverage.get_absolute_url())
    assert page.status_code == 200
    text = text_of(page)
    assert coverage.counts_text in text
    html = page.content.decode()
    for file, story in stories.items():
        role = lineage[file]["role"]
        assert f'data-role="{role}"' in html
        assert story.get_absolute_url() in html, file
    assert text.count("Original reporting") == expected["independent"]


@pytest.mark.parametrize("name", SETS)
def test_the_page_shows_what_the_engine_merges(name, publish_set, client):
    """Roles, independent counts per point and single-source marks equal merge_story's on
    the same files run by the engine alone."""
    publish_set(name)
    briefs = [brief_from_source(read_source(str(p))) for p in sample_sets()[name]]
    merged = merge_story(briefs)
    coverage = Coverage.objects.get()
    assert coverage.counts_text == merged.counts.text
    stored = coverage.brief
    assert stored["nutgraf_story"] == 2
    assert [a["role"] for a in stored["articles"]] == [a.role for a in merged.articles]
    assert [a["follows"] for a in stored["articles"]] == [a.follows for a in merged.articles]
    assert [(p["independent"], p["single_source"]) for p in stored["key_points"]] == [
        (p.independent, p.single_source) for p in merged.key_points
    ]
    text = text_of(client.get(coverage.get_absolute_url()))
    singles = sum(1 for p in merged.key_points if p.single_source)
    assert text.count("Single source") == singles
    for point in merged.key_points:
        if not point.single_source:
            assert f"{point.independent} independent reports" in text


def test_conflicting_figures_side_by_side_and_timeline(publish_set, client):
    publish_set("ferry-fire")
    coverage = Coverage.objects.get()
    html = client.get(coverage.get_absolute_url()).content.decode()
    table = html[html.index('class="disagreement"') : html.index("</table>")]
    # each figure with what it counts ("287 passengers"), the outlets side by side
    assert re.search(r"<strong>287\b", table) and re.search(r"<strong>312\b", table)
    assert "Harbour Herald (sample)" in table and "Fjordline Wire (sample)" in table
    assert "Timeline across the reports" in html
    assert '<time datetime="2025-04-01">' in html  # "Tuesday night", resolved


def test_an_article_that_joins_updates_the_coverage(publish, sample_set_inputs, client):
    items = dict(sample_set_inputs["ferry-fire"])
    wire = publish(items["1-fjordline-wire.html"], minutes_ago=50)
    publish(items["2-lysholm-courier.html"], minutes_ago=40)
    coverage = Coverage.objects.get()
    assert coverage.counts_text == "2 articles from 2 outlets, 2 independent reports"
    before = coverage.updated_at
    slug = coverage.slug

    digest = publish(items["4-morning-digest.html"], minutes_ago=30)
    coverage.refresh_from_db()
    assert Coverage.objects.count() == 1
    assert coverage.slug == slug, "the address holds as the story grows"
    assert coverage.updated_at > before
    assert coverage.counts_text == "3 articles from 3 outlets, 2 independent reports"
    member = CoverageMember.objects.get(story=digest)
    assert (member.role, member.follows_id) == ("adds", wire.pk)
    assert any("Ingrid Moe" in fact["text"] for fact in member.added)
    text = text_of(client.get(coverage.get_absolute_url()))
    assert re.search(r"Rewrite of Fjordline Wire \(sample\) ?, adds 2 facts", text)
    assert "Ingrid Moe" in text


def test_unpublishing_withdraws(publish, sample_set_inputs, django_capture_on_commit_callbacks):
    items = dict(sample_set_inputs["museum-theft"])
    publish(items["1-capital-press.html"], minutes_ago=30)
    rewrite = publish(items["3-culture-brief.html"], minutes_ago=20)
    coverage = Coverage.objects.get()
    assert coverage.articles == 2
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_unpublish(story=rewrite)
    coverage.refresh_from_db()
    assert coverage.articles == 1
    assert not CoverageMember.objects.filter(story=rewrite).exists()


def test_a_scheduled_article_counts_from_its_time(publish, sample_set_inputs, client):
    items = dict(sample_set_inputs["bridge-closure"])
    publish(items["1-tessford-gazette.html"], minutes_ago=30)
    later = timezone.now() + timedelta(hours=2)
    publish(items["2-regional-wire.html"], at=later)
    coverage = Coverage.objects.get()
    assert coverage.articles == 1, "a scheduled article is not yet told"
    assert coverage.refresh_at == later
    services.coverage_merge_due(now=later + timedelta(seconds=1))
    coverage.refresh_from_db()
    assert coverage.articles == 2 and coverage.refresh_at is None


def test_assignment_rebuilds_the_index_from_stored_profiles(publish_set):
    """A new process has no index in memory: placing an article reads the stored members."""
    stories = publish_set("museum-theft")
    coverage = Coverage.objects.get()
    member = CoverageMember.objects.get(story=stories["3-culture-brief.html"])
    profile = index.member_profile(member)
    placed = index.cold_place(profile=profile)
    assert placed.coverage_id == coverage.pk and placed.near_copy
    assert len(bytes(member.signature)) == 256 and member.shingles > 0


def test_separate_events_get_separate_coverage_and_recluster_keeps_them(publish_set):
    for name in SETS:
        publish_set(name)
    before = dict(CoverageMember.objects.values_list("story_id", "coverage__slug"))
    assert len(set(before.values())) == len(SETS)
    out = io.StringIO()
    call_command("recluster", stdout=out)
    assert f"{len(before)} stories in {len(SETS)} coverages, 0 moved" in out.getvalue()
    after = dict(CoverageMember.objects.values_list("story_id", "coverage__slug"))
    assert after == before
    done = services.coverage_recluster()
    assert (done.coverages, done.moved) == (len(SETS), 0)


def test_recluster_gathers_stories_published_before_coverage(publish_set):
    stories = publish_set("bridge-closure")
    CoverageMember.objects.all().delete()
    Coverage.objects.all().delete()
    done = services.coverage_recluster()
    assert done.stories == len(stories) and done.coverages == 1 and done.moved == len(stories)
    assert Coverage.objects.get().counts_text == "4 articles from 3 outlets, 2 independent reports"


def test_story_page_and_lists_show_source_counts(publish_set, client):
    stories = publish_set("ferry-fire")
    coverage = Coverage.objects.get()
    link = f'href="{coverage.get_absolute_url()}"'
    page = client.get(stories["3-daily-roundup.html"].get_absolute_url())
    assert "Part of a story covered by 5 articles from 5 outlets, 3 independent reports" in (
        text_of(page)
    )
    assert link in page.content.decode()
    for url in (
        "/",
        stories["1-fjordline-wire.html"].category.get_absolute_url(),
        "/search/?q=Aster",
    ):
        html = client.get(url).content.decode()
        assert link in html, url
        assert "5 articles from 5 outlets, 3 independent reports" in html, url


def test_lists_make_no_query_per_coverage(publish_set, client):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    publish_set("museum-theft")
    few = {url: count(url) for url in ("/", "/archive/")}
    publish_set("ferry-fire")
    publish_set("bridge-closure")
    assert {url: count(url) for url in few} == few


def test_unknown_coverage_is_404(db, client):
    assert client.get("/coverage/no-such-story/").status_code == 404


def test_an_amp_page_of_a_published_article_is_a_version_not_a_report(
    publish, sample_set_inputs, client
):
    items = dict(sample_set_inputs["ferry-fire"])
    wire = items["1-fjordline-wire.html"]
    url = wire.brief["source"]["url"]
    assert url, "the sample names its address"
    amp_brief = {
        **wire.brief,
        "source": {**wire.brief["source"], "url": url.rstrip("/") + "/amp/", "location": "amp"},
    }
    amp = dataclasses.replace(wire, brief=amp_brief, location="amp", url=url + "amp/")
    first = publish(wire, minutes_ago=50)
    publish(items["2-lysholm-courier.html"], minutes_ago=40)
    second = publish(amp, minutes_ago=30)
    coverage = Coverage.objects.get()
    assert coverage.counts_text == "2 articles from 2 outlets, 2 independent reports"
    # the newest page's text stands for the article; the older page is its version
    member = CoverageMember.objects.get(story=first)
    assert (member.role, member.follows_id) == ("version", second.pk)
    article = next(a for a in coverage.brief["articles"] if a["versions"])
    assert [v["url"] for v in article["versions"]] == [url]
    html = client.get(coverage.get_absolute_url()).content.decode()
    assert "one article, counted once" in html
    api = client.get(f"/api/v1/coverages/{coverage.pk}").json()
    roles = {m["story_id"]: m["role"] for m in api["members"]}
    assert roles[first.pk] == "version" and roles[second.pk] == "original"
