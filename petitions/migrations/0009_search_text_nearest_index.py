"""The similar-petition suggestions read the nearest petitions through a GiST trigram index (`ORDER BY search_text <->
'...' LIMIT n`), instead of computing similarity() for every petition of the conference (issue 11: 0.3-0.5 s at
10,000 petitions on the petition page and the edit form). PostgreSQL only, as migration 0002.
"""

from django.db import migrations

INDEX = "petitions_petition_search_nearest"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON petitions_petition USING gist (search_text gist_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_live_sessions")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
