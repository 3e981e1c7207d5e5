"""Editors import partner cities from a CSV file through the admin's own views, with real
multipart uploads: the preview, the errors per line, drafts only, all or nothing, the round trip
from the open data export, hostile files, and who may do it."""

import csv
import io
import re
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.models import Page

import pytest

from clermont_intl.editorial.constants import EDITORS_GROUP, MODERATORS_GROUP, TRANSLATORS_GROUP
from partners import imports
from partners.models import PartnerCityPage
from partners.opendata import CSV_COLUMNS

pytestmark = pytest.mark.django_db

UPLOAD = reverse("partners_import")
PREVIEW = reverse("partners_import_preview")
CONFIRM = reverse("partners_import_confirm")
CSV_URL = "/fr/relations-internationales/villes-partenaires/open-data/csv/"
HEADER = "name_fr,name_en,country_code,latitude,longitude,relationships,twin_city_since,wikidata_id"


def user_in(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, "", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client(django_user_model):
    client = Client()
    client.force_login(user_in(django_user_model, EDITORS_GROUP, "redaction"))
    return client


def upload(client, content, name="villes.csv", content_type="text/csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(
        UPLOAD, {"file": SimpleUploadedFile(name, content, content_type=content_type)}
    )


def previewed(client, content, **kwargs):
    response = upload(client, content, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == PREVIEW
    response = client.get(PREVIEW)
    assert response.status_code == 200
    return response


def confirmation_form(preview_response):
    """The hidden fields of the preview's confirmation form, as the browser posts them."""
    return dict(re.findall(r'type="hidden" name="(token|digest)" value="([^"]+)"',
                           preview_response.content.decode()))  # fmt: skip


def confirm(client, preview_response, **extra):
    return client.post(CONFIRM, {**confirmation_form(preview_response), **extra})


def text(response):
    # French typography (no-break spaces before ":" and inside « ») is held by
    # tests/pages/test_french_typography.py; here the words and numbers matter.
    return re.sub("[\u00a0\u202f]", " ", response.content.decode())


def partner_count():
    return PartnerCityPage.objects.count()


# --- Preview and import ---

NEW_AND_CHANGED = (
    HEADER + "\r\n"
    "Clermont-sur-Mer,Clermont-on-Sea,IT,45.46420,9.19000,michelin_network,,Q490\r\n"
    "Salford,Salford,GB,53.50000,-2.29010,twin_city;michelin_network,1966,\r\n"
)


def test_the_preview_says_what_each_line_will_create_or_update(editor_client):
    before = partner_count()
    page = text(previewed(editor_client, NEW_AND_CHANGED))
    assert "Création (brouillon)" in page and "Mise à jour (nouveau brouillon)" in page
    assert "À créer : 1. À mettre à jour : 1. Inchangées : 0." in page
    # What changes on Salford: its latitude (the Michelin year is not in the file: now unknown).
    assert re.search(r"Salford</a>:\s*Latitude, Relations", page)
    assert 'name="token"' in page and "Importer en brouillons" in page
    assert partner_count() == before, "the preview changes nothing"


def test_confirming_creates_drafts_and_new_draft_revisions_nothing_live(editor_client, client):
    salford = PartnerCityPage.objects.get(slug_fr="salford")
    live_revision = salford.live_revision_id
    response = confirm(editor_client, previewed(editor_client, NEW_AND_CHANGED))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[salford.get_parent().pk])

    created = PartnerCityPage.objects.get(slug_fr="clermont-sur-mer")
    assert not created.live and created.has_unpublished_changes
    assert created.title_en == "Clermont-on-Sea" and created.slug_en == "clermont-on-sea"
    assert created.wikidata_id == "Q490" and created.latitude == Decimal("45.46420")
    assert created.get_parent().specific_class.__name__ == "PartnerIndexPage"
    assert created.get_latest_revision().user.username == "redaction"
    assert (
        client.get("/fr/relations-internationales/villes-partenaires/clermont-sur-mer/").status_code
        == 404
    )

    salford.refresh_from_db()
    assert salford.live and salford.live_revision_id == live_revision
    assert salford.latitude == Decimal("53.48750"), "the live page is unchanged"
    assert salford.has_unpublished_changes
    draft = salford.get_latest_revision_as_object()
    assert draft.latitude == Decimal("53.50000")
    assert [(r.kind, r.since) for r in draft.relationships.all()] == [
        ("twin_city", 1966),
        ("michelin_network", None),
    ]
    # The public directory does not list the draft.
    assert "Clermont-sur-Mer" not in text(
        client.get("/fr/relations-internationales/villes-partenaires/")
    )
    # The file was imported once: it is no longer waiting.
    assert editor_client.get(PREVIEW).status_code == 302


def test_the_export_imported_again_updates_and_never_duplicates(editor_client, client):
    before = partner_count()
    exported = client.get(CSV_URL).content
    page = text(previewed(editor_client, exported))
    assert "À créer : 0. À mettre à jour : 0. Inchangées : 8." in page
    # Corrected in a spreadsheet: one latitude, one English name.
    rows = list(csv.DictReader(io.StringIO(exported.decode())))
    for row in rows:
        if row["name_fr"] == "Oyem":
            row["latitude"] = "1.6"
            row["name_en"] = "Oyem (Gabon)"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    page = text(previewed(editor_client, buffer.getvalue()))
    assert "À créer : 0. À mettre à jour : 1. Inchangées : 7." in page
    assert confirm(editor_client, previewed(editor_client, buffer.getvalue())).status_code == 302
    assert partner_count() == before
    oyem = PartnerCityPage.objects.get(slug_fr="oyem").get_latest_revision_as_object()
    assert oyem.latitude == Decimal("1.60000") and oyem.title_en == "Oyem (Gabon)"


def test_a_city_is_matched_by_its_wikidata_identifier_before_its_name(editor_client):
    PartnerCityPage.objects.filter(slug_fr="regensburg").update(wikidata_id="Q2978")
    page = text(
        previewed(
            editor_client,
            HEADER + "\nRatisbonne,Regensburg,DE,49.01340,12.10160,twin_city,1969,Q2978\n",
        )
    )
    assert "À créer : 0. À mettre à jour : 1." in page
    assert re.search(r"Regensburg</a>:\s*Nom en français, Relations", page)


# --- Errors per line ---

BAD_LINES = [
    ("Bad-Land,,XX,45,9,twin_city,1990,", "country_code", "Code de pays inconnu « XX »"),
    ("Polaris,,IT,95,9,twin_city,1990,", "latitude", "95 est hors limites"),
    ("Ouest,,IT,45,-181.5,twin_city,1990,", "longitude", "-181.5 est hors limites"),
    ("Nulle,,IT,abc,9,twin_city,1990,", "latitude", "« abc » n&#x27;est pas un nombre"),
    ("Amitié,,IT,45,9,friendship,,", "relationships", "Relation inconnue « friendship »"),
    ("Année,,IT,45,9,twin_city,19x6,", "twin_city_since", "« 19x6 » n&#x27;est pas une année"),
    ("Futur,,IT,45,9,twin_city,2999,", "twin_city_since", "« 2999 » n&#x27;est pas une année"),
    ("Wiki,,IT,45,9,twin_city,1990,X12", "wikidata_id", "« X12 » n&#x27;est pas un identifiant"),
    (",Nameless,IT,45,9,twin_city,1990,", "name_fr", "Le nom en français manque."),
    ("Salford,,GB,53.4875,-2.2901,twin_city,1966,", "", "La même ville qu&#x27;à la ligne 2."),
    ("Court,IT,45,9", "", "Cette ligne a 4 valeurs, la première ligne 8 colonnes."),
]


def test_each_error_names_its_line_and_column_and_nothing_can_be_imported(editor_client):
    before = partner_count()
    content = (
        HEADER + "\n"
        "Salford,Salford,GB,53.48750,-2.29010,twin_city,1966,\n"
        + "\n".join(line for line, _column, _message in BAD_LINES)
        + "\n"
    )
    page = text(previewed(editor_client, content))
    errors = re.search(r'<table class="listing" id="import-errors".*?</table>', page, re.DOTALL)
    rows = re.findall(
        r"<tr>\s*<td>(\d+)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", errors.group(0), re.DOTALL
    )
    found = {
        (int(line), re.sub(r"</?code>", "", column), message) for line, column, message in rows
    }
    for number, (_line, column, message) in enumerate(BAD_LINES, start=3):
        assert any(
            line == number
            and (col == column or (not column and col == "(toute la ligne)"))
            and message in text_
            for line, col, text_ in found
        ), (number, column, message, found)
    assert "Importer en brouillons" not in page and 'name="token"' not in page
    # Sent anyway, as a crafted request would: refused, nothing imported.
    stored = editor_client.session[imports_session_key()]
    response = editor_client.post(CONFIRM, {"token": stored["token"]})
    assert response.status_code == 400
    assert "Rien n&#x27;a été importé" in text(response)
    assert partner_count() == before


def imports_session_key():
    from partners.admin_views import SESSION_KEY

    return SESSION_KEY


def test_a_failure_in_the_middle_of_an_import_leaves_nothing_imported(editor_client, monkeypatch):
    before = partner_count()
    revisions = Page.objects.get(slug_fr="salford").revisions.count()
    content = (
        HEADER + "\n"
        "Première,,IT,45,9,michelin_network,,\n"
        "Salford,,GB,53.6,-2.29010,twin_city;michelin_network,1966,\n"
        "Troisième,,IT,46,9,michelin_network,,\n"
    )
    preview = previewed(editor_client, content)
    original = PartnerCityPage.save_revision
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(self.title)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PartnerCityPage, "save_revision", failing)
    response = confirm(editor_client, preview)
    assert response.status_code == 302 and response["Location"] == PREVIEW
    assert len(calls) == 3
    assert partner_count() == before
    assert not PartnerCityPage.objects.filter(slug_fr="premiere").exists()
    assert Page.objects.get(slug_fr="salford").revisions.count() == revisions
    message = text(editor_client.get(PREVIEW))
    assert "L&#x27;import a échoué et rien n&#x27;a été importé." in message


