"""What the editorial workflow keeps besides Wagtail's own revisions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .constants import FieldGroup, TranslationStatus


class TranslationState(models.Model):
    """The French and English text of one field group of a page, as last saved.

    Hashes tell whether a language changed between two revisions; the times say which language
    changed last, so "French edited after the English" (outdated) is a fact, not a guess.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    field_group = models.CharField(max_length=20, choices=FieldGroup.choices)
    fr_hash = models.CharField(max_length=64)
    en_hash = models.CharField(max_length=64)
    fr_changed_at = models.DateTimeField()
    en_changed_at = models.DateTimeField()
    # Some French text of the group has no English counterpart.
    en_missing = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")
        constraints = [
            models.UniqueConstraint(fields=["page", "field_group"], name="unique_page_field_group")
        ]

    def __str__(self):
        return f"{self.page_id} {self.field_group}: {self.status}"

    @property
    def status(self):
        if self.en_missing:
            return TranslationStatus.MISSING
        if self.fr_changed_at > self.en_changed_at:
            return TranslationStatus.OUTDATED
        return TranslationStatus.COMPLETE
