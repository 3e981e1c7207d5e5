"""What the editorial workflow keeps besides Wagtail's own revisions."""

from django.conf import settings
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
    # The French, as a reader sees it ({field key: text}), when the English was last edited or
    # checked: the "before" of the translators' "what changed" view.
    fr_reference = models.JSONField(default=dict, blank=True)
    # Keys of the units whose English was copied from the French as a starting point: they stay
    # to translate (missing) while their English is still the French.
    copied = models.JSONField(default=list, blank=True)
    # French words of the group, and of its units to translate or changed since the English.
    fr_words = models.PositiveIntegerField(default=0)
    pending_words = models.PositiveIntegerField(default=0)
    # How the hashes were computed (translation_state.SCHEME): older ones are recomputed from
    # the page's previous content before they are compared.
    scheme = models.PositiveSmallIntegerField(default=1)
    # A translator who found the English still valid after a French change.
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

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


class TranslatorPreference(models.Model):
    """A translator's choices about the translation notices (their account settings)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_preference"
    )
    daily_digest = models.BooleanField(
        _("daily digest of French changes"),
        default=True,
        help_text=_(
            "Receive once a day, by e-mail, the pages whose French changed since their English."
        ),
    )
    # When the last digest was sent: the next one lists the French changes since then.
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("translator preference")
        verbose_name_plural = _("translator preferences")

    def __str__(self):
        return str(self.user)
