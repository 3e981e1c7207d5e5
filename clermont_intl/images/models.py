"""The images' descriptions per language, and what every model that shows an image with its
text alternative shares: the fields, their help text and the rule that an image chosen has its
alternative text in French (RGAA criterion 1.1)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname

ALT_TEXT_MAX_LENGTH = 250
ALT_TEXT_HELP = _("Describe what the image shows, for people who cannot see it.")
# Where the image's description from the library stands in for an empty alternative text.
ALT_TEXT_OR_DESCRIPTION_HELP = _(
    "Describe what the image shows, for people who cannot see it. Left empty, the "
    "image's description from the library is used."
)


def image_field(*, required=False):
    """An image chosen from the library: optional (removed with the image), or required (the
    row goes with the image, as a gallery's)."""
    if required:
        return models.ForeignKey(
            "wagtailimages.Image",
            on_delete=models.CASCADE,
            related_name="+",
            verbose_name=_("image"),
        )
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )


def alt_text_field(verbose_name=None, *, help_text=ALT_TEXT_HELP, blank=True):
    """The text alternative of an image, translated (registered in the app's translation.py)."""
    return models.CharField(
        verbose_name or _("alternative text"),
        max_length=ALT_TEXT_MAX_LENGTH,
        blank=blank,
        help_text=help_text,
    )


def require_french_alt_text(instance, field_name, message, *, description_stands_in=False):
    """Refuses an image without its alternative text in French (the default language). Where
    the image's French description from the library stands in (``description_stands_in``), the
    row needs one or the other, image chosen or not."""
    name = build_localized_fieldname(field_name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    if (getattr(instance, name) or "").strip():
        return
    if description_stands_in:
        image = instance.image if instance.image_id else None
        if image and image.description.strip():
            return
    elif not instance.image_id:
        return
    raise ValidationError({name: message})


class ImageWithAltText(models.Model):
    """An optional image and its alternative text, required in French once an image is chosen.

    A model says what differs: the message of the rule, and its own panels.
    """

    image = image_field()
    image_alt_text = alt_text_field()

    missing_alt_text_message = _("Give the image a text alternative in French.")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        require_french_alt_text(self, "image_alt_text", self.missing_alt_text_message)


class ImageDescription(models.Model):
    """An image's description in a language other than the default one (which is Wagtail's
    own ``Image.description``): see clermont_intl.images for why it is a table of its own."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="translated_descriptions",
        verbose_name=_("image"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    description = models.CharField(_("description"), max_length=255)

    class Meta:
        verbose_name = _("image description")
        verbose_name_plural = _("image descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "language"], name="one_description_per_image_and_language"
            )
        ]

    def __str__(self):
        return f"{self.image_id} [{self.language}]"
