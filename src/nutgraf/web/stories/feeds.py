"""RSS 2.0 and Atom feeds for the site and for each category (Django's syndication framework).

Items carry a permanent guid (the story's URL), publication and update dates, the summary as
the description, and the key points as `content:encoded`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
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
        return selectors.feed_stories(category=obj)

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
        return {"content_encoded": render_to_string("stories/feed_item.html", {"story": item})}


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = ContentAtomFeed
    subtitle = LatestStoriesFeed.description
