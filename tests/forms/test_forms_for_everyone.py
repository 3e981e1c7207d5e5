"""Forms for everyone, on every public form (contact, project support, exhibition loans), in
French and in English: the personal fields say what they ask for, so that browsers fill them in
(autocomplete tokens, e-mail and telephone inputs: RGAA 11.13); a person who sends at once is
never taken for a robot, while the honeypot still refuses one; a refused form opens with a summary
of its errors, each linked to its field, the field saying it is invalid and why; nothing the
visitor typed is lost."""

import time

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.forms.models import FormSubmission

import pytest
from bs4 import BeautifulSoup

from cied.models import ExhibitionIndexPage, LoanRequest
from clermont_intl.forms import HONEYPOT_FIELD, TIMESTAMP_FIELD, field_purpose, sign_start_time
from clermont_intl.models import ContactFormField, ContactFormPage
from tests.admin_forms import form_data
from tests.cied.test_exhibitions import add_exhibition, url_of
from tests.cied.test_exhibitions import valid_data as loan_data
from tests.legal.test_legal_and_contact import CONTACT, contact_data
from tests.projects.test_project_support_form import FORM_EN, FORM_FR
from tests.projects.test_project_support_form import valid_data as support_data

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "en")
SUPPORT = {"fr": FORM_FR, "en": FORM_EN}
ERROR_TITLE = {"fr": "Erreur\u00a0: ", "en": "Error: "}


@pytest.fixture
def exhibition(db):
    """An exhibition on loan: its page carries the loan request form."""
    catalogue = ExhibitionIndexPage.objects.get()
    return add_exhibition(
        catalogue, "L'Europe en 20 panneaux", "europe-20-panneaux", title_en="Europe in 20 panels"
    )


def public_form(response):
    assert response.status_code in (200, 429), response.status_code
    return BeautifulSoup(response.content, "html.parser").find("form", class_="form")


def field(form, name):
    return form.find(attrs={"name": name})


# --- Fields that browsers can fill in -------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contact_forms_personal_fields_say_what_they_ask_for(client, language):
    form = public_form(client.get(CONTACT[language]))
    assert field(form, "name")["autocomplete"] == "name"
    assert field(form, "email")["autocomplete"] == "email"
    assert field(form, "email")["type"] == "email"
    # What is not the visitor's own detail is left to them; the robot trap is never filled in.
    assert not field(form, "message").has_attr("autocomplete")
    assert not field(form, "subject").has_attr("autocomplete")
    assert field(form, HONEYPOT_FIELD)["autocomplete"] == "off"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_support_forms_personal_fields_say_what_they_ask_for(client, language):
    form = public_form(client.get(SUPPORT[language]))
    assert field(form, "association")["autocomplete"] == "organization"
    assert field(form, "contact_name")["autocomplete"] == "name"
    assert (field(form, "email")["type"], field(form, "email")["autocomplete"]) == (
        "email",
        "email",
    )
    # A phone keyboard on phones, and the visitor's number from the browser.
    assert (field(form, "phone")["type"], field(form, "phone")["autocomplete"]) == ("tel", "tel")
    # "Countries or partner cities you have in mind" is not the visitor's address.
    assert not field(form, "countries").has_attr("autocomplete")
    assert not field(form, "project").has_attr("autocomplete")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_loan_request_forms_personal_fields_say_what_they_ask_for(client, exhibition, language):
    form = public_form(client.get(url_of(exhibition, language)))
    assert field(form, "organisation")["autocomplete"] == "organization"
    assert field(form, "contact_name")["autocomplete"] == "name"
    assert (field(form, "email")["type"], field(form, "email")["autocomplete"]) == (
        "email",
        "email",
    )
    assert (field(form, "phone")["type"], field(form, "phone")["autocomplete"]) == ("tel", "tel")
    assert not field(form, "place").has_attr("autocomplete")


