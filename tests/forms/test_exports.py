"""Every CSV the site writes is safe to open in a spreadsheet: a cell a person typed never runs as
a formula (clermont_intl.exports), whoever typed it: a citizen in a form, an editor in a note,
a name or a title."""

import codecs
import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest
from openpyxl import load_workbook

from clermont_intl.editorial.constants import EDITORS_GROUP
from clermont_intl.exports import FORMULA_STARTS, spreadsheet_safe
from clermont_intl.submissions.models import SubmissionFollowUp
from partners.models import PartnerIndexPage
from projects.calls import CallIndexPage
from tests.admin_forms import form_data
from tests.factories import add_partner
from tests.projects.test_calls import add_call
from tests.projects.test_project_support_form import FORM_FR, valid_data

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x")'


def rows_of(text, delimiter=","):
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


def is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_no_formula(rows):
    """No text cell starts a formula (a negative longitude is a number, written as one)."""
    for row in rows:
        for column, cell in row.items():
            cell = cell or ""
            assert is_number(cell) or not cell.startswith(FORMULA_STARTS), (column, cell)


@pytest.mark.parametrize(
    "value, expected",
    [
        (FORMULA, "'" + FORMULA),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Clermont-Ferrand", "Clermont-Ferrand"),
        ("", ""),
        (-3.5, -3.5),  # a number stays a number
        (None, None),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


@pytest.fixture
def communication(django_user_model):
    user = django_user_model.objects.create_user(
        "com", "com@example.org", "a-long-test-password", first_name=FORMULA, last_name=""
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


def test_form_submissions_csv(client, editor, site_pages):
    client.post(FORM_FR, valid_data(association=FORMULA))
    client.force_login(editor)
    url = reverse("wagtailforms:list_submissions", args=[site_pages["support_form"].pk])
    response = client.get(url, {"export": "csv"})
    rows = rows_of(b"".join(response.streaming_content).decode(), delimiter=";")
    assert_no_formula(rows)
    assert "'" + FORMULA in rows[0].values()


def submissions_export(client, page, export_format):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return b"".join(client.get(url, {"export": export_format}).streaming_content)


def test_form_submissions_export_for_a_french_spreadsheet(client, site_pages, communication):
    """Wagtail's own export of what was sent: the reference first, Paris time to the second, a
    message that starts a formula kept as text."""
    client.post(FORM_FR, valid_data(project=FORMULA, countries="+33 Italie"))
    request = SubmissionFollowUp.objects.get()
    sent = datetime(2027, 1, 15, 17, 30, 5, 633567, tzinfo=ZoneInfo("UTC"))  # 18:30:05 in Paris
    FormSubmission.objects.filter(pk=request.submission_id).update(submit_time=sent)
    client.force_login(communication)
    page = site_pages["support_form"]

    body = submissions_export(client, page, "csv")
    assert body.startswith(codecs.BOM_UTF8)
    text = body.decode("utf-8")
    header = text.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("Référence;Date de soumission;")
    (row,) = rows_of(text, delimiter=";")
    assert row["Référence"] == request.reference
    assert row["Date de soumission"] == "2027-01-15 18:30:05"
    assert row["Votre projet"] == "'" + FORMULA
    assert row["Pays ou villes partenaires envisagés"] == "'+33 Italie"
    assert_no_formula([row])

    sheet = load_workbook(io.BytesIO(submissions_export(client, page, "xlsx"))).active
    header, row = list(sheet.iter_rows())[:2]
    cells = {title.value: cell for title, cell in zip(header, row, strict=True)}
    assert cells["Référence"].value == request.reference
    # A real date cell, in Paris time (Wagtail alone writes UTC).
    assert cells["Date de soumission"].value == datetime(2027, 1, 15, 18, 30, 5)
    assert cells["Date de soumission"].is_date
    assert cells["Date de soumission"].number_format == "dd/mm/yyyy hh:mm"  # French short form
    # Text, never a formula, in the XLSX.
    assert cells["Votre projet"].value == FORMULA and cells["Votre projet"].data_type == "s"


def test_the_forms_listing_shows_the_reference(client, site_pages, communication, editor):
    client.post(FORM_FR, valid_data())
    request = SubmissionFollowUp.objects.get()
    url = reverse("wagtailforms:list_submissions", args=[site_pages["support_form"].pk])
    edit_url = reverse("requests:edit", args=[request.pk])
    for user in (communication, editor):  # a communication editor, a superuser
        client.force_login(user)
        html = client.get(url).content.decode()
        assert 'id="reference"' in html and "Référence" in html
        # Linked to the request's follow-up, where it is answered.
        assert f'<a href="{edit_url}">{request.reference}</a>' in html


def test_requests_csv_with_its_internal_note_and_assignee(client, site_pages, communication):
    client.post(FORM_FR, valid_data())
    request = SubmissionFollowUp.objects.get()
    client.force_login(communication)
    edit_url = reverse("requests:edit", args=[request.pk])
    data = form_data(
        client.get(edit_url), form_id=None, note=FORMULA, assignee=str(communication.pk)
    )
    assert client.post(edit_url, data).status_code == 302
    response = client.get("/admin/requests/", {"export": "csv"})
    rows = rows_of(b"".join(response.streaming_content).decode("utf-8"), delimiter=";")
    assert_no_formula(rows)
    assert rows[0]["Chargé(e) du suivi"] == "'" + FORMULA
    assert rows[0]["Note interne"] == "'" + FORMULA


def test_partner_cities_open_data_csv(client):
    partner = add_partner(PartnerIndexPage.objects.get(), "Formulaville")
    partner.title = partner.title_fr = FORMULA
    partner.save()
    response = client.get("/fr/relations-internationales/villes-partenaires/open-data/csv/")
    rows = rows_of(response.content.decode())
    assert_no_formula(rows)
    row = next(row for row in rows if row["id"] == str(partner.pk))
    assert row["name_fr"] == "'" + FORMULA


def test_calls_for_projects_open_data_csv(client, site_pages):
    index = CallIndexPage.objects.get()
    call = add_call(index, "Appel formule", timezone.now() + timedelta(days=30))
    call.title = call.title_fr = FORMULA
    call.funding_fr = "-5 000 €"
    call.save_revision().publish()
    response = client.get(index.url + "open-data/csv/")
    rows = rows_of(response.content.decode())
    assert_no_formula(rows)
    row = next(row for row in rows if row["id"] == str(call.pk))
    assert row["title_fr"] == "'" + FORMULA
    assert row["funding_fr"] == "'-5 000 €"
