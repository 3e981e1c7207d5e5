from django.core.management import call_command

from wagtail.models import Page

from modeltranslation.utils import build_localized_fieldname
from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)


class Command(TranslationMigrateCommand):
    """``migrate`` that leaves every page usable in every language.

    wagtail-modeltranslation adds the translated columns of Wagtail's page table after the
    migrations have run, so the pages those migrations created (the tree's root) start with empty
    French and English titles and URL paths; pages added under them would get broken URLs.
    """

    def handle(self, *args, **options):
        # The translated columns are part of the schema the site needs: wagtail-modeltranslation
        # asks before adding them (and takes "no" by default), which is never the right answer.
        options["interactive"] = False
        super().handle(*args, **options)
        url_path_field = build_localized_fieldname("url_path", "fr")
        if Page.objects.filter(**{f"{url_path_field}__isnull": True}).exists():
            call_command("update_translation_fields", verbosity=0)
            call_command("set_translation_url_paths")
