from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    CiedContactSettings,
    CiedPage,
    CiedResource,
    EventIndexPage,
    EventPage,
    ExhibitionIndexPage,
    ExhibitionPage,
    ExhibitionPhoto,
)


@register(CiedContactSettings)
class CiedContactSettingsTR(TranslationOptions):
    fields = ("address", "opening_hours")


@register(CiedPage)
class CiedPageTR(TranslationOptions):
    fields = ("intro", "partnership", "body", "network_url")


@register(CiedResource)
class CiedResourceTR(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fr",)


@register(EventIndexPage)
class EventIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("intro", "place", "body")


@register(ExhibitionIndexPage)
class ExhibitionIndexPageTR(TranslationOptions):
    fields = ("intro", "body", "thank_you_text")


@register(ExhibitionPage)
class ExhibitionPageTR(TranslationOptions):
    fields = ("intro", "dimensions", "languages", "body")


@register(ExhibitionPhoto)
class ExhibitionPhotoTR(TranslationOptions):
    fields = ("alt_text", "caption")
    required_languages = ("fr",)
