"""PostgreSQL: full-text search ranked and served from its GIN index; migrations on both.

tests/web/test_search.py runs the same search checks on whichever database the run uses;
these add what is PostgreSQL's own and skip, saying so, on SQLite (`make test-postgres`).
"""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from nutgraf.web.stories import search, selectors

from .workers import missing

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        missing("PostgreSQL search tests need DATABASE_URL on PostgreSQL")


def test_the_index_is_built_on_the_expression_search_matches():
    migration = importlib.import_module("nutgraf.web.stories.migrations.0005_postgres_search")
    assert migration.POSTGRES_VECTOR == search.POSTGRES_VECTOR


def test_search_uses_the_gin_index(postgres, published):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: force the choice
        cursor.execute(
            f"EXPLAIN SELECT id FROM stories_story WHERE {search.POSTGRES_VECTOR} "
            "@@ to_tsquery('english', %s)",
            [search.tsquery("flood defences")],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "story_search_pg" in plan


def test_ranking_prefers_the_headline_and_reads_prefixes_and_stems(postgres, published):
    headlines = [s.headline for s in selectors.story_search(text="levy")]
    assert "levy" in headlines[0].lower()
    assert selectors.story_search(text="glaci")  # prefix
    assert selectors.story_search(text="storm")  # english stemming: storms
    assert selectors.story_search(text="the") == []  # only a stop word: nothing, no error


@pytest.mark.parametrize("text", ["'", "a & b", "!", "x:*", "(", "foo | bar", "\\"])
def test_odd_input_is_safe_on_postgres(postgres, published, text):
    selectors.story_search(text=text)
