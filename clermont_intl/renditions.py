"""Image renditions made when a page is published, never while a citizen waits for a page.

Each template that shows an image asks for a fixed filter; the same filters are listed here so
that publishing creates every rendition the page will need. A page request then only reads
renditions (tests/caching/test_query_counts.py proves no Rendition row is created by a request).
"""

from django.conf import settings

from wagtail.blocks import StreamValue
from wagtail.images.models import AbstractImage

from modeltranslation.utils import build_localized_fieldname

# The filters the templates use, by where the image appears.
# partners/partner_city_page.html (srcset), and the page's og:image (templatetags/seo_tags.py).
GALLERY_FILTERS = [
    "fill-400x267|format-webp",
    "fill-800x533|format-webp",
    "fill-1200x800|format-webp",
    "fill-1200x630",
]
BODY_IMAGE_FILTERS = ["width-600|format-webp", "width-1200|format-webp"]  # blocks/image_block
HISTORY_FILTERS = ["fill-480x320|format-webp"]  # partners/partner_city_page.html (history)
PROGRAMME_LOGO_FILTERS = ["height-80", "max-1200x630"]  # project_page.html, og:image
# news/news_page.html (as a body image) and the cards of news/news_index_page.html.
NEWS_IMAGE_FILTERS = [*BODY_IMAGE_FILTERS, "fill-480x320|format-webp"]


def _stream_images(value):
    """Images of a StreamField's image blocks, at any depth."""
    if not isinstance(value, StreamValue):
        return
    for child in value:
        if child.block_type == "image" and child.value.get("image"):
            yield child.value["image"]


def images_of(page):
    """[(image, filters)] for every image the page's template shows."""
    page = page.specific
    found = []
    gallery = getattr(page, "gallery_images", None)
    if gallery is not None:
        found += [(item.image, GALLERY_FILTERS) for item in gallery.select_related("image")]
    history = getattr(page, "history_entries", None)
    if history is not None:
        found += [
            (entry.image, HISTORY_FILTERS)
            for entry in history.select_related("image")
            if entry.image_id
        ]
    # Both languages' bodies: the English page may show other images than the French one.
    for language, _name in settings.LANGUAGES:
        body = getattr(page, build_localized_fieldname("body", language), None)
        found += [(image, BODY_IMAGE_FILTERS) for image in _stream_images(body)]
    programme = getattr(page, "programme", None)
    if programme is not None and programme.logo_id:
        found.append((programme.logo, PROGRAMME_LOGO_FILTERS))
    image = getattr(page, "image", None)
    if isinstance(image, AbstractImage):
        found.append((image, NEWS_IMAGE_FILTERS))
    return found


def prepare_renditions(page):
    """Create the page's missing renditions; returns how many images were looked at."""
    images = images_of(page)
    for image, filters in images:
        image.get_renditions(*filters)
    return len(images)
