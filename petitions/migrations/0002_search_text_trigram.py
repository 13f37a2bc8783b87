"""Trigram search on PostgreSQL: the pg_trgm extension and a GIN index on the folded search text.

Runs only on PostgreSQL; on SQLite the portable fallback (petitions/similarity.py) needs no schema. The index serves
both the accent-folded substring search (LIKE '%...%') and the similarity suggestions (`%` / similarity()).
"""

from django.db import migrations

INDEX = "petitions_petition_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON petitions_petition USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
