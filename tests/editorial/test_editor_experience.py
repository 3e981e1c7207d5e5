"""What editors find in the page editor: tabs, help in their language, described blocks."""

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from cied.models import EventPage
from clermont_intl.blocks import BodyBlock
from partners.models import PartnerCityPage
from tests.factories import add_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "tabs"),
    [
        (
            PartnerCityPage,
            [
                "Content",
                "Location and relationships",
                "History",
                "Gallery and links",
                "Promote",
                "Settings",
            ],
        ),
        (EventPage, ["Content", "When and where", "Promote", "Settings"]),
    ],
)
def test_page_editors_are_grouped_in_tabs(client, editor, site_pages, model, tabs):
    with translation.override("en"):
        headings = [str(tab.heading) for tab in model.get_edit_handler().children]
    assert headings == tabs
    page = model.objects.order_by("path").first() or add_event(site_pages["events"], "Atelier", 5)
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    with translation.override("fr"):
        # The settings tab has only publishing dates, which Wagtail shows in its status panel.
        for tab in model.get_edit_handler().children[:-1]:
            assert escape(str(tab.heading)) in content


def test_help_texts_are_shown_in_the_editors_language(client, editor):
    page = PartnerCityPage.objects.order_by("path").first()
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    with translation.override("fr"):
        help_text = str(PartnerCityPage.media_panels[0].content)
    assert escape(help_text) in content or help_text in content


def test_every_body_block_has_an_icon_a_label_and_a_description():
    for name, block in BodyBlock().child_blocks.items():
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.label, name
        if name != "paragraph":  # a rich text block describes itself by its toolbar
            assert block.meta.description, name


def test_blocks_with_a_preview_render_it():
    previewed = [
        name
        for name, block in BodyBlock().child_blocks.items()
        if getattr(block.meta, "preview_value", None)
    ]
    assert {"heading", "quote", "call_to_action", "key_facts"} <= set(previewed)
    for name in previewed:
        block = BodyBlock().child_blocks[name]
        html = block.render(block.get_preview_value())
        assert html.strip(), name
