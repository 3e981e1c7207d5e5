"""A partner city's page with its history timeline, its twinning committee, its official website
and its Wikidata identifier, in Chromium in both languages: no axe-core violation of any impact,
no Nu Html Checker error. The admin's partner import preview, with its errors: no axe-core
violation."""

from decimal import Decimal
from urllib.request import urlopen

import pytest

from .checkers import check_many_html, run_axe
from .conftest import VIEWPORTS
from .live_data import committed, superuser_account

LANGUAGES = ("fr", "en")
USERNAME = "import-editor"
# A file with a line to create, a line to update and lines with errors.
IMPORT_CSV = (
    "name_fr,name_en,country_code,latitude,longitude,relationships,twin_city_since,wikidata_id\n"
    "Ville-essai-import,Import test town,IT,45.1,9.2,michelin_network,,\n"
    "Salford,Salford,GB,53.5,-2.29010,twin_city;michelin_network,1966,\n"
    "Ville-erreur,,XX,95,9,friendship,19x6,X1\n"
)


@pytest.fixture(scope="module")
def partner_urls(live_site, django_db_blocker):
    """{language: path} of a (test) partner city with a committee, references and a history."""
    from django.utils import translation

    from clermont_intl.content.demo import make_image
    from partners.models import (
        PartnerCityPage,
        PartnerHistoryEntry,
        PartnerIndexPage,
        PartnerRelationship,
        TwinningCommittee,
    )

    def create():
        committee = TwinningCommittee.objects.create(
            name="Comité d'essai",
            name_fr="Comité d'essai",
            name_en="Test committee",
            description_fr="Une association d'essai pour les tests du navigateur.",
            email="essai@example.org",
            phone="+33 4 00 00 00 00",
            address="1 place d'Essai\n63000 Clermont-Ferrand",
            website="https://example.org/essai/",
        )
        image = make_image("Vue d'essai", seed=42)
        page = PartnerCityPage(
            title="Ville-essai-histoire",
            title_fr="Ville-essai-histoire",
            title_en="History test town",
            slug="ville-essai-histoire",
            slug_fr="ville-essai-histoire",
            slug_en="history-test-town",
            intro_fr="Une ville d'essai.",
            intro_en="A test town.",
            country="IT",
            latitude=Decimal("45.1"),
            longitude=Decimal("9.2"),
            official_website="https://example.org/",
            wikidata_id="Q1",
            twinning_committee=committee,
            relationships=[PartnerRelationship(kind="michelin_network", since=2017)],
            history_entries=[
                PartnerHistoryEntry(
                    sort_order=0,
                    year=1990,
                    title="Premier échange",
                    title_fr="Premier échange",
                    title_en="First exchange",
                    text_fr="Un échange d'essai.\n\nEn deux paragraphes.",
                    text_en="A test exchange.",
                    image=image,
                    image_alt_text_fr="Une vue d'essai",
                    image_alt_text_en="A test view",
                ),
                # No English: shown in French, marked as French.
                PartnerHistoryEntry(
                    sort_order=1, year=2017, title="Visite", title_fr="Visite", text_fr="Texte."
                ),
            ],
        )
        PartnerIndexPage.objects.get().add_child(instance=page)
        page.save_revision().publish()
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                urls[language] = page.get_url()
        return page.pk, committee.pk, image.pk, urls

    with django_db_blocker.unblock():
        page_id, committee_id, image_id, urls = committed(create)
    yield urls

    def remove():
        from wagtail.images import get_image_model
        from wagtail.models import Page

        Page.objects.filter(pk=page_id).delete()
        TwinningCommittee.objects.filter(pk=committee_id).delete()
        get_image_model().objects.filter(pk=image_id).delete()

    with django_db_blocker.unblock():
        committed(remove)


def violations_of(page):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in run_axe(page)
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_partner_page_with_history_and_committee_has_no_violation(
    browser, live_site, partner_urls, language, viewport
):
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS[viewport], bypass_csp=True)
    try:
        tab = context.new_page()
        assert tab.goto(partner_urls[language]).status == 200
        assert tab.locator("ol.partner-history > li").count() == 2
        assert tab.locator("#committee-heading").is_visible()
        violations = violations_of(tab)
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_the_partner_page_with_history_and_committee_is_valid_html(live_site, partner_urls):
    documents = {}
    for language, path in partner_urls.items():
        with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
            assert response.status == 200
            documents[f"partner ({language}) {path}"] = response.read().decode("utf-8")
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())


@pytest.fixture
def account():
    yield from superuser_account(USERNAME)


def test_the_import_pages_have_no_violation(browser, live_site, account, tmp_path):
    from partners.models import PartnerCityPage

    source = tmp_path / "villes.csv"
    source.write_text(IMPORT_CSV, encoding="utf-8")
    clean = tmp_path / "propre.csv"
    clean.write_text("\n".join(IMPORT_CSV.splitlines()[:3]) + "\n", encoding="utf-8")
    before = PartnerCityPage.objects.count()
    context = browser.new_context(base_url=live_site, locale="fr-FR", bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto("/admin/login/")
        tab.fill("input[name=username]", account[0])
        tab.fill("input[name=password]", account[1])
        tab.click("button[type=submit]")
        tab.wait_for_url("**/admin/")
        problems = {}
        assert tab.goto("/admin/partners/import/").status == 200
        problems["upload"] = violations_of(tab)
        for name, path in (("errors", source), ("clean", clean)):
            tab.goto("/admin/partners/import/")
            tab.set_input_files("input[type=file]", str(path))
            with tab.expect_navigation():
                tab.click("#import-form button[type=submit]")
            assert tab.url.endswith("/admin/partners/import/preview/")
            assert tab.locator("#import-lines").is_visible()
            assert tab.locator("#import-errors").count() == (1 if name == "errors" else 0)
            problems[name] = violations_of(tab)
        problems = {name: found for name, found in problems.items() if found}
        assert not problems, "\n".join(f"{n}: {v}" for n, v in problems.items())
    finally:
        context.close()
    # Previewed, never confirmed: nothing imported.
    assert PartnerCityPage.objects.count() == before
