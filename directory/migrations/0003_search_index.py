from django.db import migrations

# The same expression django.contrib.postgres's SearchVector("search_text", config="simple")
# writes, so PostgreSQL uses the index for directory.search's full-text queries.
CREATE = """
CREATE INDEX IF NOT EXISTS directory_service_search_text
ON directory_service
USING gin (to_tsvector('simple'::regconfig, COALESCE((search_text)::text, ''::text)))
"""
DROP = "DROP INDEX IF EXISTS directory_service_search_text"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_village_needs")]
    operations = [migrations.RunPython(create, drop)]
