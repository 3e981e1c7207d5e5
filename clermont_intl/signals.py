"""Keep the per-language search index in step with publishing."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    from .search import index_page

    index_page(instance)


# Deleted pages leave the index by the foreign key's cascade.
@receiver(page_unpublished)
def unindex_page(sender, instance, **kwargs):
    from .search import unindex_page

    unindex_page(instance)
