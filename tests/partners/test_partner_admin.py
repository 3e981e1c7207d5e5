"""An editor adds a partner city through the admin, in French and English."""

from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from partners.models import PartnerCityPage

pytestmark = pytest.mark.django_db


def test_editor_creates_and_publishes_a_partner_city_in_both_languages(client, editor, site_pages):
    client.force_login(editor)
    index = site_pages["partners"]
    add_url = reverse("wagtailadmin_pages:add", args=["partners", "partnercitypage", index.pk])
    assert client.get(add_url).status_code == 200

    data = nested_form_data(
        {
            "title_fr": "Clermont-sur-Mer",
            "title_en": "Clermont-on-Sea",
            "slug_fr": "clermont-sur-mer",
            "slug_en": "clermont-on-sea",
            "intro_fr": "Ville du réseau Michelin.",
            "intro_en": "A Michelin network city.",
            "description_fr": rich_text("<p>Une coopération exemplaire.</p>"),
            "description_en": rich_text("<p>An exemplary cooperation.</p>"),
            "country": "IT",
            "latitude": "45.4642",
            "longitude": "9.19",
            "michelin_site": "research",
            "relationships": inline_formset([{"kind": "michelin_network", "since": "2017"}], min=1),
            "gallery_images": inline_formset([]),
            "history_entries": inline_formset([]),
            "links": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    page = PartnerCityPage.objects.get(slug_fr="clermont-sur-mer")
    assert page.live and page.title_en == "Clermont-on-Sea"
    assert page.get_latest_revision().user == editor

    fr = client.get("/fr/relations-internationales/villes-partenaires/")
    en = client.get("/en/international-relations/partner-cities/")
    assert "Clermont-sur-Mer" in fr.content.decode()
    assert "Clermont-on-Sea" in en.content.decode()
    with translation.override("en"):
        assert page.get_url() == "/en/international-relations/partner-cities/clermont-on-sea/"
    detail = client.get("/en/international-relations/partner-cities/clermont-on-sea/")
    assert detail.status_code == 200
    assert "An exemplary cooperation." in detail.content.decode()


def test_admin_pages_load_nothing_from_other_sites(client, editor, site_pages):
    """No gravatar (editors' e-mail hashes) and no release check leave the city's site."""
    client.force_login(editor)
    for url in ["/admin/", reverse("wagtailadmin_pages:edit", args=[site_pages["mission"].pk])]:
        content = client.get(url).content.decode()
        assert "gravatar" not in content
        assert "releases.wagtail.org" not in content
        assert "w-upgrade" not in content
