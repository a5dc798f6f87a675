"""Stories: many articles about one event, grouped, traced and merged into one brief.

signatures.py   MinHash of word shingles, containment, LSH band keys (near-copies)
profiles.py     an article's terms, names and figures, day and signature
clustering.py   online story assignment (StoryIndex) and batch re-clustering
versions.py     one outlet's pages of one article (AMP, print, second host, revision)
restatements.py across articles: copied sentences, facts stated again, facts added (facts.py)
lineage.py      original / rewrite of / adds, by wording and by meaning; each fact's origin
conflicts.py    independent reports giving another figure, date or name for one statement
merge.py        the merged StoryBrief: versions, points said once with independent counts,
                conflicts, timeline
records.py      the story records and the "nutgraf_story" JSON contract
render.py       a story brief and the story index as JSON, Markdown or HTML

>>> from nutgraf.engine.stories import StoryIndex, profile_text, merge_story
>>> index = StoryIndex()
>>> index.add(profile_text(text, title=title, published="2025-03-10T11:00:00Z")).story
>>> merge_story(briefs_of_that_story).to_dict()
"""

from __future__ import annotations

from nutgraf.engine.stories.clustering import (
    Assignment,
    ClusterSettings,
    StoryIndex,
    cluster_profiles,
)
from nutgraf.engine.stories.lineage import Trace, trace_lineage
from nutgraf.engine.stories.merge import merge_story, outlet_of
from nutgraf.engine.stories.profiles import Profile, profile_text
from nutgraf.engine.stories.records import (
    STORY_FORMAT_VERSION,
    ArticleVersion,
    Citation,
    Conflict,
    ConflictClaim,
    Lineage,
    SourceCount,
    StoryArticle,
    StoryBrief,
    StoryEntity,
    StoryEvent,
    StoryPoint,
)
from nutgraf.engine.stories.signatures import Signature, containment, jaccard, sign_text

__all__ = [
    "ArticleVersion",
    "Assignment",
    "Citation",
    "ClusterSettings",
    "Conflict",
    "ConflictClaim",
    "Lineage",
    "Profile",
    "STORY_FORMAT_VERSION",
    "Signature",
    "SourceCount",
    "StoryArticle",
    "StoryBrief",
    "StoryEntity",
    "StoryEvent",
    "StoryIndex",
    "StoryPoint",
    "Trace",
    "cluster_profiles",
    "containment",
    "jaccard",
    "merge_story",
    "outlet_of",
    "profile_text",
    "sign_text",
    "trace_lineage",
]
