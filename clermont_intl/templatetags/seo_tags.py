"""What search engines and social networks read in a page, and the footer's legal links."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.images.models import AbstractImage
from wagtail.models import Page

from clermont_intl import legal
from clermont_intl.public_urls import absolute

register = template.Library()

# Open Graph wants a territory: the site's French is France's, its English British.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@register.simple_tag
def legal_pages(site):
    """The live pages every footer and form links to (clermont_intl.legal)."""
    return legal.legal_pages(site)


@register.simple_tag
def accessibility_statement(site):
    """The live accessibility statement of the site, or None."""
    return legal_pages(site).get("accessibility")


@register.simple_tag
def og_locales():
    """(this page's og:locale, [the other languages' og:locale])."""
    current = translation.get_language()
    others = [OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != current]
    return {"current": OG_LOCALES.get(current, OG_LOCALES["fr"]), "alternates": others}


@register.simple_tag(takes_context=True)
def social_image(context, page):
    """The image that represents a page when shared (og:image): a partner city's first gallery
    image, a project's programme logo; None for other pages. {url, alt, width, height}.
    A page with a gallery gives it in its context (gallery_images), fetched once for both.
    """
    if not isinstance(page, Page):
        return None
    request = context["request"]
    found = _social_image(page, context)
    if found is None:
        return None
    return {**found, "url": absolute(found["url"], request)}


def _social_image(page, context):
    image, alt = None, ""
    gallery = getattr(page, "gallery_images", None)
    if gallery is not None:
        # The gallery the page's view already fetched, with its images and renditions.
        gallery = context.get("gallery_images", gallery.all())
        first = next(iter(gallery), None)
        if first is not None:
            image = first.image
            alternative = getattr(first, "alternative", None)
            alt = alternative().text if alternative else first.alt_text
    programme = getattr(page, "programme", None)
    if image is None and isinstance(getattr(programme, "logo", None), AbstractImage):
        image, alt = programme.logo, programme.name
    if image is None:
        return None
    # The size social networks display without cropping again. get_renditions(), unlike
    # get_rendition(), does not write a prefetched rendition back to the cache at every request.
    spec = "fill-1200x630" if gallery is not None else "max-1200x630"
    rendition = image.get_renditions(spec)[spec]
    return {"url": rendition.url, "alt": alt, "width": rendition.width, "height": rendition.height}