@pytest.mark.parametrize(
    "field_type, label_fr, label_en, purpose",
    [
        ("singleline", "Votre nom", "Your name", ("name", None)),
        ("singleline", "Nom et prénom", "Full name", ("name", None)),
        ("singleline", "Prénom", "First name", ("given-name", None)),
        ("singleline", "Nom de famille", "Last name", ("family-name", None)),
        ("singleline", "Nom de l'association", "Name of the association", ("organization", None)),
        ("singleline", "Organisme", "Organisation", ("organization", None)),
        ("singleline", "Téléphone portable", "Mobile phone", ("tel", "tel")),
        ("singleline", "N° de téléphone", "Phone number", ("tel", "tel")),
        ("singleline", "Courriel", "E-mail", ("email", "email")),
        ("email", "Adresse de réponse", "Reply address", ("email", None)),
        ("singleline", "Code postal", "Postcode", ("postal-code", None)),
        ("singleline", "Ville", "Town", ("address-level2", None)),
        ("multiline", "Adresse postale", "Postal address", ("street-address", None)),
        ("singleline", "Pays", "Country", ("country-name", None)),
        # Words that are not all the purpose's: no token rather than a wrong one.
        ("singleline", "Nom du projet", "Project name", None),
        ("singleline", "Pays ou villes partenaires envisagés", "Partner cities", None),
        ("singleline", "Type de structure", "Kind of organisation", None),
        ("multiline", "Votre nom et votre message", "Your name and message", None),
        # A choice or a date is never filled in from the visitor's details.
        ("dropdown", "Pays", "Country", None),
        ("date", "Date de naissance", "Date of birth", None),
    ],
)
def test_an_editors_field_gets_the_purpose_its_words_say(field_type, label_fr, label_en, purpose):
    form_field = ContactFormField(
        field_type=field_type, label=label_fr, label_fr=label_fr, label_en=label_en
    )
    assert field_purpose(form_field) == purpose


def test_fields_an_editor_adds_in_the_admin_are_filled_in_by_browsers(editor):
    admin = Client()
    admin.force_login(editor)
    page = ContactFormPage.objects.get()
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin.get(edit))
    count = int(data["form_fields-TOTAL_FORMS"][0])
    added = [
        ("Téléphone portable", "Mobile phone"),
        ("Prénom", "First name"),
    ]
    for offset, (label_fr, label_en) in enumerate(added):
        prefix = f"form_fields-{count + offset}-"
        data.update(
            {
                prefix + "id": [""],
                prefix + "ORDER": [str(count + offset + 1)],
                prefix + "DELETE": [""],
                prefix + "label_fr": [label_fr],
                prefix + "label_en": [label_en],
                prefix + "field_type": ["singleline"],
                prefix + "choices_fr": [""],
                prefix + "choices_en": [""],
                prefix + "default_value": [""],
                prefix + "help_text_fr": [""],
                prefix + "help_text_en": [""],
            }
        )
    data["form_fields-TOTAL_FORMS"] = [str(count + len(added))]
    data["action-publish"] = ["action-publish"]
    response = admin.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    names = {f.label_fr: f.clean_name for f in ContactFormPage.objects.get().form_fields.all()}
    for language in LANGUAGES:
        form = public_form(Client().get(CONTACT[language]))
        phone = field(form, names["Téléphone portable"])
        assert (phone["type"], phone["autocomplete"]) == ("tel", "tel")
        assert field(form, names["Prénom"])["autocomplete"] == "given-name"


# --- A person is never taken for a robot ------------------------------------------------------


# The choices in English, where the data builders have the French ones.
ENGLISH_CHOICES = {
    "contact": {"subject": "Accessibility problem"},
    "support": {"support": ["Finding partners abroad"]},
}


def in_language(data, form, language):
    """The data builder of a form, with the choices of the page's language."""
    choices = ENGLISH_CHOICES.get(form, {}) if language == "en" else {}
    return lambda **overrides: data(**{**choices, **overrides})


