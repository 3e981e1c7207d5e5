from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import NewsIndexPage, NewsPage


@register(NewsIndexPage)
class NewsIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(NewsPage)
class NewsPageTR(TranslationOptions):
    fields = ("intro", "body", "image_alt_text")
