"""The database cache table (settings.CACHES without CACHE_URL), so `migrate` alone makes it.

Rate limits live there: every web process of an SQLite or PostgreSQL site shares them.
`createcachetable` skips tables that exist and caches that are not database caches.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
