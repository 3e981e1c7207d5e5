"""Every CSV the site writes is safe to open in a spreadsheet: a cell a person typed never runs as
a formula (clermont_intl.exports), whoever typed it: a citizen in a form, an editor in a note,
a name or a title."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from clermont_intl.editorial.constants import EDITORS_GROUP
from clermont_intl.exports import FORMULA_STARTS, spreadsheet_safe
from clermont_intl.submissions.models import SubmissionFollowUp
from partners.models import PartnerIndexPage
from projects.calls import CallIndexPage
from tests.factories import add_partner
from tests.test_calls import add_call
from tests.test_project_support_form import FORM_FR, valid_data

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
    rows = rows_of(b"".join(response.streaming_content).decode())
    assert_no_formula(rows)
    assert "'" + FORMULA in rows[0].values()


def test_requests_csv_with_its_internal_note_and_assignee(client, site_pages, communication):
    client.post(FORM_FR, valid_data())
    request = SubmissionFollowUp.objects.get()
    request.note, request.assignee = FORMULA, communication
    request.save()
    client.force_login(communication)
    response = client.get("/admin/requests/", {"export": "csv"})
    rows = rows_of(b"".join(response.streaming_content).decode("utf-8"), delimiter=";")
    assert_no_formula(rows)
    assert rows[0]["Chargé(e) du suivi"] == "'" + FORMULA
    assert "'" + FORMULA in rows[0].values()  # the note


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
