"""A lawful, reachable site: the contact page, the accessibility statement and its derived
status, the privacy and legal notices, the contact details settings, the retention purge."""

import logging
import time
from datetime import date, timedelta
from decimal import Decimal

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from cied.models import CiedContactSettings
from clermont_intl.forms import HONEYPOT_FIELD, TIMESTAMP_FIELD, sign_start_time
from clermont_intl.models import (
    AccessibilityStatementPage,
    ConformanceStatus,
    ContactFormPage,
    ContactSettings,
)
from clermont_intl.submissions.models import SubmissionNotification
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

CONTACT = {"fr": "/fr/contact/", "en": "/en/contact/"}
STATEMENT = {"fr": "/fr/accessibilite/", "en": "/en/accessibility/"}
PRIVACY = {"fr": "/fr/donnees-personnelles/", "en": "/en/personal-data/"}
LEGAL = {"fr": "/fr/mentions-legales/", "en": "/en/legal-notice/"}
SITE_MAP = {"fr": "/fr/plan-du-site/", "en": "/en/site-map/"}
CIED_FR = "/fr/relations-internationales/cied-clermont-puy-de-dome/"
SUPPORT_FR = (
    "/fr/relations-internationales/projets-europeens-et-internationaux/demande-accompagnement/"
)


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def contact_data(**overrides):
    data = {
        TIMESTAMP_FIELD: sign_start_time(time.time() - 60),
        "name": "Camille Martin",
        "email": "camille@example.org",
        "subject": "Problème d'accessibilité",
        "message": "Le plan des villes partenaires ne se lit pas avec mon lecteur d'écran.",
    }
    data.update(overrides)
    return data


# The contact page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, labels, accessibility_choice, button",
    [
        ("fr", ["Votre nom", "Adresse électronique", "Objet", "Votre message"],
         "Problème d'accessibilité", "Envoyer le message"),
        ("en", ["Your name", "E-mail address", "Subject", "Your message"],
         "Accessibility problem", "Send the message"),
    ],
)  # fmt: skip
def test_contact_form_in_both_languages_with_the_privacy_note_before_its_button(
    client, language, labels, accessibility_choice, button
):
    page = soup(client.get(CONTACT[language]))
    form = page.find("form", class_="form")
    assert [
        label.get_text(" ", strip=True).split(" (")[0]
        for label in form.select(".form-field > label")
    ] == labels
    assert accessibility_choice in [option.get_text() for option in form.select("option")]
    # The short notice, with its link to the privacy page, comes before the submit button.
    note = form.find("p", class_="privacy-note")
    assert note.find("a", href=PRIVACY[language])
    assert "365" in note.get_text()
    submit = form.find("button", type="submit")
    assert submit.get_text(strip=True) == button
    assert note in submit.find_all_previous("p")


def test_support_form_shows_the_privacy_note_too(client):
    note = soup(client.get(SUPPORT_FR)).find("p", class_="privacy-note")
    assert note.find("a", href=PRIVACY["fr"])


def test_contact_message_is_stored_then_notified(client):
    page = ContactFormPage.objects.get()
    response = client.post(CONTACT["fr"], contact_data())
    assert response.status_code == 200
    assert "votre message a bien été enregistré" in response.content.decode()
    submission = FormSubmission.objects.get(page=page)
    assert submission.get_data()["subject"] == "Problème d'accessibilité"
    assert mail.outbox == []  # sent by the scheduler, after the answer
    call_command("send_queued_mail")
    submission.notification.refresh_from_db()
    assert submission.notification.notified_at is not None
    assert len(mail.outbox) == 2
    notification, acknowledgement = mail.outbox
    assert notification.to == [page.to_address]
    assert "Objet: Problème d'accessibilité" in notification.body
    # The sender's acknowledgement: in French, with the request's reference, never their text.
    follow_up = submission.follow_up
    assert acknowledgement.to == [contact_data()["email"]]
    assert follow_up.reference in acknowledgement.subject
    assert follow_up.language == "fr" and follow_up.acknowledged_at is not None
    assert contact_data()["message"] not in acknowledgement.body
    assert "Relations internationales" in acknowledgement.body or "reçu" in acknowledgement.body


def test_contact_message_in_english_is_acknowledged_in_english(client):
    client.post(CONTACT["en"], contact_data(subject="Accessibility problem"))
    call_command("send_queued_mail")
    acknowledgement = mail.outbox[-1]
    assert acknowledgement.to == [contact_data()["email"]]
    assert acknowledgement.subject.startswith("Your request RI-")


