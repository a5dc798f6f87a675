"""Coverage follows the stories: a revision of a story (publication, edit, withdrawal) or its
deletion brings its coverage up to date once the story's own transaction has committed.

Run after the commit, not inside it: the story is stored whole by then, and a failure in
coverage (logged, `robust=True`) can never undo an editor's publication.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nutgraf.web.stories.models import Story, StoryRevision

#: Revision actions that change whether or how a story belongs to its coverage.
ACTIONS = frozenset({"published", "scheduled", "edited", "recomposed", "unpublished"})


def _assign(story_id: int) -> None:
    from nutgraf.web.coverage.services import coverage_assign

    story = Story.objects.filter(pk=story_id).first()
    if story is not None:
        coverage_assign(story=story)


def revision_saved(sender: Any, instance: StoryRevision, created: bool, **kwargs: Any) -> None:
    if not created or instance.action not in ACTIONS:
        return
    story_id = instance.story_id
    if instance.action == "edited" and instance.snapshot.get("status") != Story.Status.PUBLISHED:
        return  # an edited draft is in no coverage
    transaction.on_commit(lambda: _assign(story_id), robust=True)


def story_deleting(sender: Any, instance: Story, **kwargs: Any) -> None:
    from nutgraf.web.coverage.models import CoverageMember
    from nutgraf.web.coverage.services import coverage_merge

    coverage = (
        CoverageMember.objects.filter(story_id=instance.pk)
        .values_list("coverage", flat=True)
        .first()
    )
    if coverage is None:
        return
    from nutgraf.web.coverage.index import index_reset

    index_reset()  # its membership row goes with it: kept indexes must forget the article

    def merge() -> None:
        from nutgraf.web.coverage.models import Coverage

        found = Coverage.objects.filter(pk=coverage).first()
        if found is not None:
            coverage_merge(coverage=found)

    transaction.on_commit(merge, robust=True)
