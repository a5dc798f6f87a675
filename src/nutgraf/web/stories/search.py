"""Full-text search over headlines, summaries and article text.

SQLite (the default): an FTS5 table `stories_search` whose rowid is the story id, ranked with
bm25 weighting the headline over the summary over the body. PostgreSQL: a weighted
tsvector over the story's columns, matched through a GIN expression index and ranked with
ts_rank, no extra table. Visibility is not this module's
business: it returns candidate ids, and selectors filter them to what a reader may see.
`search_snippets` gives, for the stories a results page shows, a passage of their text with
the matched words marked (FTS5's snippet(), PostgreSQL's ts_headline), so a reader sees why
each story matched.
"""

from __future__ import annotations

import re

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_HITS = 500
#: Bracket the matched words while the database cuts the passage; replaced by <mark> after
#: the passage is escaped. Control characters the extractor never leaves in article text.
_START, _STOP = "\x02", "\x03"
SNIPPET_WORDS = 30


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


def search_snippets(*, ids: list[int], text: str) -> dict[int, SafeString]:
    """{story id: a passage of its article text with the words of `text` in <mark>}."""
    if not ids or not TOKEN.search(text):
        return {}
    if connection.vendor == "postgresql":
        sql = (
            # ts_headline parses all the text it is given: the first 20,000 characters keep a
            # page of 50 long articles fast (a match beyond them gets the opening instead).
            "SELECT id, ts_headline('english', left(body_text, 20000), "
            "to_tsquery('english', %s), %s) "
            "FROM stories_story WHERE id = ANY(%s)"
        )
        options = (
            f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        params: list[str | int | list[int]] = [tsquery(text), options, list(ids)]
    else:
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            "SELECT rowid, snippet(stories_search, 2, %s, %s, '…', %s) FROM stories_search "  # noqa: S608 - placeholders only
            f"WHERE stories_search MATCH %s AND rowid IN ({marks})"
        )
        params = [_START, _STOP, SNIPPET_WORDS, fts_query(text), *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: _marked(row[1]) for row in cursor.fetchall() if row[1]}


def _marked(passage: str) -> SafeString:
    """The passage escaped, its match brackets turned into <mark> (unpaired ones dropped)."""
    escaped = escape(" ".join(passage.split()))
    marked = re.sub(f"{_START}([^{_START}{_STOP}]*){_STOP}", r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(_START, "").replace(_STOP, ""))  # noqa: S308 - escaped above
