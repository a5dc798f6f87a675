"""RSS of a story's approved comments: newest first, name and text, never an email address."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest

from nutgraf.web.comments import selectors
from nutgraf.web.comments.models import Comment
from nutgraf.web.comments.text import render_text
from nutgraf.web.stories.models import Story, visible_q


class StoryCommentsFeed(Feed):
    def get_object(self, request: HttpRequest, slug: str) -> Story:
        story = Story.objects.filter(visible_q(), slug=slug).only("id", "slug", "headline").first()
        if story is None:
            raise Http404("No story by that name.")
        return story

    def title(self, obj: Story) -> str:
        return f"Comments on {obj.headline} · {settings.SITE_NAME}"

    def link(self, obj: Story) -> str:
        return obj.get_absolute_url() + "#comments"

    def description(self, obj: Story) -> str:
        return f"Readers' comments on {obj.headline}."

    def items(self, obj: Story) -> list[Comment]:
        return selectors.comment_feed_items(story=obj)

    def item_title(self, item: Comment) -> str:
        return f"By {item.name}"

    def item_description(self, item: Comment) -> str:
        return str(render_text(item.text))

    def item_link(self, item: Comment) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Comment) -> str:
        return item.name

    def item_pubdate(self, item: Comment) -> datetime:
        return item.created_at
