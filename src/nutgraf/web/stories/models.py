"""What the site stores: stories (each holding one brief), their categories, tags and entities.

`Story.brief` is the engine's JSON (docs/brief-json.md) with an editor's edits applied; the
columns beside it (headline, summary, ...) repeat what lists, feeds and search need so that those
never decode the JSON. Services keep the two in step; nothing else writes them.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


@lru_cache(maxsize=20_000)
def url_for(name: str, slug: str) -> str:
    """reverse() for the slug-addressed pages, remembered: list pages call it hundreds of times."""
    return reverse(name, kwargs={"slug": slug})


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=100, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("stories:category", self.slug)


class Tag(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("stories:tag", self.slug)


class Entity(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        PLACE = "place", "Place"
        NATIONALITY = "nationality", "Nationality or group"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    slug = models.SlugField(max_length=220, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="entity_name_kind")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("stories:entity", self.slug)


class SourceDocument(models.Model):
    """The input a story was made from, kept so that composition can be run again."""

    location = models.CharField(max_length=2000, help_text="URL, file name or 'pasted'.")
    url = models.URLField(max_length=2000, blank=True)
    media_type = models.CharField(max_length=40)
    content = models.BinaryField()
    site_name = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published = models.CharField(max_length=40, blank=True, help_text="As the source gave it.")
    created_at = models.DateTimeField(default=timezone.now)
    content_hash = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of content when ingested; blank otherwise."
    )

    class Meta:
        # Ingesting the same content twice makes one story, even from two processes at once.
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"], condition=~Q(content_hash=""), name="source_content_once"
            )
        ]
        indexes = [models.Index(fields=["url"], name="source_url")]

    def __str__(self) -> str:
        return self.site_name or self.location[:80]


def visible_q(now: object | None = None) -> Q:
    """Stories a reader may see: published, with a publication time that has come."""
    return Q(status=Story.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Story(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=120, unique=True)
    headline = models.CharField(max_length=300)
    summary = models.TextField()
    description = models.CharField(max_length=300, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    # An uploaded lead image, re-encoded by services.story_set_image (never stored as sent).
    image = models.ImageField(
        upload_to="images/", blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_thumbnail = models.ImageField(upload_to="images/thumbs/", blank=True, editable=False)
    image_alt = models.CharField(
        max_length=300, blank=True, help_text="What the image shows, for readers who cannot see it."
    )
    image_caption = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=200, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="stories")
    suggested_category = models.CharField(max_length=80, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="stories")
    entities: models.ManyToManyField[Entity, StoryEntity] = models.ManyToManyField(
        Entity, through="StoryEntity", related_name="stories"
    )
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="stories")
    brief = models.JSONField(help_text="The engine's brief (JSON contract v1) with edits applied.")
    body_text = models.TextField(blank=True, help_text="The article text the brief cites.")
    reading_minutes = models.PositiveSmallIntegerField(default=1)
    featured = models.BooleanField(default=False, help_text="Lead its category on the home page.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="First publication; a future time schedules the story."
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Last change a reader can see, made after publication."
    )
    review_flags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="story_visible"),
            models.Index(fields=["category", "status", "-published_at"], name="story_category"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return url_for("stories:detail", self.slug)

    @property
    def is_visible(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def lead_image_url(self) -> str:
        """The uploaded image's URL, else the image URL the source or an editor gave, else ""."""
        return self.image.url if self.image else self.image_url

    @property
    def thumbnail_url(self) -> str:
        """The listing picture: the upload's thumbnail, else the image URL given, else ""."""
        return self.image_thumbnail.url if self.image_thumbnail else self.image_url

    @property
    def thumbnail_height(self) -> int | None:
        """The thumbnail's height at images.THUMB_WIDTH wide, when the upload's size is known."""
        if not (self.image_thumbnail and self.image_width and self.image_height):
            return None
        width = min(480, self.image_width)
        return round(self.image_height * width / self.image_width)

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class DraftStory(Story):
    """The review queue: the same rows, shown in the desk as drafts waiting for an editor."""

    class Meta:
        proxy = True
        verbose_name = "draft in review"
        verbose_name_plural = "review queue"


class StoryEntity(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="story_links")
    roles = models.JSONField(default=list, blank=True)
    mentions = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "entity"], name="story_entity_once")
        ]


class RelatedStory(models.Model):
    """A precomputed link to a story with similar content, best first (see related.py)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reason = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["story", "position"]
        constraints = [models.UniqueConstraint(fields=["story", "related"], name="related_once")]


class StoryRevision(models.Model):
    """A story as it stood after one change: who made it, when, and what changed."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=40)
    changed = models.JSONField(default=list, blank=True)
    snapshot = models.JSONField()
    public = models.BooleanField(
        default=False, help_text="The change altered what readers see on a published story."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"


class PendingEdit(models.Model):
    """An edit the support check flagged, held back until an editor confirms it on its field.

    Readers never see it: the brief keeps the wording it had. `item` names the brief's item
    ("summary", "key_points.2", "faq.0": 0-based indexes into the live brief; "key_points.new.7"
    for a point added in the editor's 8th slot). Confirming it puts `text` (and `sources`)
    into the brief marked as the newsroom's wording (services.story_confirm_wording).
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="pending_edits")
    item = models.CharField(max_length=40)
    label = models.CharField(max_length=40, help_text="'Key point 3', as the desk names it.")
    text = models.TextField()
    sources = models.JSONField(default=list, blank=True)
    problem = models.CharField(max_length=300)
    question = models.CharField(max_length=300, blank=True, help_text="A FAQ item's question.")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["story", "id"]
        constraints = [models.UniqueConstraint(fields=["story", "item"], name="pending_once")]

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:60]}"
