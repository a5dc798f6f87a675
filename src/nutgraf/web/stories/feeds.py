"""RSS 2.0 and Atom feeds for the site and for each category (Django's syndication framework).

Items carry a permanent guid (the story's URL), publication and update dates, the summary as
the description, and the key points as `content:encoded`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import caches
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from nutgraf.web.stories import selectors
from nutgraf.web.stories.models import Category, Story


class ContentRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the content module, so items can carry their full HTML."""

    def rss_attributes(self) -> dict[str, str]:
        attributes = super().rss_attributes()
        attributes["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attributes

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])


class ContentAtomFeed(Atom1Feed):
    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content", item["content_encoded"], {"type": "html"})


class LatestStoriesFeed(Feed):
    feed_type: type[SyndicationFeed] = ContentRssFeed
    description_template = None

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Category | None:
        slug = kwargs.get("slug")
        if slug is None:
            return None
        category = selectors.category_get(slug=slug)
        if category is None:
            raise Http404("No such section.")
        return category

    def title(self, obj: Category | None) -> str:
        return f"{settings.SITE_NAME}: {obj.name}" if obj else settings.SITE_NAME

    def link(self, obj: Category | None) -> str:
        return obj.get_absolute_url() if obj else reverse("stories:home")

    def description(self, obj: Category | None) -> str:
        if obj:
            return obj.description or f"The latest {obj.name} explainers."
        return settings.SITE_DESCRIPTION

    def feed_url(self, obj: Category | None) -> str:
        kind = "rss" if self.feed_type is ContentRssFeed else "atom"
        if obj:
            return reverse(f"stories:category_{kind}", kwargs={"slug": obj.slug})
        return reverse(f"stories:feed_{kind}")

    def items(self, obj: Category | None) -> list[Story]:
        stories = selectors.feed_stories(category=obj)
        # On each item, not on self: one Feed instance serves every request thread.
        for story, content in zip(stories, _item_contents(stories), strict=True):
            story.feed_content = content  # type: ignore[attr-defined]
        return stories

    def item_title(self, item: Story) -> str:
        return item.headline

    def item_description(self, item: Story) -> str:
        return item.summary

    def item_link(self, item: Story) -> str:
        return item.get_absolute_url()

    item_guid_is_permalink = True

    def get_feed(self, obj: Category | None, request: HttpRequest) -> Any:
        feed = super().get_feed(obj, request)
        for entry in feed.items:
            entry["unique_id"] = entry["link"]  # the absolute URL: a permanent guid
        return feed

    def item_pubdate(self, item: Story) -> Any:
        return item.published_at

    def item_updateddate(self, item: Story) -> Any:
        return item.updated_at or item.published_at

    def author_name(self, obj: Category | None) -> str:
        """The newsroom writes the explainers (the reports they rest on are credited on each
        page): it is the feed's author, so every Atom entry has one (RFC 4287 4.1.2)."""
        return settings.SITE_NAME

    def item_author_name(self, item: Story) -> str:
        """RSS gets it as dc:creator (RSS's `author` must be an email address)."""
        return settings.SITE_NAME

    def item_categories(self, item: Story) -> list[str]:
        return [item.category.name, *(t.name for t in item.tags.all())]

    def item_extra_kwargs(self, item: Story) -> dict[str, Any]:
        return {"content_encoded": getattr(item, "feed_content", "")}


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = ContentAtomFeed
    subtitle = LatestStoriesFeed.description


def _item_contents(stories: list[Story]) -> list[str]:
    """Each item's HTML (its summary and key points), kept in the pages cache per story version:
    only the items missing there load their briefs, in one query."""
    kept_in = caches["pages"]
    keys = {story.pk: f"feed-item:{story.pk}:{story.modified_at.timestamp()}" for story in stories}
    kept = kept_in.get_many(list(keys.values()))
    contents = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [story for story in stories if story.pk not in contents]
    briefs = selectors.story_briefs(ids=[story.pk for story in missing])
    made: dict[str, str] = {}
    for story in missing:
        context = {"story": story, "key_points": briefs.get(story.pk, {}).get("key_points", [])}
        made[keys[story.pk]] = contents[story.pk] = render_to_string(
            "stories/feed_item.html", context
        )
    kept_in.set_many(made)
    return [contents[story.pk] for story in stories]