@override_settings(EMAIL_BACKEND="tests.mail_backends.FailingEmailBackend")
def test_contact_message_survives_a_mail_outage(client):
    response = client.post(CONTACT["en"], contact_data(subject="Accessibility problem"))
    assert response.status_code == 200
    notification = SubmissionNotification.objects.get()
    assert notification.notified_at is None and notification.attempts == 0
    assert FormSubmission.objects.count() == 1
    with pytest.raises(CommandError):  # the scheduler's run: the mail server is still down
        call_command("send_queued_mail")
    notification.refresh_from_db()
    assert notification.notified_at is None and "ConnectionRefusedError" in notification.last_error


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({HONEYPOT_FIELD: "http://spam.example"}, "La demande n’a pas pu être acceptée."),
        ({TIMESTAMP_FIELD: "forged"}, "Le formulaire a expiré"),
        ({"email": "not-an-email", "message": ""}, "Votre message"),
    ],
)
def test_robots_and_bad_input_get_a_clear_answer_and_nothing_is_stored(client, overrides, error):
    response = client.post(CONTACT["fr"], contact_data(**overrides))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "language, subject", [("fr", "Autre"), ("en", "Other")]
)  # fmt: skip
def test_a_message_sent_at_once_after_display_is_accepted(client, language, subject):
    """A browser's autofill sends the form within a second: a person, never refused as a robot."""
    data = contact_data(subject=subject, **{TIMESTAMP_FIELD: sign_start_time()})
    response = client.post(CONTACT[language], data)
    assert response.status_code == 200 and response.context.get("form_submission")
    assert FormSubmission.objects.count() == 1


@override_settings(FORM_RATE_LIMIT=2)
def test_contact_form_is_rate_limited_per_address(client):
    for _ in range(2):
        assert client.post(CONTACT["fr"], contact_data()).status_code == 200
    response = client.post(CONTACT["fr"], contact_data())
    assert response.status_code == 429
    alert = BeautifulSoup(response.content, "html.parser").find("div", class_="alert")
    assert "Trop de demandes" in alert.get_text()
    # No e-mail address is set: the answer sends nobody to one.
    assert not alert.select('a[href^="mailto:"]') and "courriel" not in alert.get_text()
    assert FormSubmission.objects.count() == 2
    ContactSettings.objects.filter(site__is_default_site=True).update(email="ri@example.org")
    alert = BeautifulSoup(client.post(CONTACT["fr"], contact_data()).content, "html.parser")
    assert alert.find("div", class_="alert").find("a", href="mailto:ri@example.org")


def test_contact_messages_are_listed_and_exported_in_the_admin(client, editor):
    page = ContactFormPage.objects.get()
    client.post(CONTACT["fr"], contact_data(message='=HYPERLINK("http://x")'))
    client.force_login(editor)
    listing = client.get(f"/admin/forms/submissions/{page.pk}/")
    assert listing.status_code == 200
    assert "camille@example.org" in listing.content.decode()
    export = client.get(f"/admin/forms/submissions/{page.pk}/?export=csv")
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode()
    assert "Problème d'accessibilité" in csv_text
    # A formula typed by a citizen is neutralised, as for the support form.
    assert "'=HYPERLINK" in csv_text


# The accessibility statement ----------------------------------------------------------------


@pytest.mark.parametrize(
    "audit_date, rate, status",
    [
        (None, None, ConformanceStatus.NON),
        (None, Decimal("80"), ConformanceStatus.NON),
        (date(2026, 1, 5), None, ConformanceStatus.NON),
        (date(2026, 1, 5), Decimal("49.99"), ConformanceStatus.NON),
        (date(2026, 1, 5), Decimal("50"), ConformanceStatus.PARTIAL),
        (date(2026, 1, 5), Decimal("99.99"), ConformanceStatus.PARTIAL),
        (date(2026, 1, 5), Decimal("100"), ConformanceStatus.FULL),
    ],
)
def test_conformance_status_is_derived_from_the_audit(audit_date, rate, status):
    page = AccessibilityStatementPage(audit_date=audit_date, conformance_rate=rate)
    assert page.conformance_status == status


def edit_statement(client, editor, **changes):
    page = AccessibilityStatementPage.objects.get()
    client.force_login(editor)
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(url), **changes, **{"action-publish": "action-publish"})
    return client.post(url, data)


