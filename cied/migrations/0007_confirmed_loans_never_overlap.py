"""On PostgreSQL, the table itself refuses two confirmed loans of one exhibition on the same day:
an exclusion constraint over the loans' date ranges (both days included). The application checks
it first (cied.exhibitions); this guards against two editors confirming at the same moment.
SQLite (the tests' default) has no such constraint: nothing to do there."""

from django.db import migrations

CONSTRAINT = "cied_confirmed_loans_never_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # btree_gist lets a GiST index compare the exhibition ids with "=" (a trusted extension:
    # the database's owner may create it).
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE cied_loanrequest ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(exhibition_id WITH =, daterange(start, \"end\", '[]') WITH &&) "
        "WHERE (status = 'confirmed')"
    )


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE cied_loanrequest DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("cied", "0006_exhibitions_on_loan")]

    operations = [migrations.RunPython(add_constraint, remove_constraint)]
