"""Readers' comments on stories, and readers' reports of them.

A comment is stored as plain text (see text.py); its email address is kept for moderation only
and no public page, feed or log ever shows it. `thread` points at the top-level comment a reply
belongs to (null on the top-level comment itself), so one query fetches whole threads.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from nutgraf.web.stories.models import Story


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254, help_text="For moderation only; never shown.")
    website = models.URLField(max_length=200, blank=True)
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=200, blank=True, help_text="Why it was held or spam.")
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    client_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["story", "status", "created_at"], name="comment_story"),
            models.Index(fields=["email", "status"], name="comment_email"),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class CommentReport(models.Model):
    """One reader's report of a comment; one per client address and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off-topic", "Off-topic"
        OTHER = "other", "Something else"

    client = models.CharField(max_length=64, help_text="Keyed hash of the reader's address.")
    reason = models.CharField(max_length=12, choices=Reason.choices, default=Reason.OTHER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "client"], name="report_once")]