def test_editor_records_an_audit_and_every_page_shows_the_derived_status(client, editor):
    response = edit_statement(
        client,
        editor,
        audit_date="2026-03-02",
        conformance_rate="72.5",
        auditor_fr="Cabinet Exemple",
        auditor_en="Cabinet Exemple",
        non_accessible_content_fr='{"blocks":[{"key":"a","type":"unstyled","text":"La carte '
        'n\'a pas d\'alternative.","depth":0,"inlineStyleRanges":[],"entityRanges":[],'
        '"data":{}}],"entityMap":{}}',
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    fr = soup(client.get(STATEMENT["fr"]))
    text = fr.get_text(" ", strip=True)
    assert "partiellement conforme" in text
    assert "72,5 % des critères du RGAA sont respectés" in text
    assert "Cabinet Exemple" in text and "La carte n'a pas d'alternative." in text
    for url in (SITE_MAP["fr"], CONTACT["fr"], "/fr/"):
        link = soup(client.get(url)).find("footer").find("a", href=STATEMENT["fr"])
        assert link.get_text(strip=True) == "Accessibilité : partiellement conforme", url
    en = soup(client.get(SITE_MAP["en"])).find("footer").find("a", href=STATEMENT["en"])
    assert en.get_text(strip=True) == "Accessibility: partially conforming"


def test_a_rate_without_an_audit_date_is_refused_with_a_message(client, editor):
    response = edit_statement(client, editor, audit_date="", conformance_rate="100")
    assert response.status_code == 200
    assert "audit_date" in response.context["form"].errors
    assert AccessibilityStatementPage.objects.get().conformance_rate is None


def test_statement_sends_accessibility_problems_to_the_contact_form(client):
    for language in ("fr", "en"):
        page = soup(client.get(STATEMENT[language]))
        assert page.find("main").find("a", href=CONTACT[language])
        # The French name of the ombudsman is marked as French in the English text.
        if language == "en":
            assert page.find("span", lang="fr", string="Défenseur des droits")


# Privacy and legal notices ------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, sections",
    [
        ("fr", ["Responsable du traitement", "Base légale", "Destinataires",
                "Durée de conservation", "Vos droits", "Comment les exercer",
                "Réclamation auprès de la CNIL"]),
        ("en", ["Controller", "Legal basis", "Recipients", "How long your data are kept",
                "Your rights", "How to exercise them", "Complaint to the CNIL"]),
    ],
)  # fmt: skip
def test_privacy_notice_in_both_languages(client, language, sections):
    page = soup(client.get(PRIVACY[language]))
    headings = [h.get_text(strip=True) for h in page.find("main").find_all("h2")]
    for section in sections:
        assert section in headings
    assert page.find("main").find("a", href=CONTACT[language])
    assert page.find("a", href="https://www.cnil.fr/fr/plaintes")


@override_settings(PERSONAL_DATA_RETENTION_DAYS=90)
def test_the_retention_stated_is_the_one_enforced(client):
    text = soup(client.get(PRIVACY["fr"])).get_text(" ", strip=True)
    assert "conservé 90 jours" in text
    note = soup(client.get(CONTACT["en"])).find("p", class_="privacy-note").get_text()
    assert "90 days" in note


def test_legal_notice_shows_the_host_only_once_it_is_set(client, editor):
    for language, heading in (("fr", "Éditeur"), ("en", "Publisher")):
        page = soup(client.get(LEGAL[language]))
        assert heading in [h.get_text(strip=True) for h in page.find_all("h2")]
        assert "Hébergeur" not in page.get_text() and "Host" not in [
            h.get_text(strip=True) for h in page.find_all("h2")
        ]
    site = Site.objects.get(is_default_site=True)
    client.force_login(editor)
    url = f"/admin/settings/clermont_intl/contactsettings/{site.pk}/"
    data = form_data(
        client.get(url),
        form_id=None,
        host_name="Hébergeur Exemple SAS",
        host_address="1 rue de l'Exemple\n75000 Paris",
    )
    assert client.post(url, data).status_code == 302
    client.logout()
    page = soup(client.get(LEGAL["en"]))
    assert "Host" in [h.get_text(strip=True) for h in page.find_all("h2")]
    assert "Hébergeur Exemple SAS" in page.get_text()


# Footer and contact details -----------------------------------------------------------------


