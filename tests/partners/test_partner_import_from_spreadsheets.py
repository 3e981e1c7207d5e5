"""Partner cities imported from the files a French office's spreadsheet saves, by a
communication editor posting real files to the admin's own views: Windows-1252 with semicolons
and decimal commas, UTF-8 with a byte-order mark, formula-like text refused per line, near
duplicates flagged before anything is created, and a confirmation refused, with the new preview,
when the import would no longer do what the preview said."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

import pytest

from clermont_intl.editorial.constants import EDITORS_GROUP
from clermont_intl.exports import FORMULA_STARTS, spreadsheet_safe, starts_formula
from partners.models import PartnerCityPage

from .test_partner_import import (
    CONFIRM,
    PREVIEW,
    confirm,
    confirmation_form,
    partner_count,
    previewed,
    text,
    upload,
    user_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(django_user_model):
    """A communication editor (Équipe communication), signed in."""
    client = Client()
    client.force_login(user_in(django_user_model, EDITORS_GROUP, "redaction"))
    return client


# What French Excel's "CSV (séparateur : point-virgule)" writes: Windows-1252, semicolons, CRLF,
# decimal commas, a year written as a number cell ("1 966" with a no-break space is French
# Excel's display of a thousands-formatted number).
EXCEL_HEADER = "name_fr;name_en;country_code;latitude;longitude;relationships;twin_city_since"
EXCEL_FILE = (
    EXCEL_HEADER + "\r\n"
    "Trois-Rivières;Trois-Rivières;CA;46,34515;-72,54770;michelin_network;\r\n"
    "Besançon-sur-Mer;;FR;47,2378;6,0241;twin_city;1\u00a0966\r\n"
).encode("cp1252")


def test_a_french_excel_file_windows_1252_semicolons_decimal_commas_is_imported(editor_client):
    before = partner_count()
    page = text(previewed(editor_client, EXCEL_FILE))
    assert "Trois-Rivières" in page and "Besançon-sur-Mer" in page
    assert "À créer : 2. À mettre à jour : 0." in page
    assert "adresse : <code>trois-rivieres</code>" in page
    response = confirm(editor_client, previewed(editor_client, EXCEL_FILE))
    assert response.status_code == 302
    assert partner_count() == before + 2
    city = PartnerCityPage.objects.get(title_fr="Trois-Rivières")
    assert city.latitude == Decimal("46.34515") and city.longitude == Decimal("-72.54770")
    assert city.country.code == "CA" and not city.live
    besancon = PartnerCityPage.objects.get(slug_fr="besancon-sur-mer")
    assert [(r.kind, r.since) for r in besancon.relationships.all()] == [("twin_city", 1966)]


def test_utf_8_with_a_byte_order_mark_and_semicolons_is_read_as_utf_8(editor_client):
    content = "\ufeff" + EXCEL_HEADER + "\r\nŁódź;Lodz;PL;51,75925;19,45598;michelin_network;\r\n"
    page = text(previewed(editor_client, content.encode("utf-8")))
    assert "Łódź" in page and "À créer : 1." in page
    assert (
        confirm(editor_client, previewed(editor_client, content.encode("utf-8"))).status_code == 302
    )
    assert PartnerCityPage.objects.get(title_fr="Łódź").latitude == Decimal("51.75925")


def test_a_decimal_comma_unquoted_in_a_comma_separated_file_gets_a_hint(editor_client):
    content = "name_fr,country_code,latitude,longitude,relationships\nVille,IT,45,5,9,twin_city\n"
    page = text(previewed(editor_client, content))
    assert "Cette ligne a 6 valeurs, la première ligne 5 colonnes." in page
    assert "un nombre à virgule doit être entre guillemets" in page


# --- Formula-like text ---

HOSTILE = [
    ("name_fr", '=HYPERLINK("http://example.org/x","Cliquez")'),
    ("name_fr", "@SUM(A1:A9)"),
    ("name_fr", "+33 Ville"),
    ("name_en", "-2+3"),
    ("name_en", "'=cmd|' /C calc'!A0"),  # the export's escaped form: refused as well
    ("relationships", "=twin_city"),
    ("official_website", "=IMPORTXML(A1)"),
]


def test_formula_like_text_cells_are_refused_with_their_line_and_nothing_is_created(
    editor_client,
):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    columns = ["name_fr", "name_en", "country_code", "latitude", "longitude", "relationships",
               "official_website"]  # fmt: skip
    writer.writerow(columns)
    for number, (column, value) in enumerate(HOSTILE):
        row = {"name_fr": f"Ville {number}", "name_en": "", "country_code": "IT",
               "latitude": "45,1", "longitude": "-9,2", "relationships": "twin_city",
               "official_website": ""}  # fmt: skip
        row[column] = value
        writer.writerow([row[c] for c in columns])
    before = partner_count()
    response = previewed(editor_client, buffer.getvalue().encode("cp1252"))
    page = text(response)
    for line, (column, value) in enumerate(HOSTILE, start=2):
        shown = value.removeprefix("'")
        start = shown[0]
        assert (
            f"<td>{line}</td>\n                            <td><code>{column}</code></td>" in page
        ), (line, column)
        assert f"commence par « {start} » : un tableur l&#x27;exécuterait comme une formule" in page
    assert "Importer en brouillons" not in page
    # Posted anyway: refused, nothing created, no page named like a formula.
    token = editor_client.session["partners_import"]["token"]
    assert editor_client.post(CONFIRM, {"token": token}).status_code == 400
    assert partner_count() == before
    assert not any(
        starts_formula(title) for title in PartnerCityPage.objects.values_list("title", flat=True)
    )


def test_the_import_check_and_the_export_guard_share_one_definition():
    for start in FORMULA_STARTS:
        assert starts_formula(start + "x") and spreadsheet_safe(start + "x") == "'" + start + "x"
    assert not starts_formula("Hakodate") and spreadsheet_safe("Hakodate") == "Hakodate"
    assert not starts_formula(-2.5) and spreadsheet_safe(-2.5) == -2.5


# --- Near duplicates ---


@pytest.fixture
def hakodate(site_pages, editor_client):
    """A partner city Hakodate (JP) on the site, imported as the editors would."""
    content = (
        "name_fr,country_code,latitude,longitude,relationships\n"
        "Hakodate,JP,41.7687,140.7288,michelin_network\n"
    )
    confirm(editor_client, previewed(editor_client, content))
    return PartnerCityPage.objects.get(title_fr="Hakodate")


def test_a_near_duplicate_of_a_page_is_flagged_and_needs_the_editors_confirmation(
    editor_client, hakodate
):
    content = (
        "name_fr;country_code;latitude;longitude;relationships\r\n"
        "Hakodaté;JP;41,7687;140,7288;michelin_network\r\n"
        # Same name in another country: not a near duplicate.
        "Hakodaté;FR;45,1;3,1;michelin_network\r\n"
    ).encode("cp1252")
    before = partner_count()
    response = previewed(editor_client, content)
    page = text(response)
    assert 'id="import-warnings"' in page
    assert (
        "Une ville partenaire au nom presque identique, « Hakodate » (JP), est déjà sur le site"
        in page
    )
    assert "À vérifier" in page and 'name="warnings_checked"' in page
    warnings = page.split('id="import-warnings"')[1].split("</table>")[0]
    near, address = warnings.split("<td>3</td>")
    assert "<td>2</td>" in near and "presque identique" in near
    # Hakodaté in France is no near duplicate, but its address would be numbered: told too.
    assert "Son adresse finira par « hakodate-3 »" in address
    # Confirmed without ticking the box: nothing created, the preview again with why.
    response = confirm(editor_client, response)
    assert response.status_code == 400
    assert "cochez la case pour confirmer que vous avez vérifié les avertissements" in text(
        response
    )
    assert partner_count() == before
    # Written as on the site, the line updates the existing page instead.
    fixed = content.replace("Hakodaté;JP".encode("cp1252"), b"Hakodate;JP")
    page = text(previewed(editor_client, fixed))
    assert "À créer : 1. À mettre à jour : 0. Inchangées : 1." in page
    assert "presque identique" not in page
    # Ticked: created, and the preview had announced its numbered address.
    response = previewed(editor_client, content)
    assert "adresse : <code>hakodate-2</code>" in text(response)
    assert confirm(editor_client, response, warnings_checked="1").status_code == 302
    assert PartnerCityPage.objects.get(title_fr="Hakodaté", country="JP").slug_fr == "hakodate-2"


def test_near_duplicates_within_the_file_are_flagged(editor_client):
    content = (
        "name_fr,country_code,latitude,longitude,relationships\n"
        "Sakaï,JP,34.57,135.48,michelin_network\n"
        "SAKAI,JP,34.58,135.49,michelin_network\n"
    )
    page = text(previewed(editor_client, content))
    assert "Presque le même nom qu&#x27;à la ligne 2 (« Sakaï »), dans le même pays" in page
    assert "adresse : <code>sakai-2</code>" in page


def test_an_address_that_would_get_a_number_is_flagged(editor_client, hakodate):
    # A namesake in another country: another city, but the same address. Told, never silent.
    content = (
        "name_fr,country_code,latitude,longitude,relationships\n"
        "Hakodate,US,40.1,-100.1,michelin_network\n"
    )
    page = text(previewed(editor_client, content))
    assert (
        "Son adresse finira par « hakodate-2 », car une autre page sous les villes "
        "partenaires a déjà « hakodate »" in page
    )


# --- A confirmation that would differ from its preview ---


def test_a_city_created_after_the_preview_gives_the_new_preview_instead_of_the_import(
    editor_client,
):
    content = (
        "name_fr,country_code,latitude,longitude,relationships\n"
        "Hakodate,JP,41.7687,140.7288,michelin_network\n"
        "Trois-Rivières,CA,46.34515,-72.5477,michelin_network\n"
        "Łódź,PL,51.75925,19.45598,michelin_network\n"
    )
    seen = previewed(editor_client, content)
    assert "À créer : 3. À mettre à jour : 0." in text(seen)
    # Meanwhile, a colleague imports Hakodate with other coordinates.
    other = upload(editor_client, "name_fr,country_code,latitude,longitude,relationships\n"
                   "Hakodate,JP,41.7,140.7,michelin_network\n")  # fmt: skip
    assert other.status_code == 302
    confirm(editor_client, editor_client.get(PREVIEW))
    before = partner_count()
    # The same file chosen again in this tab, its preview taken before the colleague's import.
    upload(editor_client, content)
    form = confirmation_form(editor_client.get(PREVIEW))
    # Now the colleague's page exists: the digest of the "3 to create" preview no longer holds.
    stale = dict(form, digest=confirmation_form(seen)["digest"])
    response = editor_client.post(CONFIRM, stale)
    assert response.status_code == 409
    page = text(response)
    assert (
        "Rien n&#x27;a été importé : ce que ferait l&#x27;import a changé depuis l&#x27;aperçu"
        in page
    )
    assert "À créer : 2. À mettre à jour : 1." in page
    assert partner_count() == before
    # Confirmed from the new preview: applied as it says.
    assert confirm(editor_client, response).status_code == 302
    assert partner_count() == before + 2


def test_another_file_chosen_since_the_preview_gives_its_preview_instead_of_the_import(
    editor_client,
):
    first = previewed(editor_client, EXCEL_FILE)
    # Another tab chooses another file.
    upload(editor_client, "name_fr,country_code,latitude,longitude,relationships\n"
           "Łódź,PL,51.75925,19.45598,michelin_network\n")  # fmt: skip
    before = partner_count()
    response = confirm(editor_client, first)
    assert response.status_code == 409
    page = text(response)
    assert "un autre fichier a été choisi depuis cet aperçu" in page
    assert "Łódź" in page and "Trois-Rivières" not in page
    assert partner_count() == before


# --- Bad files ---


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "Le fichier soumis est vide."),
        (b"name_fr;country_code;latitude;longitude;relationships\r\n", "aucune ville après eux"),
        (b"\xff\xd8\xff\xe0\x10JFIF\x01\x01\x01\x00H", "Ce n&#x27;est pas un fichier CSV"),
        (b"GIF89a\x01\x01\x80\x01\x01\x02\x02\x04\x01;", "Ce n&#x27;est pas un fichier CSV"),
        (b"nom;pays;lat;lon\r\nClermont;FR;45,7;3,1\r\n", "Colonnes absentes de la première ligne"),
    ],
    ids=["empty", "header-only", "jpeg", "gif", "wrong-columns"],
)
def test_a_bad_file_gets_a_clear_french_message(editor_client, content, message):
    before = partner_count()
    response = upload(editor_client, content)
    assert response.status_code == 200
    assert message in text(response), text(response)[-4000:]
    assert partner_count() == before
    assert reverse("partners_import_preview") not in response.get("Location", "")
