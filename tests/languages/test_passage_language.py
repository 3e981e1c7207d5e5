"""Passages in another language keep their lang attribute from the editor to the page (RGAA 8.7)."""

import json

from django.urls import reverse

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

import pytest

from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from partners.models import PartnerCityPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

GERMAN = '<p data-block-key="a1">Ein Zitat: <span lang="de">Wir sind Partner.</span> Fin.</p>'


def contentstate(text, style, offset, length):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [{"offset": offset, "length": length, "style": style}],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


@pytest.mark.parametrize("code", ["en", "de", "es", "pt", "it", "fr"])
def test_database_html_and_editor_contentstate_round_trip(code):
    converter = ContentstateConverter(features=["bold", *LANGUAGE_FEATURES])
    html = f'<p data-block-key="a1">Avant <span lang="{code}">passage</span> après.</p>'
    state = json.loads(converter.from_database_format(html))
    (block,) = state["blocks"]
    assert block["text"] == "Avant passage après."
    assert block["inlineStyleRanges"] == [
        {"offset": 6, "length": 7, "style": f"LANG_{code.upper()}"}
    ]
    assert converter.to_database_format(json.dumps(state)) == html


def test_the_toolbar_offers_each_language():
    converter_features = ContentstateConverter(features=LANGUAGE_FEATURES)
    assert converter_features  # the features are registered: an unknown one would raise
    from wagtail.rich_text import features

    for name in LANGUAGE_FEATURES:
        plugin = features.get_editor_plugin("draftail", name)
        assert plugin is not None, name


def test_a_german_passage_saved_in_the_admin_is_rendered_with_its_lang(client, editor):
    page = PartnerCityPage.objects.live().order_by("path").first()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    text = "Ein Zitat: Wir sind Partner. Fin."
    response = client.post(
        url,
        form_data(
            client.get(url),
            description_fr=contentstate(text, "LANG_DE", 11, 17),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.description_fr == GERMAN
    # Opened again in the editor, the passage is still marked.
    editor_form = client.get(url).content.decode()
    assert "LANG_DE" in editor_form
    rendered = client.get(page.get_url()).content.decode()
    assert '<span lang="de">Wir sind Partner.</span>' in rendered


def test_an_unmarked_span_is_not_kept_as_a_language(client, editor):
    converter = ContentstateConverter(features=LANGUAGE_FEATURES)
    state = json.loads(converter.from_database_format('<p><span lang="xx">Zut</span></p>'))
    assert state["blocks"][0]["inlineStyleRanges"] == []
