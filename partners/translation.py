from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    MichelinNetworkPage,
    PartnerCityPage,
    PartnerGalleryImage,
    PartnerHistoryEntry,
    PartnerIndexPage,
    PartnerLink,
    TwinningCommittee,
)


@register(PartnerIndexPage)
class PartnerIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(MichelinNetworkPage)
class MichelinNetworkPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(PartnerCityPage)
class PartnerCityPageTR(TranslationOptions):
    fields = ("intro", "alternative_names", "description")


@register(PartnerGalleryImage)
class PartnerGalleryImageTR(TranslationOptions):
    # No language is required: the French alternative text may come from the image's
    # description (PartnerGalleryImage.clean).
    fields = ("alt_text", "caption")


@register(PartnerLink)
class PartnerLinkTR(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)


@register(PartnerHistoryEntry)
class PartnerHistoryEntryTR(TranslationOptions):
    fields = ("title", "text", "image_alt_text")
    required_languages = ("fr",)


@register(TwinningCommittee)
class TwinningCommitteeTR(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)
