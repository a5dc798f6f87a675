"""The "Weak" findings of the attack on the running site: sign-in lockout, draft entities,
integer overflows in URLs, what fetch errors reveal, invisible characters, comment anti-spam
and the HTTPS default of `nutgraf serve`."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

from nutgraf.web.comments.models import Comment
from nutgraf.web.stories.models import Entity, Story
from tests.conftest import ROOT
from tests.web.live import clean_environment

LOGIN = "/desk/login/"


@pytest.fixture
def account(db) -> None:
    get_user_model().objects.create_superuser("ed", "ed@example.org", "right-password-42")


def sign_in(password: str, *, username: str = "ed", forwarded: str = "") -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    response = Client().post(
        LOGIN,
        {"username": username, "password": password, "next": "/desk/"},
        REMOTE_ADDR="127.0.0.1",
        headers=headers,
    )
    return response.status_code


@override_settings(LOGIN_FAILURES_PER_USER=5, LOGIN_FAILURES_PER_ADDRESS=30, BEHIND_PROXY=True)
def test_behind_a_proxy_one_guesser_does_not_lock_out_everyone(account) -> None:
    for _ in range(6):
        sign_in("wrong", forwarded="203.0.113.9")
    assert sign_in("wrong", forwarded="203.0.113.9") == 429  # the guesser is stopped
    assert sign_in("right-password-42", forwarded="198.51.100.2") == 302  # a colleague is not


@override_settings(LOGIN_FAILURES_PER_USER=5, LOGIN_FAILURES_PER_ADDRESS=30)
def test_a_full_width_username_does_not_bypass_the_lockout(account) -> None:
    full_width = "ｅｄ"  # NFKC: "ed", which Django signs in as
    for _ in range(5):
        assert sign_in("wrong", username=full_width) == 200
    assert sign_in("right-password-42", username=full_width) == 429
    assert sign_in("right-password-42", username="ED") == 429


def test_an_entity_named_only_in_drafts_has_no_page(make_story, sample_inputs) -> None:
    draft = make_story(sample_inputs[0], publish=False)
    names = list(Entity.objects.filter(story_links__story=draft).values_list("slug", flat=True))
    assert names
    for slug in names:
        assert Client().get(f"/entity/{slug}/").status_code == 404, slug


@pytest.mark.parametrize(
    "path",
    [
        "/archive/99999/1/",
        "/archive/0/1/",
        "/archive/9999/12/",
        "/archive/2025/99999999999999999999/",
        "/archive/99999999999999999999999/1/",
        "/archive/?page=99999999999999999999999",
        "/?page=-99999999999999999999999",
        "/comments/99999999999999999999/",
        "/comments/9223372036854775808/",
        "/desk/stories/story/99999999999999999999/change/",
    ],
)
def test_integers_out_of_range_in_urls_are_a_404_or_a_clean_page(editor, path: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    assert client.get(path).status_code in (200, 302, 404), path


def test_an_integer_out_of_range_in_a_report_is_404_not_500(db) -> None:
    client = Client(raise_request_exception=False)
    assert client.post("/comments/99999999999999999999/report/").status_code == 404


def internal_resolver(host: str, port: int) -> list[str]:
    """An intranet's DNS: every name resolves to an address inside it."""
    return ["10.31.7.42"]


