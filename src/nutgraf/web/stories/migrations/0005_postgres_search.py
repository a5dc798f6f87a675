"""PostgreSQL: a GIN index on the weighted tsvector search.py matches (SQLite has FTS5)."""

from django.db import migrations

# Frozen copy of search.POSTGRES_VECTOR (a test checks they agree): the planner uses the
# index only for that exact expression.
POSTGRES_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS story_search_pg ON stories_story USING GIN ({POSTGRES_VECTOR})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS story_search_pg")


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_source_content_hash")]
    operations = [migrations.RunPython(create, drop)]
