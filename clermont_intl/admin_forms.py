"""The admin's page form for the section's pages."""

from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminPageForm

from .routing import refuse_route_slugs


class SectionPageForm(WagtailAdminPageForm):
    """Refuses an address that a route of the parent page already answers (an event called
    "calendar" under the agenda, whose calendar feed is /agenda/calendar/)."""

    def clean(self):
        cleaned_data = super().clean()
        slugs = {
            name: cleaned_data.get(name)
            for name in self.fields
            if name == "slug" or name.startswith("slug_")
        }
        try:
            refuse_route_slugs(slugs, self.parent_page)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name, messages)
        return cleaned_data
