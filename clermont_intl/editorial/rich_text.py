"""Draftail inline styles that mark a passage in another language: ``<span lang="de">``.

Screen readers switch pronunciation on the ``lang`` attribute (RGAA 8.7). Each language is an
inline style with its own conversion rules, so the span is kept when an editor saves, is
rebuilt when the page is opened again in the editor, and is rendered as stored.
"""

from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature

from .constants import PASSAGE_LANGUAGES


def style_type(code):
    return f"LANG_{code.upper()}"


def register_language_features(features):
    for code, description in PASSAGE_LANGUAGES.items():
        name = f"lang-{code}"
        features.register_editor_plugin(
            "draftail",
            name,
            InlineStyleFeature(
                {
                    "type": style_type(code),
                    "label": code.upper(),
                    "description": description,
                    # Shown in the editor only: a dotted underline marks the passage.
                    "style": {"textDecoration": "underline dotted"},
                }
            ),
        )
        features.register_converter_rule(
            "contentstate",
            name,
            {
                "from_database_format": {
                    f'span[lang="{code}"]': InlineStyleElementHandler(style_type(code))
                },
                "to_database_format": {
                    "style_map": {style_type(code): {"element": "span", "props": {"lang": code}}}
                },
            },
        )
