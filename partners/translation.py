from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import PartnerCityPage, PartnerGalleryImage, PartnerIndexPage, PartnerLink


@register(PartnerIndexPage)
class PartnerIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(PartnerCityPage)
class PartnerCityPageTR(TranslationOptions):
    fields = ("intro", "alternative_names", "description")


@register(PartnerGalleryImage)
class PartnerGalleryImageTR(TranslationOptions):
    fields = ("alt_text", "caption")
    required_languages = ("fr",)


@register(PartnerLink)
class PartnerLinkTR(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)
