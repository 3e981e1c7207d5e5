"""Translated fields (modeltranslation): French is the default and required, English optional."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ContactSettings, ContentPage, HomePage, MissionPage, Theme


@register(Theme)
class ThemeTR(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(ContactSettings)
class ContactSettingsTR(TranslationOptions):
    fields = ("service_name", "address")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(MissionPage)
class MissionPageTR(TranslationOptions):
    fields = ("lead", "intro", "body")


@register(ContentPage)
class ContentPageTR(TranslationOptions):
    fields = ("intro", "body")
