from __future__ import annotations

from typing import TypeVar

from django.apps import AppConfig
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nutgraf.web.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def annotate_stories(self, stories: QuerySet[M]) -> QuerySet[M]:
        """Story lists and pages show approved comment counts (stories.selectors asks)."""
        from nutgraf.web.comments.selectors import story_annotate_comment_count

        return story_annotate_comment_count(stories=stories)
