"""The admin's preview shows a draft in either language, whatever the admin's language: the
preview panel's modes "Français" and "Anglais" (and a form page's form and landing page in
each)."""

import re

from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from clermont_intl.models import ContentPage
from projects.models import ProjectSupportFormPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def html_lang(html):
    return re.search(r"<html[^>]*\slang=\"([^\"]+)\"", html).group(1)


@pytest.fixture
def page(site_pages):
    page = ContentPage(
        title_fr="Échanges",
        slug_fr="echanges",
        title_en="Exchanges",
        slug_en="exchanges",
        intro_fr="Texte publié.",
        intro_en="Published text.",
    )
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    return page


def client_for(user, language):
    """A signed-in editor whose admin is in ``language``."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def post_draft(client, page, **changes):
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = form_data(client.get(edit_url), **changes)
    assert client.post(preview_url, data).json()["is_valid"]
    return preview_url


@pytest.mark.parametrize("admin_language", ["fr", "en"])
def test_an_editor_previews_the_draft_in_either_language(editor, page, admin_language):
    client = client_for(editor, admin_language)
    # The modes the preview panel offers, in the edit view.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    # Named in the admin's language, as the rest of the admin names them.
    names = {"fr": ("Français", "Anglais"), "en": ("French", "English")}[admin_language]
    assert re.search(rf'<option value="fr"[^>]*>\s*{names[0]}\s*</option>', edit)
    assert re.search(rf'<option value="en"[^>]*>\s*{names[1]}\s*</option>', edit)

    preview_url = post_draft(
        client,
        page,
        title_en="School exchanges",
        intro_fr="Texte en préparation.",
        intro_en="Text being written.",
        **{"body_fr-count": "0", "body_en-count": "0"},
    )

    english = client.get(preview_url, {"mode": "en"}).content.decode()
    assert html_lang(english) == "en"
    assert "Text being written." in english and "School exchanges" in english
    assert "Texte en préparation." not in english

    french = client.get(preview_url, {"mode": "fr"}).content.decode()
    assert html_lang(french) == "fr"
    assert "Texte en préparation." in french and "Échanges" in french
    assert "Text being written." not in french

    # Without a mode (the preview panel's first view, the "Preview" link): the admin's
    # language, which the panel selects.
    assert html_lang(client.get(preview_url).content.decode()) == admin_language
    assert re.search(rf'<option value="{admin_language}"[^>]*selected', edit)
    # The admin itself stays in the editor's language.
    admin_page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert html_lang(admin_page).startswith(admin_language)


def test_an_english_field_left_empty_previews_the_french(editor, page):
    client = client_for(editor, "fr")
    preview_url = post_draft(
        client,
        page,
        intro_fr="Seulement en français.",
        intro_en="",
        **{"body_fr-count": "0", "body_en-count": "0"},
    )
    english = client.get(preview_url, {"mode": "en"}).content.decode()
    assert html_lang(english) == "en" and "Seulement en français." in english


def test_a_form_page_previews_its_form_and_landing_page_in_each_language(editor, site_pages):
    form_page = ProjectSupportFormPage.objects.get()
    client = client_for(editor, "fr")
    preview_url = post_draft(client, form_page)
    for mode, language in [
        ("form-fr", "fr"),
        ("form-en", "en"),
        ("landing-fr", "fr"),
        ("landing-en", "en"),
    ]:
        response = client.get(preview_url, {"mode": mode})
        assert response.status_code == 200, mode
        assert html_lang(response.content.decode()) == language, mode
    english_form = client.get(preview_url, {"mode": "form-en"}).content.decode()
    assert form_page.title_en in english_form
