from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm

from . import default_language
from .models import ImageDescription


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != default_language()]


def field_name(language):
    return f"description_{language}"


class ImageForm(BaseImageForm):
    """The library's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with the description in every
    language: Wagtail's own field for the default language, one field per other language."""

    HELP = _(
        "What the image shows, for people who cannot see it. It is offered as the alternative "
        "text wherever the image is chosen for a page, in the page's language."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" not in self.fields:
            return  # a form limited to other fields (Wagtail's partial updates)
        self.fields["description"].label = _("Description [%(language)s]") % {
            "language": default_language()
        }
        self.fields["description"].help_text = self.HELP
        existing = {}
        if self.instance.pk:
            existing = dict(
                self.instance.translated_descriptions.values_list("language", "description")
            )
        for language in other_languages():
            self.fields[field_name(language)] = forms.CharField(
                label=_("Description [%(language)s]") % {"language": language},
                max_length=255,
                required=False,
                initial=existing.get(language, ""),
                help_text=self.HELP,
            )

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            self.save_descriptions()
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_descriptions():
                save_m2m()
                self.save_descriptions()

            self.save_m2m = save_m2m_and_descriptions
        return image

    def save_descriptions(self):
        for language in other_languages():
            name = field_name(language)
            # Only what the form was sent: a form of other fields leaves descriptions alone.
            if name not in self.fields or self.add_prefix(name) not in self.data:
                continue
            text = self.cleaned_data.get(name, "").strip()
            if text:
                ImageDescription.objects.update_or_create(
                    image=self.instance, language=language, defaults={"description": text}
                )
            else:
                ImageDescription.objects.filter(image=self.instance, language=language).delete()
