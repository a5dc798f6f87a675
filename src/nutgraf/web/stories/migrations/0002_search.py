"""The FTS5 table search.py reads, on SQLite only (PostgreSQL searches the story columns)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS stories_search USING fts5("
        "headline, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS stories_search")


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
