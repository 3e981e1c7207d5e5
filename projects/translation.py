from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from clermont_intl.translation import ProtectedFormPageTR

from .models import (
    CallDocument,
    CallForProjectsPage,
    CallIndexPage,
    Programme,
    ProjectIndexPage,
    ProjectPage,
    ProjectSupportFormField,
    ProjectSupportFormPage,
)


@register(Programme)
class ProgrammeTR(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(ProjectIndexPage)
class ProjectIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProjectPage)
class ProjectPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ProjectSupportFormPage)
class ProjectSupportFormPageTR(ProtectedFormPageTR):
    pass


@register(ProjectSupportFormField)
class ProjectSupportFormFieldTR(TranslationOptions):
    fields = ("label", "help_text", "choices", "default_value")
    required_languages = ("fr",)


@register(CallIndexPage)
class CallIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(CallForProjectsPage)
class CallForProjectsPageTR(TranslationOptions):
    fields = ("intro", "eligibility", "funding", "how_to_apply")


@register(CallDocument)
class CallDocumentTR(TranslationOptions):
    fields = ("title",)
    required_languages = ("fr",)
