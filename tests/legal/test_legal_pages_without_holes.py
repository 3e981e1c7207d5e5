"""The legal pages say only what is known: each sentence that needs a setting (the statement's
date, the site's address, the host, the data protection officer) comes from the settings or the
Site, and is left out while it is empty."""

from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from clermont_intl.content.seed import SeedLoader
from clermont_intl.models import AccessibilityStatementPage, LegalNoticePage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

STATEMENT = {"fr": "/fr/accessibilite/", "en": "/en/accessibility/"}
PRIVACY = {"fr": "/fr/donnees-personnelles/", "en": "/en/personal-data/"}
LEGAL = {"fr": "/fr/mentions-legales/", "en": "/en/legal-notice/"}


def main_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


def edit_settings(client, editor, **changes):
    site = Site.objects.get(is_default_site=True)
    client.force_login(editor)
    url = f"/admin/settings/clermont_intl/contactsettings/{site.pk}/"
    response = client.post(url, form_data(client.get(url), form_id=None, **changes))
    assert response.status_code == 302
    client.logout()


# The accessibility statement ------------------------------------------------------------------


def test_the_statement_is_dated_the_day_it_was_published_until_an_editor_gives_a_date(
    client, editor
):
    statement = AccessibilityStatementPage.objects.get()
    assert statement.established_on is None
    # The day of the last publication, in Paris.
    day = timezone.localtime(statement.last_published_at).date()
    fr = main_text(client, STATEMENT["fr"])
    assert f"Cette déclaration a été établie le {date_format(day, 'DATE_FORMAT')}." in fr
    with translation.override("en"):
        english = date_format(day, "DATE_FORMAT")
    assert f"This statement was made on {english}." in main_text(client, STATEMENT["en"])

    client.force_login(editor)
    url = f"/admin/pages/{statement.pk}/edit/"
    data = form_data(
        client.get(url), established_on="2026-12-07", **{"action-publish": "action-publish"}
    )
    assert client.post(url, data).status_code == 302
    client.logout()
    assert "Cette déclaration a été établie le 7 décembre 2026." in main_text(
        client, STATEMENT["fr"]
    )
    assert "This statement was made on 7 December 2026." in main_text(client, STATEMENT["en"])


def test_a_statement_never_published_gives_no_date():
    statement = AccessibilityStatementPage(title="Déclaration")
    assert statement.statement_date is None


@pytest.mark.parametrize(
    "hostname, port, base_url, expected",
    [
        # A configured Site: its address.
        ("international.clermont-ferrand.fr", 443, "", "https://international.clermont-ferrand.fr"),
        # Wagtail's placeholder "localhost": the configured base URL (make run sets it).
        ("localhost", 80, "http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ],
)
def test_the_statement_names_the_sites_real_address(client, hostname, port, base_url, expected):
    Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
    with override_settings(WAGTAILADMIN_BASE_URL=base_url):
        for language, sentence in (
            ("fr", f"site de la Ville de Clermont-Ferrand ({expected})."),
            ("en", f"City of Clermont-Ferrand's website ({expected})."),
        ):
            text = main_text(client, STATEMENT[language])
            assert sentence in text
            assert "http://localhost" not in text


@override_settings(WAGTAILADMIN_BASE_URL="")
def test_without_a_known_address_the_statement_says_no_address(client):
    text = main_text(client, STATEMENT["fr"])
    assert "du site de la Ville de Clermont-Ferrand." in text
    assert "()" not in text and "localhost" not in text
    text = main_text(client, STATEMENT["en"])
    assert "section of the City of Clermont-Ferrand's website." in text


# The privacy notice -----------------------------------------------------------------------------


def test_the_data_protection_officer_is_named_once_set_in_the_contact_details(client, editor):
    for language, heading in (
        ("fr", "Délégué à la protection des données"),
        ("en", "Data protection officer"),
    ):
        assert heading not in main_text(client, PRIVACY[language])
    edit_settings(
        client,
        editor,
        data_protection_email="dpo@clermont-ferrand.fr",
        data_protection_address="Hôtel de Ville\n63033 Clermont-Ferrand",
    )
    fr = main_text(client, PRIVACY["fr"])
    assert "Délégué à la protection des données" in fr
    assert "Courriel\u00a0: dpo@clermont-ferrand.fr" in fr
    assert "Par courrier\u00a0: Hôtel de Ville 63033 Clermont-Ferrand" in fr
    en = main_text(client, PRIVACY["en"])
    assert "Data protection officer" in en and "E-mail: dpo@clermont-ferrand.fr" in en
    page = BeautifulSoup(client.get(PRIVACY["en"]).content, "html.parser")
    assert page.find("a", href="mailto:dpo@clermont-ferrand.fr")


def test_an_email_alone_gives_the_email_alone(client, editor):
    edit_settings(client, editor, data_protection_email="dpo@clermont-ferrand.fr")
    fr = main_text(client, PRIVACY["fr"])
    assert "dpo@clermont-ferrand.fr" in fr and "Par courrier" not in fr


# The legal notice -------------------------------------------------------------------------------


@pytest.mark.parametrize("language, host", [("fr", "hébergeur"), ("en", "host")])
def test_the_legal_notice_announces_no_host_section_it_does_not_show(client, language, host):
    page = BeautifulSoup(client.get(LEGAL[language]).content, "html.parser")
    main = page.find("main")
    headings = [h.get_text(strip=True).lower() for h in main.find_all("h2")]
    assert host not in headings
    assert host not in main.find("p", class_="intro").get_text().lower()


def test_the_seed_rewrites_the_former_introduction_that_announced_a_host():
    page = LegalNoticePage.objects.get()
    page.intro_fr = (
        "Éditeur, directeur de la publication, hébergeur, propriété intellectuelle et crédits."
    )
    page.intro_en = "Publisher, director of publication, host, intellectual property and credits."
    page.save_revision().publish()
    SeedLoader().run()
    page.refresh_from_db()
    assert "hébergeur" not in page.intro_fr and page.intro_fr.startswith("Qui publie")
    assert "host" not in page.intro_en and page.intro_en.startswith("Who publishes")
    # An editor's own introduction is left alone.
    page.intro_fr = "Nos mentions légales, hébergeur compris."
    page.save_revision().publish()
    SeedLoader().run()
    page.refresh_from_db()
    assert page.intro_fr == "Nos mentions légales, hébergeur compris."
