"""Keep the translation states in step with every saved page revision."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import Page, Revision


@receiver(post_save, sender=Revision)
def record_translation_state(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    model = instance.content_type.model_class()
    if model is None or not issubclass(model, Page):
        return
    from .translation_state import record_revision

    record_revision(instance)


# Only on creation: later saves of the page row carry the live content, while the editors'
# drafts (what translators work on) are in the revisions recorded above. Pages made without
# signals (bulk loads) get their states from their previous content at their first revision.
@receiver(post_save)
def record_new_page(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page) or instance.depth == 1:
        return
    if type(instance) is Page:  # the generic row of a specific page, saved first
        return
    from .translation_state import record_new_page

    record_new_page(instance)
