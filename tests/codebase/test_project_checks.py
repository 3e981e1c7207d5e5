"""Project-wide checks that CI also runs on its own: migrations and Django's system checks."""

from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db


def test_no_missing_migrations():
    # Exits with SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")
