"""A subscribed feed or sitemap, with its schedule and health, and the items seen in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Feed(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        SITEMAP = "sitemap", "Sitemap"

    class Status(models.TextChoices):
        NEW = "new", "Not polled yet"
        OK = "ok", "New content read"
        NOT_MODIFIED = "not-modified", "Unchanged (304)"
        FAILING = "failing", "Failing"
        DISALLOWED = "disallowed", "Disallowed by robots.txt"

    url = models.URLField(max_length=2000, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FEED)
    title = models.CharField(max_length=300, blank=True)
    interval = models.PositiveIntegerField(
        default=900, help_text="Seconds between two polls when the feed is healthy."
    )
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(default=timezone.now)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    last_error = models.CharField(max_length=500, blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Failed polls in a row.")
    polls = models.PositiveIntegerField(default=0)
    not_modified = models.PositiveIntegerField(default=0, help_text="Polls answered 304.")
    items_added = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "url"]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="feed_due")]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """An item link seen in a feed: seen once, enqueued once."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    url = models.URLField(max_length=2000)
    url_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=500, blank=True)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-seen_at", "-id"]
        verbose_name_plural = "feed entries"
        constraints = [models.UniqueConstraint(fields=["feed", "url_hash"], name="feed_entry_once")]