def sent_forms(exhibition, language):
    """(url, data builder, model of what is stored) of every public form."""
    return [
        (CONTACT[language], in_language(contact_data, "contact", language), FormSubmission),
        (SUPPORT[language], in_language(support_data, "support", language), FormSubmission),
        # Any override taken as posted, dates included.
        (url_of(exhibition, language), lambda **data: {**loan_data(), **data}, LoanRequest),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_filled_in_by_the_browser_and_sent_within_a_second_is_accepted(
    client, exhibition, language
):
    for url, data, stored in sent_forms(exhibition, language):
        before = stored.objects.count()
        # Displayed, filled in by autofill and sent in the same second.
        response = client.post(url, data(**{TIMESTAMP_FIELD: sign_start_time(time.time())}))
        assert response.status_code == 200, url
        assert response.context.get("form_submission"), (url, response.context.get("form"))
        assert stored.objects.count() == before + 1, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_honeypot_still_refuses_a_robot_however_fast(client, exhibition, language):
    refusal = {"fr": "La demande n’a pas pu être acceptée.", "en": "could not be accepted"}
    for url, data, stored in sent_forms(exhibition, language):
        before = stored.objects.count()
        robot = data(**{TIMESTAMP_FIELD: sign_start_time(), HONEYPOT_FIELD: "http://spam.example"})
        response = client.post(url, robot)
        assert response.status_code == 200, url
        assert not response.context.get("form_submission"), url
        summary = public_form(response).find(attrs={"data-error-summary": True})
        assert refusal[language] in summary.get_text(), url
        assert stored.objects.count() == before, url


# --- A refused form: its summary, its fields, nothing lost -----------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_form_opens_with_a_summary_linking_to_each_field_in_error(client, language):
    entered = in_language(contact_data, "contact", language)(email="pas-une-adresse", message="")
    response = client.post(CONTACT[language], entered)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text().startswith(ERROR_TITLE[language])
    form = page.find("form", class_="form")
    # The summary is the form's first visible element: found before any field.
    first = next(
        element
        for element in form.find_all(True, recursive=False)
        if not (element.name == "input" and element.get("type") == "hidden")
    )
    assert first.has_attr("data-error-summary")
    assert first["role"] == "alert" and first["tabindex"] == "-1" and first["id"]
    links = first.select("a[href]")
    assert [link["href"] for link in links] == ["#id_email", "#id_message"]
    for link in links:
        target = form.find(id=link["href"][1:])
        assert target is not None and target["aria-invalid"] == "true"
        # The error is said next to the field and read with it.
        error = form.find(id=f"{target['id']}_error")
        assert error["id"] in target["aria-describedby"].split()
        assert error.get_text(strip=True) in link.get_text()
    # The script that moves the focus to the summary is the site's own, and exists.
    script = form.find("script")
    assert script["src"] == "/static/js/error-summary.js" and script.has_attr("defer")
    assert finders.find("js/error-summary.js")
    # Nothing lost: what was typed is still there.
    assert field(form, "name")["value"] == entered["name"]
    assert field(form, "email")["value"] == "pas-une-adresse"
    assert field(form, "subject").find("option", selected=True)["value"] == entered["subject"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_of_checkboxes_in_error_is_linked_by_its_first_box(client, language):
    entered = support_data(support=["not one of the choices"], association="")
    form = public_form(client.post(SUPPORT[language], entered))
    links = [a["href"] for a in form.find(attrs={"data-error-summary": True}).select("a")]
    assert links == ["#id_association", "#id_support_0"]
    assert form.find(id="id_support_0")["type"] == "checkbox"
    fieldset = form.find(id="id_support_0").find_parent("fieldset")
    assert fieldset["aria-describedby"] == "id_support_error"
    assert field(form, "contact_name")["value"] == entered["contact_name"]
    assert field(form, "project").get_text().strip() == entered["project"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_loan_forms_summary_links_to_its_fields(client, exhibition, language):
    entered = loan_data(email="", phone="04 73 00 00 00")
    form = public_form(client.post(url_of(exhibition, language), entered))
    assert [a["href"] for a in form.select("[data-error-summary] a")] == ["#id_email"]
    assert field(form, "email")["aria-invalid"] == "true"
    assert field(form, "phone")["value"] == "04 73 00 00 00"
    assert field(form, "organisation")["value"] == entered["organisation"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_request_over_the_rate_limit_keeps_what_was_typed(client, settings, exhibition, language):
    settings.FORM_RATE_LIMIT = 1
    data = in_language(support_data, "support", language)
    client.post(SUPPORT[language], data())
    entered = data(project="Un second projet, refusé pour le moment.")
    response = client.post(SUPPORT[language], entered)
    assert response.status_code == 429
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text().startswith(ERROR_TITLE[language])
    form = page.find("form", class_="form")
    assert form.find(attrs={"data-error-summary": True})["tabindex"] == "-1"
    assert field(form, "project").get_text().strip() == entered["project"]
    assert field(form, "association")["value"] == entered["association"]
    box = form.find("input", attrs={"name": "support", "value": entered["support"][0]})
    assert box.has_attr("checked")
    # Fresh traps: an empty honeypot and a new start time, so that the next try can succeed.
    assert not field(form, HONEYPOT_FIELD).get("value")
    assert field(form, TIMESTAMP_FIELD)["value"] != entered[TIMESTAMP_FIELD]
    # The loan form too (one limit for the catalogue's form).
    client.post(url_of(exhibition, language), loan_data())
    form = public_form(client.post(url_of(exhibition, language), loan_data(place="Médiathèque")))
    assert field(form, "place")["value"] == "Médiathèque"


BAD_INPUT = [
    {"email": "\x00@example.org", "name": "\x00"},
    {"name": "A" * 100_000, "subject": "Not a choice"},
    {TIMESTAMP_FIELD: "é" * 300, HONEYPOT_FIELD: ""},
    {"name": ["two", "values"], "email": ["a@example.org", "b@example.org"]},
    {"support": "\x00", "start": "2026-02-30", "end": "-1", "email": "@"},
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("overrides", BAD_INPUT)
def test_bad_input_is_refused_with_a_summary_never_an_error_page(
    client, exhibition, language, overrides
):
    with translation.override(language):
        for url, data, _stored in sent_forms(exhibition, language):
            response = client.post(url, data(**overrides))
            assert response.status_code == 200, (url, response.status_code)
            if not response.context.get("form_submission"):
                assert public_form(response).find(attrs={"data-error-summary": True}), url
