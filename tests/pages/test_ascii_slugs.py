"""Page addresses are ASCII in both languages; existing pages keep theirs."""

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page

import pytest

from partners.models import PartnerCityPage
from tests.admin_forms import form_data
from tests.factories import add_partner

pytestmark = pytest.mark.django_db


def test_the_admins_automatic_slug_is_ascii():
    # The slug widget of the admin (title -> address as the editor types) reads this setting.
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def test_the_server_makes_ascii_slugs_from_the_titles_in_both_languages(site_pages):
    index = site_pages["partners"]
    page = PartnerCityPage(
        title="Café européen",
        title_fr="Café européen",
        title_en="Europäisches Café",
        country="FR",
        latitude="45.7",
        longitude="3.1",
    )
    index.add_child(instance=page)
    page.refresh_from_db()
    assert (page.slug_fr, page.slug_en) == ("cafe-europeen", "europaisches-cafe")


def test_a_slug_typed_with_accents_is_saved_in_ascii(client, editor, site_pages):
    client.force_login(editor)
    index = site_pages["partners"]
    url = reverse("wagtailadmin_pages:add", args=["partners", "partnercitypage", index.pk])
    data = form_data(
        client.get(url),
        title_fr="Café européen",
        slug_fr="café-européen",
        title_en="European café",
        slug_en="european-café",
        country="FR",
        latitude="45.7",
        longitude="3.1",
        **{"relationships-TOTAL_FORMS": "0"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = PartnerCityPage.objects.get(title_fr="Café européen")
    assert (page.slug_fr, page.slug_en) == ("cafe-europeen", "european-cafe")
    page.save_revision().publish()
    for url in (
        "/fr/relations-internationales/villes-partenaires/cafe-europeen/",
        "/en/international-relations/partner-cities/european-cafe/",
    ):
        assert client.get(url).status_code == 200, url


def test_an_existing_page_keeps_its_address(site_pages):
    page = add_partner(site_pages["partners"], "Ancienne", title_en="Old")
    # A page saved before addresses were ASCII.
    Page.objects.filter(pk=page.pk).update(slug_fr="écoles", slug="écoles")
    page = PartnerCityPage.objects.get(pk=page.pk)
    page.intro_fr = "Modifiée."
    page.save()
    page.refresh_from_db()
    assert page.slug_fr == "écoles"
