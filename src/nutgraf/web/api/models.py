"""API tokens: editors' keys for the write endpoints, kept only as a hash.

A token is `ngk_` and 43 random URL-safe characters (256 bits). The database keeps its SHA-256
and its first characters (so an editor can tell tokens apart), never the token: a copy of the
database lets nobody write. A plain hash suffices: the token is random, not a password, so there is
nothing for a slow hash to protect against guessing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'wire ingest'.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The editor the token acts as; it stops working if they lose desk access.",
    )
    prefix = models.CharField(max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
