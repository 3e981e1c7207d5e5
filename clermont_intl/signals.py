"""What follows publishing: the search index and the image renditions.

The caches' side of a change is clermont_intl.caching.invalidation.
"""

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


@receiver(page_published)
def prepare_page_renditions(sender, instance, **kwargs):
    """Make the page's image renditions now, so that no page request has to."""
    from .renditions import prepare_renditions

    prepare_renditions(instance)
