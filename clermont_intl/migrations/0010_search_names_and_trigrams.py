"""The search entries' other names (weight A with the title) and lead (weight B), with the
stems that rank pages named by the query first on SQLite; pg_trgm for the suggestions of
misspelt queries on PostgreSQL (a no-op elsewhere).

Entries indexed before keep their vector until their page is published again or
`manage.py update_site_search` runs (the seed loader runs it when it finds such entries).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clermont_intl', '0009_image_descriptions'),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name='pagesearchentry',
            name='lead',
            field=models.TextField(blank=True, default=''),
        ),
        migrations.AddField(
            model_name='pagesearchentry',
            name='name_stems',
            field=models.TextField(blank=True, default=''),
        ),
        migrations.AddField(
            model_name='pagesearchentry',
            name='names',
            field=models.TextField(blank=True, default=''),
        ),
    ]
