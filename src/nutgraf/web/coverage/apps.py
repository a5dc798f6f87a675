from __future__ import annotations

from typing import TypeVar

from django.apps import AppConfig
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


class CoverageConfig(AppConfig):
    name = "nutgraf.web.coverage"
    label = "coverage"
    verbose_name = "Coverage"
    default_auto_field = "django.db.models.BigAutoField"

    def annotate_stories(self, stories: QuerySet[M]) -> QuerySet[M]:
        """Story lists and pages show the story's coverage (stories.selectors asks)."""
        from nutgraf.web.coverage.selectors import story_annotate_coverage

        return story_annotate_coverage(stories=stories)

    def ready(self) -> None:
        # This process's kept assignment index (index.py): one per process, made here rather
        # than at import so that it belongs to the running app.
        from nutgraf.web.coverage.index import WarmIndex

        self.index = WarmIndex()

        # A receiver rather than a call inside stories/services.py: every change to a story
        # leaves one StoryRevision (published, scheduled, edited, recomposed, unpublished), so
        # watching revisions sees each publication whichever service made it, and the stories
        # app keeps no knowledge of coverage.
        from django.db.models.signals import post_save, pre_delete

        from nutgraf.web.coverage import signals
        from nutgraf.web.stories.models import Story, StoryRevision

        post_save.connect(signals.revision_saved, sender=StoryRevision, dispatch_uid="coverage")
        pre_delete.connect(signals.story_deleting, sender=Story, dispatch_uid="coverage")
