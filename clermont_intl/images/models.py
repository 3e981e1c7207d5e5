from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
