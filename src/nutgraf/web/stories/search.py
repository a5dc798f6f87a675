"""Full-text search over headlines, summaries and article text.

SQLite (the default): an FTS5 table `stories_search` whose rowid is the story id, ranked with
bm25 weighting the headline over the summary over the body. PostgreSQL: a weighted
`SearchVector` ranked with `SearchRank`, no extra table. Visibility is not this module's
business: it returns candidate ids, and selectors filter them to what a reader may see.
"""

from __future__ import annotations

import re

from django.db import connection

TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_HITS = 500


def fts_query(text: str) -> str:
    """User input as a safe FTS5 query: every word must match, as a prefix."""
    words = TOKEN.findall(text)[:12]
    return " ".join(f'"{word}"*' for word in words)


def search_index(*, story_id: int, headline: str, summary: str, body: str) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stories_search WHERE rowid = %s", [story_id])
        cursor.execute(
            "INSERT INTO stories_search (rowid, headline, summary, body) VALUES (%s, %s, %s, %s)",
            [story_id, headline, summary, body],
        )


def search_remove(*, story_id: int) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stories_search WHERE rowid = %s", [story_id])


def search_ids(*, text: str, limit: int = MAX_HITS) -> list[int]:
    """Ids of stories matching `text`, best first."""
    if not TOKEN.search(text):
        return []
    if connection.vendor == "postgresql":
        return _postgres_ids(text=text, limit=limit)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM stories_search WHERE stories_search MATCH %s "
            "ORDER BY bm25(stories_search, 10.0, 4.0, 1.0) LIMIT %s",
            [fts_query(text), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _postgres_ids(*, text: str, limit: int) -> list[int]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from nutgraf.web.stories.models import Story

    vector = (
        SearchVector("headline", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body_text", weight="C", config="english")
    )
    query = SearchQuery(text, search_type="websearch", config="english")
    rows = (
        Story.objects.annotate(rank=SearchRank(vector, query))
        .filter(rank__gt=0)
        .order_by("-rank", "-id")
        .values_list("id", flat=True)[:limit]
    )
    return list(rows)
