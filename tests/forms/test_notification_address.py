"""The support form's notifications carry personal data: they go only to the city's domains,
and only communication editors may change where they go (through the admin's edit view)."""

from html import unescape

from django.test import override_settings
from django.urls import reverse

import pytest

from clermont_intl.editorial.constants import EDITORS_GROUP, TRANSLATORS_GROUP
from projects.forms import validate_notification_addresses
from tests.admin_forms import form_data

pytestmark = [
    pytest.mark.django_db,
    # The production default, not the test settings' placeholder domain of the seed.
    pytest.mark.usefixtures("city_domain_only"),
]


@pytest.fixture
def city_domain_only():
    with override_settings(NOTIFICATION_EMAIL_DOMAINS=["clermont-ferrand.fr"]):
        yield


def edit(client, page, language="en", **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return client.post(url, form_data(response, **changes), HTTP_ACCEPT_LANGUAGE=language)


def latest_to_address(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object().to_address


def test_the_default_is_the_citys_domain():
    from clermont_intl.settings import base

    assert base.NOTIFICATION_EMAIL_DOMAINS == ["clermont-ferrand.fr"]


def test_an_address_outside_the_domains_is_refused_with_a_clear_message(
    client, make_user, site_pages
):
    page = site_pages["support_form"]
    client.force_login(make_user("communication", EDITORS_GROUP))
    before = latest_to_address(page)
    response = edit(
        client,
        page,
        to_address="relations-internationales@clermont-ferrand.fr, quelqu.un@gmail.com",
        **{"action-publish": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "they can only be sent to addresses in clermont-ferrand.fr" in html
    assert "Not accepted: quelqu.un@gmail.com." in html
    assert latest_to_address(page) == before
    # A look-alike domain is not the city's.
    response = edit(client, page, to_address="ri@clermont-ferrand.fr.example.com")
    assert response.status_code == 200
    assert latest_to_address(page) == before


def test_the_message_is_in_french_for_a_french_editor(client, make_user, site_pages):
    client.force_login(make_user("communication", EDITORS_GROUP))
    response = edit(client, site_pages["support_form"], language="fr", to_address="a@gmail.com")
    assert response.status_code == 200
    assert "ne peuvent être envoyées qu'à des adresses de clermont-ferrand.fr" in unescape(
        response.content.decode()
    )


def test_a_communication_editor_sets_an_address_of_the_city(client, make_user, site_pages):
    page = site_pages["support_form"]
    client.force_login(make_user("communication", EDITORS_GROUP))
    addresses = "relations-internationales@clermont-ferrand.fr, ri@ville.clermont-ferrand.fr"
    response = edit(client, page, to_address=addresses, **{"action-publish": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.to_address == addresses


def test_a_translator_neither_sees_nor_changes_the_address(client, make_user, site_pages):
    page = site_pages["support_form"]
    before = page.to_address
    client.force_login(make_user("traductrice", TRANSLATORS_GROUP))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url)
    assert 'name="to_address"' not in form.content.decode()
    assert 'name="from_address"' not in form.content.decode()
    # Even a forged field is ignored: the form has no such field for this user.
    data = form_data(form, to_address="fuite@gmail.com", intro_en="Reviewed English introduction.")
    response = client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.intro_en == "Reviewed English introduction."
    assert draft.to_address == before


def test_the_validator_accepts_subdomains_and_empty_values():
    validate_notification_addresses("")
    validate_notification_addresses("ri@clermont-ferrand.fr,a@b.clermont-ferrand.fr")
    with pytest.raises(Exception, match="evil@clermont-ferrand.fr.evil"):
        validate_notification_addresses("evil@clermont-ferrand.fr.evil")
