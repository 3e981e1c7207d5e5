import secrets

from django.db import migrations, models


def first_generation(apps, schema_editor):
    CacheGeneration = apps.get_model("clermont_intl", "CacheGeneration")
    CacheGeneration.objects.get_or_create(pk=1, defaults={"value": secrets.randbits(62)})


class Migration(migrations.Migration):
    dependencies = [
        ("clermont_intl", "0005_legal_pages_contact_home"),
    ]

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField()),
            ],
            options={"verbose_name": "cache generation"},
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
