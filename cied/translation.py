from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CiedPage, CiedResource, EventIndexPage, EventPage


@register(CiedPage)
class CiedPageTR(TranslationOptions):
    fields = ("intro", "partnership", "body")


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