# --- Hostile files ---


@pytest.mark.parametrize(
    "content, message",
    [
        (b"x" * (imports.MAX_BYTES + 1), "Le fichier est trop volumineux"),
        (
            (HEADER + "\n" + "Ville,,IT,45,9,twin_city,1990,\n" * (imports.MAX_LINES + 1)).encode(),
            "Le fichier a plus de 2000 lignes",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "Ce n&#x27;est pas un fichier CSV",
        ),
        (
            # Bytes that are neither UTF-8 nor Windows-1252 (0x81 and 0x8D are unassigned).
            (HEADER + "\nBesançon,,FR,47.2,6.0,michelin_network,,\n").encode("cp1252")
            + b"\x81\x8d,,FR,47.2,6.0,michelin_network,,\n",
            "ni en UTF-8 ni en Windows-1252",
        ),
        (
            HEADER.replace(",", "\t").encode() + b"\nA\t\tIT\t45\t9\ttwin_city\t\t\n",
            "pas séparées par des virgules ou des points-virgules",
        ),
        (b'{"partners": []}', "Colonnes absentes de la première ligne"),
        (b"name_fr,country_code,latitude,longitude,relationships,password\n", "Colonnes inconnues"),
        (
            b'name_fr,country_code,latitude,longitude,relationships\n"Ouverte,IT,45,9,x\n',
            "Le fichier",
        ),
        (b"\n\n", "Le fichier est vide."),
    ],
    ids=[
        "huge",
        "too-many-lines",
        "binary",
        "neither-utf-8-nor-windows-1252",
        "tabs",
        "json",
        "unknown-column",
        "unclosed-quote",
        "blank",
    ],  # fmt: skip
)
def test_a_file_that_cannot_be_read_gets_a_clear_message_never_an_error_page(
    editor_client, content, message
):
    before = partner_count()
    response = upload(editor_client, content)
    assert response.status_code == 200
    assert message in text(response), text(response)[:3000]
    assert 'id="import-refusal"' in text(response)
    assert imports_session_key() not in editor_client.session
    assert partner_count() == before


