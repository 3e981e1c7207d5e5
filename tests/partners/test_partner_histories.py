"""A partner city's page worth reading: its history as a timeline, its twinning committee (a
snippet), its official website and its Wikidata identifier, in both languages, through the
admin's own views; the open data that carries them; the seed's history entries."""

import csv
import io
import json
import re

from django.urls import reverse
from django.utils import translation

from wagtail.images import get_image_model

import pytest

from clermont_intl.content.demo import make_image
from clermont_intl.content.seed import SeedLoader
from partners.models import PartnerCityPage, PartnerHistoryEntry, TwinningCommittee
from partners.opendata import CSV_COLUMNS
from tests.admin_forms import form_data
from tests.query_counting import cold_and_warm

pytestmark = pytest.mark.django_db

SALFORD_FR = "/fr/relations-internationales/villes-partenaires/salford/"
SALFORD_EN = "/en/international-relations/partner-cities/salford/"
DATA = "/fr/relations-internationales/villes-partenaires/open-data/"


@pytest.fixture
def salford():
    return PartnerCityPage.objects.get(slug_fr="salford")


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def section(page_html, heading_id):
    """The <section> labelled by heading_id, or "" when the page has none."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page_html, re.DOTALL
    )
    return match.group(0) if match else ""


def publish_in_admin(client, page, **changes):
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(edit), **changes)
    data["action-publish"] = ["action-publish"]
    response = client.post(edit, data)
    if response.status_code != 302:
        form = response.context["form"]
        return form
    return None


# --- The seed ---


def test_the_seed_gives_each_twin_city_its_twinning_and_the_michelin_network(salford):
    entries = list(salford.history_entries.order_by("year"))
    assert [(e.year, e.title_fr, e.title_en) for e in entries] == [
        (1966, "Jumelage avec Salford", "Twinning with Salford"),
        (
            2017,
            "Partenariat formalisé au sein du Réseau International des Villes Michelin",
            "Partnership formalised within the International Network of Michelin Cities",
        ),
    ]
    oyem = PartnerCityPage.objects.get(slug_fr="oyem")
    assert [(e.year, e.title_fr) for e in oyem.history_entries.all()] == [
        (2006, "Coopération solidaire avec Oyem")
    ]
    # Unchecked facts are not seeded.
    seeded = PartnerCityPage.objects.all()
    assert not any(p.wikidata_id or p.official_website or p.twinning_committee_id for p in seeded)
    assert not TwinningCommittee.objects.exists()
    assert PartnerHistoryEntry.objects.count() == 7 * 2 + 1


def test_a_second_seed_changes_nothing():
    report = SeedLoader().run()
    assert not report.created and not report.corrected


def test_the_seed_adds_the_history_to_pages_seeded_before_it_but_never_over_editors(salford):
    # A page seeded before partners had a history: no entry, no version that knew of them.
    salford.history_entries.all().delete()
    for revision in salford.revisions.all():
        revision.content.pop("history_entries", None)
        revision.save()
    oyem = PartnerCityPage.objects.get(slug_fr="oyem")
    # An editor removed Oyem's entries and published: the seed leaves it so.
    oyem = oyem.get_latest_revision_as_object()
    oyem.history_entries = []
    oyem.save_revision().publish()

    report = SeedLoader().run()

    assert any("Salford" in item for item in report.created)
    salford = PartnerCityPage.objects.get(pk=salford.pk)
    assert salford.live and salford.history_entries.count() == 2
    assert not PartnerHistoryEntry.objects.filter(page__slug_fr="oyem").exists()
    assert not SeedLoader().run().created


# --- The timeline ---


def test_the_timeline_is_an_ordered_list_of_years_in_both_languages(client):
    fr = section(html(client.get(SALFORD_FR)), "history-heading")
    en = section(html(client.get(SALFORD_EN)), "history-heading")
    assert '<h2 id="history-heading">Historique du partenariat</h2>' in fr
    assert '<h2 id="history-heading">History of the partnership</h2>' in en
    for text in (fr, en):
        assert '<ol class="timeline partner-history">' in text
        assert text.index('datetime="1966">1966</time>') < text.index('datetime="2017">2017</time>')
    assert "Jumelage avec Salford" in fr and "date de 1966" in fr
    assert "Twinning with Salford" in en and "twinned since 1966" in en


def test_an_entry_without_english_is_shown_in_french_marked_as_french(client, salford):
    page = salford.get_latest_revision_as_object()
    page.history_entries.add(
        PartnerHistoryEntry(
            year=1990,
            title="Visite d'une délégation",
            title_fr="Visite d'une délégation",
            text_fr="Accueil à l'hôtel de ville.",
        )  # fmt: skip
    )
    page.save_revision().publish()
    en = section(html(client.get(SALFORD_EN)), "history-heading")
    assert '<span lang="fr">Visite d\'une délégation</span>' in en.replace("&#x27;", "'")
    assert 'lang="fr"><p>Accueil' in en.replace("&#x27;", "'")


def test_a_page_without_committee_website_or_wikidata_shows_no_empty_heading(client):
    for url in (SALFORD_FR, SALFORD_EN):
        text = html(client.get(url))
        assert "committee-heading" not in text
        assert "wikidata.org" not in text and "Wikidata" not in text
        assert "Site officiel" not in text and "Official website" not in text


# --- Editors' paths through the admin ---------------------------------------------------------


def test_an_editor_adds_history_committee_website_and_wikidata_in_the_admin(
    client, communication, salford, purged
):
    client.force_login(communication)
    # The committee, as a snippet the editor may add.
    add = reverse("wagtailsnippets_partners_twinningcommittee:add")
    data = form_data(client.get(add), form_id=None)
    data.update(
        name_fr=["Comité de jumelage Clermont-Salford"],
        name_en=["Clermont-Salford Twinning Committee"],
        description_fr=["Échanges entre habitants des deux villes."],
        email=["comite@example.org"],
        phone=["04 73 00 00 00"],
        address=["Hôtel de ville\n63000 Clermont-Ferrand"],
        website=["https://example.org/comite/"],
    )
    assert client.post(add, data).status_code == 302
    committee = TwinningCommittee.objects.get()

    image = make_image("Délégation à Salford", seed=3)
    errors = publish_in_admin(
        client,
        salford,
        twinning_committee=str(committee.pk),
        official_website="https://www.salford.gov.uk/",
        wikidata_id="Q207231",
        **{
            "history_entries-TOTAL_FORMS": "3",
            "history_entries-2-id": "",
            "history_entries-2-ORDER": "3",
            "history_entries-2-DELETE": "",
            "history_entries-2-year": "1996",
            "history_entries-2-title_fr": "Trente ans de jumelage",
            "history_entries-2-title_en": "Thirty years of twinning",
            "history_entries-2-text_fr": "Une fête dans les deux villes.",
            "history_entries-2-text_en": "",
            "history_entries-2-image": str(image.pk),
            "history_entries-2-image_alt_text_fr": "La délégation devant l'hôtel de ville",
            "history_entries-2-image_alt_text_en": "The delegation at the town hall",
        },
    )
    assert errors is None, errors.errors
    salford.refresh_from_db()
    assert salford.wikidata_id == "Q207231"
    assert salford.history_entries.count() == 3

    fr = html(client.get(SALFORD_FR))
    en = html(client.get(SALFORD_EN))
    history = section(fr, "history-heading")
    assert history.index("1966") < history.index("1996") < history.index("2017")
    assert 'alt="La délégation devant l&#x27;hôtel de ville"' in history
    assert '<a href="https://www.wikidata.org/wiki/Q207231">' in fr
    assert '<a href="https://www.salford.gov.uk/">Site de Salford' in fr
    committee_fr = section(fr, "committee-heading")
    assert "Comité de jumelage ou association" in committee_fr
    assert "Comité de jumelage Clermont-Salford" in committee_fr
    assert 'href="mailto:comite@example.org"' in committee_fr
    assert 'href="tel:0473000000"' in committee_fr
    committee_en = section(en, "committee-heading")
    assert "Clermont-Salford Twinning Committee" in committee_en
    # The description has no English: shown in French, marked as French.
    assert '<p lang="fr">Échanges entre habitants' in committee_en
    # The image's rendition was made when the page was published.
    assert image.renditions.filter(filter_spec="fill-480x320|format-webp").exists()


def test_a_committee_edited_in_the_admin_shows_at_once_on_the_page(
    client, communication, salford, purged, django_capture_on_commit_callbacks
):
    # Set up without signals: the proxy's purge is queued once per transaction, and this test's
    # transaction must have queued none before the snippet's edit.
    (committee,) = TwinningCommittee.objects.bulk_create(
        [TwinningCommittee(name="Comité", name_fr="Comité de jumelage")]
    )
    PartnerCityPage.objects.filter(pk=salford.pk).update(twinning_committee=committee)
    assert "Comité de jumelage" in section(html(client.get(SALFORD_FR)), "committee-heading")
    # Cached now: a second request reads the fragment.
    html(client.get(SALFORD_FR))

    client.force_login(communication)
    edit = reverse("wagtailsnippets_partners_twinningcommittee:edit", args=[committee.pk])
    data = form_data(client.get(edit), form_id=None, name_fr="Amis de Salford")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, data).status_code == 302
    assert purged, "the caching proxy was not told to forget the site"
    client.logout()
    assert "Amis de Salford" in section(html(client.get(SALFORD_FR)), "committee-heading")


@pytest.mark.parametrize("value", ["q207231", "Q0123", "Q", "207231", "Q12 3", "Q١٢", "Q1-2"])
def test_a_wrong_wikidata_identifier_is_refused_with_a_clear_message(
    client, communication, salford, value
):
    client.force_login(communication)
    form = publish_in_admin(client, salford, wikidata_id=value)
    assert form is not None and "wikidata_id" in form.errors
    salford.refresh_from_db()
    assert salford.wikidata_id == ""


def test_two_partner_cities_cannot_share_a_wikidata_identifier(client, communication):
    PartnerCityPage.objects.filter(slug_fr="regensburg").update(wikidata_id="Q2978")
    client.force_login(communication)
    form = publish_in_admin(
        client, PartnerCityPage.objects.get(slug_fr="salford"), wikidata_id="Q2978"
    )
    assert "Une autre ville partenaire a déjà cet identifiant Wikidata." in str(form.errors)


# --- Open data ---


def test_open_data_carries_the_wikidata_identifier_and_the_website(client, salford):
    PartnerCityPage.objects.filter(pk=salford.pk).update(
        wikidata_id="Q207231", official_website="https://www.salford.gov.uk/"
    )
    records = json.loads(client.get(DATA + "json/").content)["partners"]
    by_name = {r["name"]["fr"]: r for r in records}
    assert by_name["Salford"]["wikidata_id"] == "Q207231"
    assert by_name["Salford"]["official_website"] == "https://www.salford.gov.uk/"
    assert by_name["Oyem"]["wikidata_id"] is None
    assert by_name["Oyem"]["official_website"] is None
    features = json.loads(client.get(DATA + "geojson/").content)["features"]
    properties = next(
        f["properties"] for f in features if f["properties"]["name"]["fr"] == "Salford"
    )
    assert properties["wikidata_id"] == "Q207231"
    rows = list(csv.DictReader(io.StringIO(client.get(DATA + "csv/").content.decode())))
    assert list(rows[0]) == CSV_COLUMNS
    # Each column added after the first release goes at the end: the others keep their place.
    assert CSV_COLUMNS[-4:] == [
        "wikidata_id",
        "official_website",
        "friendship_agreement_since",
        "cooperation_agreement_since",
    ]
    salford_row = next(row for row in rows if row["name_fr"] == "Salford")
    assert salford_row["wikidata_id"] == "Q207231"
    assert salford_row["official_website"] == "https://www.salford.gov.uk/"


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(client, salford, name):
    PartnerCityPage.objects.filter(pk=salford.pk).update(title=name, title_fr=name, title_en=name)
    rows = list(csv.DictReader(io.StringIO(client.get(DATA + "csv/").content.decode())))
    row = next(row for row in rows if row["country_code"] == "GB" and row["name_fr"] != "Aberdeen")
    assert row["name_fr"] == "'" + name and row["name_en"] == "'" + name
    # Numbers stay numbers: a western longitude is not a formula.
    assert row["longitude"].startswith("-")
    # JSON is not read by spreadsheets: the name as it is.
    records = json.loads(client.get(DATA + "json/").content)["partners"]
    assert name in [r["name"]["fr"] for r in records]


# --- Query counts ---


def _with_entries(page, count, image, committee):
    page = page.get_latest_revision_as_object()
    page.twinning_committee = committee
    page.official_website = "https://example.org/"
    page.wikidata_id = "Q1"
    page.history_entries = [
        PartnerHistoryEntry(
            sort_order=n,
            year=1970 + n,
            title=f"Étape {n}",
            title_fr=f"Étape {n}",
            text_fr="Texte.",
            image=image,
            image_alt_text_fr="Une vue",
        )
        for n in range(count)
    ]
    page.save_revision().publish()


def test_the_partner_page_costs_the_same_at_ten_times_the_history(client, salford):
    committee = TwinningCommittee.objects.create(name="Comité", name_fr="Comité")
    image = make_image("Vue", seed=5)
    _with_entries(salford, 1, image, committee)
    cold_one, warm_one = cold_and_warm(client, [SALFORD_FR, SALFORD_EN])
    images = [make_image(f"Vue {n}", seed=10 + n) for n in range(10)]
    _with_entries(salford, 10, images[0], committee)
    page = PartnerCityPage.objects.get(pk=salford.pk)
    for entry, picture in zip(page.history_entries.all(), images, strict=True):
        entry.image = picture
        entry.save()
    page.save_revision().publish()
    rendition_count = get_image_model().get_rendition_model().objects.count()
    cold_ten, warm_ten = cold_and_warm(client, [SALFORD_FR, SALFORD_EN])
    assert html(client.get(SALFORD_FR)).count('class="partner-history__image"') == 10
    assert warm_ten == warm_one and max(warm_ten) <= 12
    assert cold_ten == cold_one
    assert max(cold_ten) <= 20
    # Requests read renditions; publishing made them.
    assert get_image_model().get_rendition_model().objects.count() == rendition_count


def test_the_french_admin_labels_the_new_fields(client, communication, salford):
    client.force_login(communication)
    with translation.override("fr"):
        text = html(client.get(reverse("wagtailadmin_pages:edit", args=[salford.pk])))
    for label in ("Historique", "Comité et références", "Identifiant Wikidata", "Site officiel"):
        assert label in text
