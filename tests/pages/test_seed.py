from decimal import Decimal

from django.core.management import call_command

import pytest

from cied.models import CiedPage
from partners.constants import Relationship
from partners.models import PartnerCityPage
from projects.models import ProjectPage, ProjectSupportFormPage

pytestmark = pytest.mark.django_db

TWIN_CITIES = {
    "Salford": ("GB", 1966),
    "Regensburg": ("DE", 1969),
    "Gomel": ("BY", 1977),
    "Aberdeen": ("GB", 1983),
    "Oviedo": ("ES", 1988),
    "Norman": ("US", 1994),
    "Braga": ("PT", 1999),
}


def relationships(page):
    return {r.kind: r.since for r in page.relationships.all()}


def test_the_eight_partner_cities_with_their_countries_and_years():
    partners = {p.title: p for p in PartnerCityPage.objects.live()}
    assert set(partners) == {*TWIN_CITIES, "Oyem"}
    for name, (country, year) in TWIN_CITIES.items():
        page = partners[name]
        assert page.country.code == country
        assert relationships(page) == {
            Relationship.TWIN_CITY: year,
            Relationship.MICHELIN_NETWORK: 2017,
        }
        assert {t.slug for t in page.cooperation_areas.all()} == {
            "culture",
            "universite",
            "echanges-scolaires",
        }
    oyem = partners["Oyem"]
    assert oyem.country.code == "GA"
    assert relationships(oyem) == {Relationship.SOLIDARITY: 2006}


@pytest.mark.parametrize(
    "name, lat, lon",
    [
        ("Salford", 53.49, -2.29),
        ("Regensburg", 49.01, 12.10),
        ("Gomel", 52.43, 30.98),
        ("Aberdeen", 57.15, -2.09),
        ("Oviedo", 43.36, -5.85),
        ("Norman", 35.22, -97.44),
        ("Braga", 41.55, -8.43),
        ("Oyem", 1.60, 11.58),
    ],
)
def test_coordinates_place_each_city_where_it_is(name, lat, lon):
    page = PartnerCityPage.objects.get(title_fr=name)
    assert abs(page.latitude - Decimal(str(lat))) < Decimal("0.05")
    assert abs(page.longitude - Decimal(str(lon))) < Decimal("0.05")


def test_projects_with_their_programmes_and_the_support_form():
    projects = {p.title: p for p in ProjectPage.objects.live().select_related("programme")}
    assert projects["TechTown"].programme.name_fr == "Urbact"
    assert projects["CreArt"].programme.name_en == "Creative Europe"
    # Facts the seed text does not give stay empty for editors.
    assert all(p.eu_funding is None and p.start_date is None for p in projects.values())
    form_page = ProjectSupportFormPage.objects.get()
    assert form_page.to_address
    assert form_page.form_fields.count() >= 5


def test_cied_page_states_its_label_and_partnership_in_both_languages():
    cied = CiedPage.objects.get()
    assert cied.label_year == 2018
    assert "Conseil départemental du Puy-de-Dôme" in cied.partnership_fr
    # In English, the council's English name: a plain text field cannot mark a French one.
    assert "Puy-de-Dôme departmental council" in cied.partnership_en
    assert "Conseil" not in cied.partnership_en
    # Not in the seed text: the centre's and the service's details are left for editors to fill.
    from cied.models import CiedContactSettings
    from clermont_intl.models import ContactSettings

    contact = ContactSettings.objects.get()
    centre = CiedContactSettings.for_site(contact.site)
    for name in ("opening_hours", "address", "email", "phone", "map_url"):
        assert not getattr(centre, name), name
    for name in ("address", "email", "phone", "opening_hours", "map_url", "host_name"):
        assert not getattr(contact, name), name


def test_every_seeded_page_has_english_title_and_slug():
    from wagtail.models import Page

    for page in Page.objects.filter(depth__gt=1):
        assert page.title_fr and page.title_en, page
        assert page.slug_fr and page.slug_en, page
        assert page.url_path_en.startswith("/"), page


def test_second_run_changes_nothing_and_says_so(capsys):
    from wagtail.models import Page, Revision

    before = (Page.objects.count(), Revision.objects.count())
    call_command("load_seed_content")
    out = capsys.readouterr().out
    assert "Nothing to do" in out
    assert (Page.objects.count(), Revision.objects.count()) == before


def test_first_run_reports_what_it_created(capsys):
    from wagtail.models import Page

    from clermont_intl.models import HomePage

    HomePage.objects.get().delete()
    call_command("load_seed_content")
    out = capsys.readouterr().out
    assert "Created" in out
    assert "Salford" in out
    assert PartnerCityPage.objects.count() == 8
    assert Page.objects.filter(depth=2).count() == 1


@pytest.mark.slow
@pytest.mark.processes
def test_a_plain_migrate_on_a_new_database_asks_nothing(tmp_path):
    """`manage.py migrate` as a newcomer types it: no question, every translated column made."""
    import os
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    database = tmp_path / "new.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    columns = {
        row[1] for row in sqlite3.connect(database).execute("PRAGMA table_info(wagtailcore_page)")
    }
    assert {"title_fr", "title_en", "slug_fr", "url_path_en"} <= columns
