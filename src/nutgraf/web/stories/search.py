"""Full-text search over headlines, summaries and article text.

SQLite (the default): an FTS5 table `stories_search` whose rowid is the story id, ranked with
bm25 weighting the headline over the summary over the body. PostgreSQL: a weighted
tsvector over the story's columns, matched through a GIN expression index and ranked with
ts_rank, no extra table. Visibility is not this module's
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


# The weighted document; the GIN index of migration 0005 is built on this exact expression,
# so the planner uses it for the @@ match.
POSTGRES_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C'))"
)


def tsquery(text: str) -> str:
    """User input as a safe to_tsquery argument: every word must match, as a prefix (as FTS5)."""
    return " & ".join(f"'{word}':*" for word in TOKEN.findall(text)[:12])


def _postgres_ids(*, text: str, limit: int) -> list[int]:
    """Ranked by ts_rank, whose default weights put the headline (A) over the summary (B)
    over the body (C)."""
    sql = (
        f"SELECT id FROM stories_story, to_tsquery('english', %s) AS q "  # noqa: S608 - constant
        f"WHERE {POSTGRES_VECTOR} @@ q ORDER BY ts_rank({POSTGRES_VECTOR}, q) DESC, id DESC "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(text), limit])
        return [row[0] for row in cursor.fetchall()]