def test_a_formula_like_name_is_refused_even_with_the_exports_apostrophe(editor_client):
    # The export writes such a name with an apostrophe before it; no city is called that way,
    # so the import refuses it rather than making a page of it (tests/partners/
    # test_partner_import_from_spreadsheets.py covers the other text columns and the bare formula).
    before = partner_count()
    content = "\ufeff" + HEADER + "\n\"'=cmd|' /C calc'!A0\",,IT,45,9,michelin_network,,\n"
    page = text(previewed(editor_client, content))
    assert "« =cmd|&#x27; /C calc&#x27;!A0 » commence par « = »" in page
    assert "Importer en brouillons" not in page
    assert partner_count() == before


def test_the_confirmation_imports_only_what_the_server_read(editor_client):
    preview = previewed(editor_client, NEW_AND_CHANGED)
    before = partner_count()
    # A token of another upload, or none: nothing imported, the waiting file's preview shown.
    form = confirmation_form(preview)
    assert editor_client.post(CONFIRM, {**form, "token": "forged"}).status_code == 409
    assert editor_client.post(CONFIRM, {}).status_code == 409
    # A digest of another preview: nothing imported either.
    assert editor_client.post(CONFIRM, {**form, "digest": "0" * 64}).status_code == 409
    assert partner_count() == before
    # The rows themselves are never taken from the form.
    response = editor_client.post(
        CONFIRM, {**form, "name_fr": "Injectée", "text": "name_fr\nInjectée"}
    )
    assert response.status_code == 302
    assert partner_count() == before + 1
    assert not PartnerCityPage.objects.filter(title_fr="Injectée").exists()


