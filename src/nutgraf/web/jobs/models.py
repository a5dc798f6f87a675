"""What jobs keep in the database: locks, the articles already made into stories, hosts, and
articles submitted through the API to be made into stories by a worker."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobLock(models.Model):
    """A lease on a key: held while a job on it runs, renewed by its worker, free when expired.

    A worker killed with SIGKILL cannot release its lease; it expires JOB_LEASE seconds later
    and the job handed to another worker takes it then.
    """

    key = models.CharField(max_length=200, unique=True)
    owner = models.CharField(max_length=120)
    expires_at = models.DateTimeField()


class Ingested(models.Model):
    """One version of an article (URL and SHA-256 of its bytes) made into a story, once."""

    url = models.URLField(max_length=2000)
    url_hash = models.CharField(max_length=64, help_text="SHA-256 of the URL.")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the fetched bytes.")
    story = models.ForeignKey(
        "stories.Story", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["url_hash", "content_hash"], name="ingested_once")
        ]
        indexes = [models.Index(fields=["url_hash", "-created_at"], name="ingested_url")]


class Host(models.Model):
    """Per-host manners: when the next request may go, and the host's robots.txt."""

    name = models.CharField(max_length=300, unique=True, help_text="host[:port]")
    next_at = models.DateTimeField(default=timezone.now)
    robots = models.TextField(blank=True)
    robots_status = models.CharField(max_length=20, blank=True)  # "ok", "none", "unreachable"
    robots_fetched_at = models.DateTimeField(null=True, blank=True)


class Submission(models.Model):
    """An article sent to `POST /api/v1/articles` while jobs run on workers: what was sent,
    and what became of it (`GET /api/v1/submissions/{id}`). The input is dropped once done."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(max_length=2000, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    media_type = models.CharField(max_length=40, blank=True)
    content = models.BinaryField(blank=True, default=b"")
    publish = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    story = models.ForeignKey(
        "stories.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
