"""Translated fields (modeltranslation): French is the default and required, English optional."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    AccessibilityStatementPage,
    ContactFormField,
    ContactFormPage,
    ContactSettings,
    ContentPage,
    HomeHighlight,
    HomePage,
    LegalNoticePage,
    MissionPage,
    PrivacyNoticePage,
    Theme,
)


@register(Theme)
class ThemeTR(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(ContactSettings)
class ContactSettingsTR(TranslationOptions):
    fields = ("service_name", "address", "opening_hours")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body", "key_figures")


@register(MissionPage)
class MissionPageTR(TranslationOptions):
    fields = ("lead", "intro", "body")


@register(ContentPage)
class ContentPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(HomeHighlight)
class HomeHighlightTR(TranslationOptions):
    fields = ("text",)


@register(AccessibilityStatementPage)
class AccessibilityStatementPageTR(TranslationOptions):
    fields = (
        "intro",
        "auditor",
        "audited_pages",
        "test_environment",
        "evaluation_tools",
        "non_accessible_content",
        "derogations",
        "exempt_content",
    )


@register(PrivacyNoticePage)
class PrivacyNoticePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(LegalNoticePage)
class LegalNoticePageTR(TranslationOptions):
    fields = ("intro", "body")


class ProtectedFormPageTR(TranslationOptions):
    """The translated fields of every form page (models.ProtectedFormPage). Each concrete page
    registers a subclass: the abstract page itself cannot be registered, as
    wagtail-modeltranslation would patch its panels, whose form fields only its subclasses
    have."""

    fields = ("intro", "body", "thank_you_text", "subject")


@register(ContactFormPage)
class ContactFormPageTR(ProtectedFormPageTR):
    pass


@register(ContactFormField)
class ContactFormFieldTR(TranslationOptions):
    fields = ("label", "help_text", "choices", "default_value")
    required_languages = ("fr",)
