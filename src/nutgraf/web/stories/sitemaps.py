"""sitemap.xml sections (Django's sitemaps framework) and the Google News sitemap's data."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from nutgraf.web.stories import selectors
from nutgraf.web.stories.models import Category, Story


class StorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self) -> Any:
        return selectors.story_list_visible()

    def lastmod(self, item: Story) -> Any:
        return item.updated_at or item.published_at


class CategorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self) -> list[Category]:
        return selectors.category_list()


class PageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self) -> list[str]:
        return ["stories:home", "stories:archive", "stories:about"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"stories": StorySitemap, "categories": CategorySitemap, "pages": PageSitemap}