def test_the_confirmation_needs_the_csrf_token(django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_in(django_user_model, EDITORS_GROUP, "redaction"))
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("v.csv", NEW_AND_CHANGED.encode())})
    assert response.status_code == 403
    response = client.post(CONFIRM, {"token": "x"})
    assert response.status_code == 403


# --- Who may import ---


@pytest.mark.parametrize("group", [TRANSLATORS_GROUP, MODERATORS_GROUP, None])
def test_only_those_who_may_add_partner_pages_import(django_user_model, group):
    before = partner_count()
    client = Client()
    if group:
        client.force_login(user_in(django_user_model, group, "role"))
    for response in (
        client.get(UPLOAD),
        upload(client, NEW_AND_CHANGED),
        client.get(PREVIEW),
        client.post(CONFIRM, {"token": "x"}),
    ):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/" in response["Location"]
        assert not response.get("Location", "").startswith(PREVIEW)
    assert partner_count() == before
    if group:
        assert "partners-import" not in text(client.get(reverse("wagtailadmin_home")))


def test_editors_find_the_import_in_the_menu_and_on_the_partner_index(editor_client, site_pages):
    dashboard = text(editor_client.get(reverse("wagtailadmin_home")))
    assert UPLOAD in dashboard
    listing = text(
        editor_client.get(reverse("wagtailadmin_explore", args=[site_pages["partners"].pk]))
    )
    assert UPLOAD in listing and "Importer des villes partenaires (CSV)" in listing
    form = text(editor_client.get(UPLOAD))
    assert 'enctype="multipart/form-data"' in form and "Importer des villes partenaires" in form
