"""Previews in either language, whatever the admin's language: the preview panel's modes
"Français" and "Anglais", named in the admin's language (Wagtail's ``preview_modes`` and
``serve_preview``).

Editors fill in both languages in the same form; the preview shows the draft in the language of
the mode chosen, as a visitor of /fr/ or /en/ would see it (an English field left empty shows
the French); by default, in the admin's language. A page with modes of its own (a form page's
form and landing page) gets each of them in each language.
"""

from django.conf import settings
from django.template.response import SimpleTemplateResponse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import (
    get_language,
    get_language_info,
    get_supported_language_variant,
    override,
)


def language_name(code):
    """The language's name in the admin's language ("Français", "Anglais" in the French admin;
    "French", "English" in the English one), as the rest of the admin names it."""
    return capfirst(get_language_info(code)["name_translated"])


def language_preview_modes(modes):
    """Each of the page's own modes in each language, the site's default language first."""
    result = []
    for name, label in modes:
        for code, _name in settings.LANGUAGES:
            if name:
                result.append(
                    (f"{name}-{code}", format_lazy("{} ({})", label, language_name(code)))
                )
            else:
                result.append((code, language_name(code)))
    return result


def split_mode(mode_name):
    """(the page's own mode, the language) of a mode; no language for a mode without one."""
    languages = {code for code, _name in settings.LANGUAGES}
    if mode_name in languages:
        return "", mode_name
    own, _dash, code = (mode_name or "").rpartition("-")
    if own and code in languages:
        return own, code
    return mode_name, None


class LanguagePreviewMixin:
    """Preview modes per language for a page type (mixed in before Wagtail's page classes)."""

    @property
    def preview_modes(self):
        return language_preview_modes(super().preview_modes)

    @property
    def default_preview_mode(self):
        """The mode in the admin's language (the editor's own), as the preview showed before
        it had modes per language; Wagtail reads it during the admin's request."""
        modes = [name for name, _label in self.preview_modes]
        own_mode, _language = split_mode(modes[0])
        language = get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
        wanted = f"{own_mode}-{language}" if own_mode else language
        return wanted if wanted in modes else modes[0]

    def serve_preview(self, request, mode_name):
        own_mode, language = split_mode(mode_name)
        if language is None:
            return super().serve_preview(request, mode_name)
        with override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, own_mode)
            # A template response renders after the view returns: render it in the language.
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
        return response