@pytest.mark.parametrize(
    "language, texts",
    [
        ("fr", ["Mentions légales", "Données personnelles", "Accessibilité : non conforme",
                "Plan du site", "Contact"]),
        ("en", ["Legal notice", "Personal data", "Accessibility: not conforming", "Site map",
                "Contact"]),
    ],
)  # fmt: skip
def test_footer_links_to_the_legal_pages_in_both_languages(client, language, texts):
    footer = soup(client.get(f"/{language}/")).find("footer")
    legal = footer.find("nav", class_="site-footer__legal")
    assert [a.get_text(strip=True) for a in legal.find_all("a")] == texts
    hrefs = [a["href"] for a in legal.find_all("a")]
    assert hrefs == [LEGAL[language], PRIVACY[language], STATEMENT[language],
                     SITE_MAP[language], CONTACT[language]]  # fmt: skip


def test_no_contact_detail_is_shown_until_an_editor_sets_it(client, editor):
    footer = soup(client.get("/fr/")).find("footer")
    assert not footer.find("address") and not footer.select('a[href^="tel:"]')
    assert not footer.select('a[href^="mailto:"]')
    cied = soup(client.get(CIED_FR))
    assert not cied.find(id="practical-heading")

    site = Site.objects.get(is_default_site=True)
    client.force_login(editor)
    url = f"/admin/settings/clermont_intl/contactsettings/{site.pk}/"
    data = form_data(
        client.get(url),
        form_id=None,
        address_fr="Hôtel de Ville\nrue Philippe-Marcombes",
        phone="04 73 00 00 00",
        email="relations@example.org",
        opening_hours_fr="Du lundi au vendredi",
        opening_hours_en="Monday to Friday",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    # The centre's details are its own settings, which the same editors change.
    url = f"/admin/settings/cied/ciedcontactsettings/{site.pk}/"
    data = form_data(
        client.get(url), form_id=None, email="cied@example.org", opening_hours_fr="Le mercredi"
    )
    response = client.post(url, data)
    assert response.status_code == 302
    client.logout()

    footer = soup(client.get("/en/")).find("footer")
    assert "rue Philippe-Marcombes" in footer.find("address").get_text()
    assert footer.find("address")["lang"] == "fr"  # the French address stands in for English
    assert footer.find("a", href="tel:0473000000")
    assert footer.find("a", href="mailto:relations@example.org")
    assert "Monday to Friday" in footer.get_text()
    cied = soup(client.get(CIED_FR))
    practical = cied.find(id="practical-heading").parent
    assert practical.find("a", href="mailto:cied@example.org")
    assert "Le mercredi" in practical.get_text()
    assert not practical.find("a", href=lambda h: h and h.startswith("tel:"))
    assert CiedContactSettings.objects.get(site=site).phone == ""
    assert not ContactSettings.objects.get(site=site).map_url


# Retention ----------------------------------------------------------------------------------


def submit_at(page, days_ago):
    submission = FormSubmission.objects.create(
        page=page, form_data={"name": f"Personne {days_ago}", "email": "p@example.org"}
    )
    FormSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - timedelta(days=days_ago)
    )
    SubmissionNotification.objects.create(submission=submission, notified_at=timezone.now())
    return submission


def test_purge_deletes_old_submissions_and_their_notifications_only(caplog):
    contact = ContactFormPage.objects.get()
    old = [submit_at(contact, 400), submit_at(contact, 366)]
    recent = [submit_at(contact, 364), submit_at(contact, 1)]

    def logged():
        messages = [r.getMessage() for r in caplog.records if "form submissions" in r.getMessage()]
        caplog.clear()
        return messages

    with caplog.at_level(logging.INFO, logger="clermont_intl.management.commands"):
        call_command("purge_personal_data")
        [message] = logged()
        assert "Deleted 2 form submissions and 2 notifications older than 365 days" in message
        remaining = set(FormSubmission.objects.values_list("pk", flat=True))
        assert remaining == {s.pk for s in recent}
        assert not SubmissionNotification.objects.filter(submission_id__in=[s.pk for s in old])
        assert SubmissionNotification.objects.count() == 2

        # Idempotent: run again, nothing more goes.
        call_command("purge_personal_data")
        [message] = logged()
        assert "Deleted 0 form submissions and 0 notifications" in message
        assert FormSubmission.objects.count() == 2


def test_purge_reports_on_stdout_when_asked(capsys):
    call_command("purge_personal_data", verbosity=2)
    assert "Deleted 0 form submissions" in capsys.readouterr().out


@override_settings(PERSONAL_DATA_RETENTION_DAYS=30)
def test_purge_follows_the_retention_setting():
    contact = ContactFormPage.objects.get()
    submit_at(contact, 31)
    keep = submit_at(contact, 29)
    call_command("purge_personal_data")
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [keep.pk]


def test_purge_refuses_a_retention_below_one_day():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_personal_data", days=0)
