"""What coverage stores: the multi-outlet story and one membership row per site story.

`Coverage.brief` is the engine's merged StoryBrief JSON (docs/brief-json.md, "Story briefs");
`articles`, `outlets`, `independent` and `counts_text` repeat its counts so that lists annotate
them without decoding it. `CoverageMember` keeps the article's clustering profile (terms, names
and figures, day, MinHash signature) so that the live index is rebuilt from the database
without re-reading any article; `CoverageIndex` numbers the changes to it (index.py).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from nutgraf.web.stories.models import Story, url_for


class Coverage(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    brief = models.JSONField(default=dict, help_text="The engine's merged StoryBrief JSON.")
    articles = models.PositiveIntegerField(default=0)
    outlets = models.PositiveIntegerField(default=0)
    independent = models.PositiveIntegerField(default=0)
    counts_text = models.CharField(max_length=200, blank=True)
    first_day = models.FloatField(null=True, blank=True, help_text="Days since 1970, UTC.")
    last_day = models.FloatField(null=True, blank=True)
    first_published = models.CharField(max_length=40, blank=True)
    last_published = models.CharField(max_length=40, blank=True)
    # The earliest publication time of a scheduled member: from then the merge is stale.
    refresh_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "coverage"
        indexes = [models.Index(fields=["last_day"], name="coverage_last_day")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_for("coverage:detail", self.slug)


class CoverageMember(models.Model):
    class Role(models.TextChoices):
        ORIGINAL = "original", "Original reporting"
        REWRITE = "rewrite", "Rewrite"
        ADDS = "adds", "Rewrite that adds"
        VERSION = "version", "Version"

    coverage = models.ForeignKey(Coverage, on_delete=models.CASCADE, related_name="members")
    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="coverage_member")
    position = models.PositiveIntegerField(default=0, help_text="Index in the merged brief.")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.ORIGINAL)
    follows = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied = models.FloatField(default=0.0)
    covered = models.FloatField(default=0.0)
    added = models.JSONField(default=list, blank=True, help_text="Sentences it adds: id, text.")
    outlet = models.CharField(max_length=200, blank=True)
    # The clustering profile (profiles.py).
    day = models.FloatField(null=True, blank=True, help_text="Days since 1970, UTC.")
    terms = models.JSONField(default=list)
    anchors = models.JSONField(default=list)
    signature = models.BinaryField(max_length=256, null=True, blank=True)
    shingles = models.PositiveIntegerField(default=0)
    joined_at = models.DateTimeField(default=timezone.now)
    # The index generation (CoverageIndex) at which assignment added it: a warm index that
    # saw generation g catches up by adding the members added after g, in that order.
    added_generation = models.PositiveBigIntegerField(default=0, db_index=True)

    class Meta:
        ordering = ["coverage", "position"]
        indexes = [models.Index(fields=["day"], name="coverage_member_day")]

    def __str__(self) -> str:
        return f"{self.outlet or self.story_id} in {self.coverage_id}"


class CoverageIndex(models.Model):
    """The one row that says how current a process's warm assignment index is (index.py).

    `generation` moves on every change to what assignment reads; `reset_generation` is the
    last change that was not a plain addition (a withdrawal, a changed profile, a
    re-clustering, a late article): an index older than it must be rebuilt.
    """

    generation = models.PositiveBigIntegerField(default=0)
    reset_generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "coverage index"

    def __str__(self) -> str:
        return f"generation {self.generation}"
