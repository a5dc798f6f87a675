"""The tables behind the exact counters when the site has no Redis (counters.py).

Both are written only with single-statement upserts, never read-then-write, so every web
process of an SQLite or PostgreSQL site counts exactly.
"""

from __future__ import annotations

from django.db import models


class Counter(models.Model):
    """How many times `name` was hit in the window that ends at `expires` (Unix seconds)."""

    name = models.CharField(max_length=200, primary_key=True)
    hits = models.BigIntegerField()
    expires = models.FloatField(db_index=True)

    class Meta:
        db_table = "nutgraf_limit_counter"

    def __str__(self) -> str:
        return f"{self.name}: {self.hits}"


class Slot(models.Model):
    """One place of a pool (concurrent briefs), held by `holder` until it gives it back or
    `expires` passes (a process killed mid-brief cannot keep it)."""

    name = models.CharField(max_length=200, primary_key=True)
    holder = models.CharField(max_length=64)
    expires = models.FloatField()

    class Meta:
        db_table = "nutgraf_limit_slot"

    def __str__(self) -> str:
        return self.name