def test_fetch_errors_do_not_say_what_internal_names_resolve_to(db, settings) -> None:
    settings.API_FETCH_RESOLVER = f"{__name__}.internal_resolver"
    response = Client().post(
        "/api/v1/briefs",
        json.dumps({"url": "http://billing.corp.internal/"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "blocked_address"
    assert "10.31.7.42" not in error["message"] and "10." not in error["message"]


INVISIBLE = "\u3164\u115f\u1160\uffa0\u200e\u2061\u180e\ufeff\u00ad\u034f"


def form(client: Client, story: Story) -> dict[str, str]:
    """This browser's tokens for the story's comment form, as the page's script fetches them."""
    client.get(story.get_absolute_url())
    return client.get(f"/stories/{story.slug}/comments/tokens/").json()


@pytest.fixture
def story(make_story, sample_inputs, settings) -> Story:
    settings.COMMENT_RATE = "1000/60"
    settings.COMMENT_MIN_SECONDS = 0
    return make_story(sample_inputs[0])


def comment(client: Client, story: Story, hidden: dict[str, str], **fields: str) -> int:
    data = {
        "comment": "The harbour figures in the second section do not match the table.",
        "name": "Ada Reader",
        "email": "ada@example.org",
        "website": "",
        "subject": "",
        "parent": "",
        **hidden,
        **fields,
    }
    return client.post(f"/stories/{story.slug}/comments/", data).status_code


def test_invisible_characters_are_stripped_from_names_and_comments(story: Story) -> None:
    reader = Client(enforce_csrf_checks=True)
    assert comment(reader, story, form(reader, story), name=INVISIBLE * 3) == 400
    status = comment(
        reader,
        story,
        form(reader, story),
        name=f"Ada{INVISIBLE}Reader",
        comment=f"The figures{INVISIBLE} do not match.",
    )
    assert status == 303
    stored = Comment.objects.get()
    assert stored.name == "AdaReader"
    assert stored.text == "The figures do not match."


def test_the_form_timestamp_is_good_for_one_comment(story: Story) -> None:
    reader = Client(enforce_csrf_checks=True)
    hidden = form(reader, story)
    first = comment(reader, story, hidden)
    again = comment(reader, story, hidden, comment="A second comment on the same wait.")
    assert (first, again) == (303, 400)
    assert Comment.objects.count() == 1


def test_the_form_timestamp_belongs_to_the_browser_it_was_shown_to(story: Story) -> None:
    harvester, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    harvested = form(harvester, story)
    own = form(other, story)
    status = comment(other, story, {**own, "ts": harvested["ts"]})
    assert status == 400
    assert not Comment.objects.exists()


def test_a_page_of_comments_has_a_bounded_size_whatever_the_thread_shape(story: Story) -> None:
    root = Comment.objects.create(
        story=story, name="Root", email="r@example.org", text="First.", status="approved"
    )
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            story=story,
            parent=root,
            thread=root,
            depth=1,
            name=f"Reply {n}",
            email=f"r{n}@example.org",
            text=f"Reply number {n}.",
            status="approved",
            content_hash=f"h{n}",
            created_at=now,
        )
        for n in range(400)
    )
    page = Client().get(story.get_absolute_url()).content.decode()
    shown = len(re.findall(r'<li class="comment ', page))
    assert 1 <= shown <= 100, shown


def test_a_comment_sent_too_fast_is_not_called_awaiting_moderation_while_stored_as_spam(
    story: Story, settings
) -> None:
    settings.COMMENT_MIN_SECONDS = 30
    reader = Client(enforce_csrf_checks=True)
    hidden = form(reader, story)  # shown just now: sent back within a second
    response = reader.post(
        f"/stories/{story.slug}/comments/",
        {
            "comment": "A quick reader's comment about the ferry figures.",
            "name": "Quick Reader",
            "email": "quick@example.org",
            "website": "",
            "subject": "",
            "parent": "",
            **hidden,
        },
        follow=True,
    )
    page = response.content.decode()
    stored = list(Comment.objects.values_list("status", flat=True))
    if stored:  # held for review, and the reader is told so
        assert stored == ["pending"]
        assert "awaiting moderation" in page
    else:  # refused, and the reader is told why
        assert response.status_code == 400
        assert "too quickly" in page or "seconds after" in page
        assert "awaiting moderation" not in page


def test_nutgraf_serve_says_when_https_is_off(tmp_path) -> None:
    env = clean_environment(tmp_path / "site")
    env.pop("NUTGRAF_HTTPS")  # what a person running `nutgraf serve` has: nothing set
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nutgraf.cli",
            "serve",
            "--prepare-only",
            "--no-samples",
            "--data-dir",
            str(tmp_path / "site"),
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert "HTTPS" in said and "NUTGRAF_HTTPS" in said, said
