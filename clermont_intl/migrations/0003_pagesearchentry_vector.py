"""The search entries' stored text search vector, with its GIN index, on PostgreSQL.

SQLite (the local demo) keeps searching by stems: there the column stays empty and unindexed.
"""

import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations

INDEX = "clermont_intl_pagesearchentry_vector_gin"


def index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("clermont_intl", "PageSearchEntry")._meta.db_table
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (vector)")
    for language, config in settings.SEARCH_CONFIGS.items():
        schema_editor.execute(
            f"UPDATE {table} SET vector = "
            "setweight(to_tsvector(%s::regconfig, title), 'A') || "
            "setweight(to_tsvector(%s::regconfig, text), 'B') "
            "WHERE language = %s",
            [config, config, language],
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("clermont_intl", "0002_passage_language_features"),
    ]

    operations = [
        migrations.AddField(
            model_name="pagesearchentry",
            name="vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_fill, drop_index),
    ]
