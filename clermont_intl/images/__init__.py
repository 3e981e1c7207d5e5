"""An image's description in every language, offered as the alternative text where an editor
chooses the image for a page.

Why a side table and not modeltranslation on the image: the site uses Wagtail's own image model
(``wagtailimages.Image``). Registering it with modeltranslation would add ``description_fr`` and
``description_en`` columns to a table whose migrations belong to Wagtail (``makemigrations``
would write into the installed package), and switching to a custom image model on a site that
already has images means moving every row and every foreign key to them. So Wagtail's own
``description`` stays the description in the default language (French), where Wagtail already
uses it (search, the rich-text image's default alt text, the chooser), and
``ImageDescription`` holds one row per other language. The library's image form shows them all
as "Description [fr]", "Description [en]" (``forms.ImageForm``).
"""

from django.conf import settings
from django.utils import translation


def default_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def descriptions(image):
    """{language: description} of an image, non-empty ones only. Reads the prefetched
    ``translated_descriptions`` when the caller prefetched them (pages do), else one query."""
    found = {row.language: row.description for row in image.translated_descriptions.all()}
    found[default_language()] = image.description
    return {language: text.strip() for language, text in found.items() if text and text.strip()}


def languages_in_order(language=None):
    """The page's language first, then the default language, then the others."""
    language = language or translation.get_language()
    default = default_language()
    codes = [code for code, _name in settings.LANGUAGES]
    return [language, *([default] if default != language else []),
            *[code for code in codes if code not in (language, default)]]  # fmt: skip


class Alternative:
    """The alternative text of an image on a page, and the language it is written in."""

    def __init__(self, text, language, passage_language):
        self.text = text
        self.language = language
        # lang="…" is needed only where the text is not in the language of its passage.
        self.lang = language if text and language != passage_language else ""

    def __str__(self):
        return self.text


def alternative(candidates, passage_language=None):
    """The first non-empty of ``candidates`` ((text, language) pairs, best first; an iterator
    is read only as far as needed, so that descriptions are looked up only when used)."""
    passage_language = passage_language or translation.get_language()
    for text, language in candidates:
        if text and text.strip():
            return Alternative(text.strip(), language, passage_language)
    return Alternative("", passage_language, passage_language)


def description_candidates(image, language=None):
    """(description, language) pairs of an image, the page's language first (a generator:
    the descriptions are read at the first pair asked for)."""
    if image is None:
        return
    texts = descriptions(image)
    for code in languages_in_order(language):
        yield texts.get(code, ""), code
