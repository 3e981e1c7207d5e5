"""The CIED lends exhibitions: a catalogue, a page per exhibition with its availability, a loan
request form, and the editors' answer in the admin."""

import re
import time
from datetime import date, datetime, timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.contrib.forms.models import FormSubmission

import pytest

from cied.constants import LOAN_BOOKING_HORIZON_DAYS, LOAN_MAX_DAYS, LoanStatus
from cied.exhibitions import first_free_start
from cied.models import ExhibitionIndexPage, ExhibitionPage, LoanRequest
from clermont_intl.editorial.constants import TRANSLATORS_GROUP
from clermont_intl.forms import HONEYPOT_FIELD, TIMESTAMP_FIELD, sign_start_time
from clermont_intl.outbox.models import QueuedEmail
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

CATALOGUE_FR = "/fr/relations-internationales/cied-clermont-puy-de-dome/expositions-en-pret/"
CATALOGUE_EN = "/en/international-relations/europe-direct-clermont-puy-de-dome/exhibitions-on-loan/"


def today():
    return timezone.localdate()


def day(offset):
    return today() + timedelta(days=offset)


def add_exhibition(catalogue, title, slug, **fields):
    page = ExhibitionPage(
        title=title, title_fr=title, slug=slug, slug_fr=slug, slug_en=slug, **fields
    )
    catalogue.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_loan(exhibition, start, end, status=LoanStatus.CONFIRMED):
    return LoanRequest.objects.create(exhibition=exhibition, start=start, end=end, status=status)


@pytest.fixture
def catalogue(db):
    page = ExhibitionIndexPage.objects.get()
    page.to_address = "cied@clermont-ferrand.fr"
    page.from_address = "noreply@clermont-ferrand.fr"
    page.save_revision().publish()
    return page


@pytest.fixture
def exhibition(catalogue):
    return add_exhibition(
        catalogue,
        "L'Europe en 20 panneaux",
        "europe-20-panneaux",
        title_en="Europe in 20 panels",
        intro_fr="Une exposition sur l'Union européenne.",
        intro_en="An exhibition about the European Union.",
        panel_count=20,
        dimensions_fr="Kakémonos, 85 × 200 cm",
        dimensions_en="Roll-up banners, 85 × 200 cm",
        languages_fr="Français, anglais",
    )


def url_of(page, language="fr"):
    with translation.override(language):
        return page.get_url()


def valid_data(start=None, end=None, **overrides):
    data = {
        # Displayed a minute ago, as a person would have it.
        TIMESTAMP_FIELD: sign_start_time(time.time() - 60),
        "organisation": "Collège Jules-Verne (fictif)",
        "contact_name": "Camille Martin",
        "email": "camille@example.org",
        "phone": "04 00 00 00 00",
        "start": (start or day(10)).isoformat(),
        "end": (end or day(20)).isoformat(),
        "place": "Hall du collège, Clermont-Ferrand",
        "audience": "Élèves de 4e",
        "message": "Pour la semaine de l'Europe.",
    }
    data.update(overrides)
    return data


# --- The next free period ----------------------------------------------------------------------


D = date(2030, 5, 1)


@pytest.mark.parametrize(
    ("periods", "start", "days", "expected"),
    [
        ([], D, 5, D),
        # Free until the loan: the period ends the day before it starts.
        ([(D + timedelta(5), D + timedelta(9))], D, 5, D),
        # One day short: after the loan.
        ([(D + timedelta(4), D + timedelta(9))], D, 5, D + timedelta(10)),
        # Two loans with a gap too short between them, then one with room enough.
        (
            [
                (D, D + timedelta(3)),
                (D + timedelta(6), D + timedelta(8)),
                (D + timedelta(20), D + timedelta(30)),
            ],
            D,
            5,
            D + timedelta(9),
        ),
        # A loan that ended before the start does not count.
        ([(D - timedelta(10), D - timedelta(1))], D, 3, D),
    ],
)
def test_first_free_start(periods, start, days, expected):
    assert first_free_start(periods, start, days) == expected


# --- The public form ---------------------------------------------------------------------------


def test_a_request_is_stored_notified_and_acknowledged(client, exhibition, catalogue):
    response = client.post(url_of(exhibition), valid_data())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Demande envoyée" in content
    loan = LoanRequest.objects.get()
    assert (loan.exhibition, loan.start, loan.end) == (exhibition.specific, day(10), day(20))
    assert loan.status == LoanStatus.REQUESTED
    assert loan.organisation == "Collège Jules-Verne (fictif)"
    submission = FormSubmission.objects.get()
    assert submission.page_id == catalogue.pk
    assert submission.get_data()["exhibition"] == "L'Europe en 20 panneaux"
    assert loan.submission.follow_up.reference in content
    # The service's notification, then the requester's acknowledgement, sent by the scheduler.
    assert mail.outbox == []
    call_command("send_queued_mail")
    assert [message.to for message in mail.outbox] == [
        ["cied@clermont-ferrand.fr"],
        ["camille@example.org"],
    ]
    assert "L'Europe en 20 panneaux" in mail.outbox[0].body
    assert "Collège Jules-Verne (fictif)" in mail.outbox[0].body


def test_the_form_is_shown_in_both_languages(client, exhibition):
    fr = client.get(url_of(exhibition, "fr")).content.decode()
    en = client.get(url_of(exhibition, "en")).content.decode()
    assert "Demander le prêt de cette exposition" in fr and "Organisme" in fr
    assert "Ask to borrow this exhibition" in en and "Organisation" in en
    assert 'type="date"' in fr


def test_dates_taken_by_a_confirmed_loan_are_refused_with_the_next_free_ones(client, exhibition):
    add_loan(exhibition, day(10), day(20))
    response = client.post(url_of(exhibition), valid_data(day(15), day(17)))
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    with translation.override("fr"):
        from django.utils.formats import date_format

        taken = f"du {date_format(day(10), 'DATE_FORMAT')} au {date_format(day(20), 'DATE_FORMAT')}"
        free = f"du {date_format(day(21), 'DATE_FORMAT')} au {date_format(day(23), 'DATE_FORMAT')}"
    assert taken in errors[0] and free in errors[0], errors[0]
    assert "3 jours" in errors[0]
    assert free in response.content.decode()
    assert LoanRequest.objects.count() == 1 and FormSubmission.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("start", "end", "accepted"),
    [
        (21, 25, True),  # starts the day after the loan ends
        (2, 9, True),  # ends the day before it starts
        (20, 22, False),  # starts the day it ends: that day is taken
        (5, 10, False),  # ends the day it starts
        (10, 10, False),  # one day inside
        (5, 25, False),  # around it
    ],
)
def test_edges_of_a_confirmed_loan(client, exhibition, start, end, accepted):
    add_loan(exhibition, day(10), day(20))
    response = client.post(url_of(exhibition), valid_data(day(start), day(end)))
    assert response.status_code == 200
    assert (LoanRequest.objects.count() == 2) is accepted


def test_requested_and_refused_loans_do_not_block(client, exhibition):
    add_loan(exhibition, day(10), day(20), status=LoanStatus.REQUESTED)
    add_loan(exhibition, day(10), day(20), status=LoanStatus.REFUSED)
    response = client.post(url_of(exhibition), valid_data(day(12), day(14)))
    assert "form_submission" in response.context
    assert LoanRequest.objects.count() == 3


def test_a_loan_of_another_exhibition_does_not_block(client, catalogue, exhibition):
    other = add_exhibition(catalogue, "Autre exposition", "autre-exposition")
    add_loan(other, day(10), day(20))
    client.post(url_of(exhibition), valid_data(day(12), day(14)))
    assert LoanRequest.objects.filter(exhibition=exhibition).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": "START-1"}, "end", "La fin du prêt ne peut pas précéder son début."),
        (
            {"start": "PAST", "end": "TODAY"},
            "start",
            "Le prêt ne peut pas commencer dans le passé.",
        ),
        ({"end": "TOO_LONG"}, "end", f"Un prêt dure au plus {LOAN_MAX_DAYS} jours."),
        ({"start": "FAR", "end": "FAR"}, "start", f"au plus {LOAN_BOOKING_HORIZON_DAYS} jours"),
        ({"start": "2026-02-31"}, "start", "Saisissez une date valide."),
        ({"end": "demain"}, "end", "Saisissez une date valide."),
        ({"start": "99999-01-01"}, "start", "Saisissez une date valide."),
        ({"start": ""}, "start", "Champ requis."),
        ({"start": ["2030-01-01", "x"]}, None, None),
    ],
)
def test_bad_dates_are_reported_never_a_server_error(client, exhibition, changes, field, message):
    values = {
        "START-1": day(9).isoformat(),
        "PAST": day(-1).isoformat(),
        "TODAY": today().isoformat(),
        "TOO_LONG": day(10 + LOAN_MAX_DAYS).isoformat(),
        "FAR": day(LOAN_BOOKING_HORIZON_DAYS + 1).isoformat(),
    }
    data = valid_data()
    data.update(
        {
            name: values.get(value, value) if isinstance(value, str) else value
            for name, value in changes.items()
        }
    )
    response = client.post(url_of(exhibition), data)
    assert response.status_code == 200
    if field:
        assert message in " ".join(response.context["form"].errors[field])
    assert LoanRequest.objects.count() == 0 and FormSubmission.objects.count() == 0


def test_the_longest_loan_is_accepted(client, exhibition):
    client.post(url_of(exhibition), valid_data(day(1), day(LOAN_MAX_DAYS)))
    assert LoanRequest.objects.get().end == day(LOAN_MAX_DAYS)


def test_hostile_text_is_kept_as_text_and_escaped(client, exhibition):
    hostile = "<script>alert('x')</script> =cmd|' /C calc'!A0"
    client.post(url_of(exhibition), valid_data(organisation=hostile, message=hostile))
    assert LoanRequest.objects.get().organisation == hostile
    # Shown again with an error, the text is escaped and kept in the fields.
    response = client.post(url_of(exhibition), valid_data(organisation=hostile, email="bad"))
    content = response.content.decode()
    assert "<script>alert('x')</script>" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_very_long_text_is_refused_and_what_was_typed_is_kept(client, exhibition):
    long_message = "Europe " * 1000
    response = client.post(url_of(exhibition), valid_data(message=long_message))
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert response.context["form"]["organisation"].value() == "Collège Jules-Verne (fictif)"
    assert LoanRequest.objects.count() == 0


def test_robots_are_refused(client, exhibition):
    response = client.post(url_of(exhibition), valid_data(**{HONEYPOT_FIELD: "http://spam"}))
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(url_of(exhibition), valid_data(**{TIMESTAMP_FIELD: "forged"}))
    assert response.context["form"].errors
    assert LoanRequest.objects.count() == 0 and mail.outbox == []


def test_requests_are_rate_limited_per_address_in_the_database(
    client, exhibition, catalogue, settings
):
    settings.FORM_RATE_LIMIT = 2
    other = add_exhibition(catalogue, "Autre exposition", "autre-exposition")
    assert "form_submission" in client.post(url_of(exhibition), valid_data(day(3), day(4))).context
    assert "form_submission" in client.post(url_of(other), valid_data(day(3), day(4))).context
    # One limit for the whole catalogue, whichever exhibition is asked for.
    response = client.post(url_of(exhibition), valid_data(day(30), day(31)))
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert LoanRequest.objects.count() == 2


def test_the_form_needs_its_csrf_token(exhibition):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(url_of(exhibition), valid_data()).status_code == 403
    assert LoanRequest.objects.count() == 0


# --- What visitors see ------------------------------------------------------------------------


def test_the_seeded_catalogue_is_empty_and_says_so(client):
    fr = client.get(CATALOGUE_FR)
    en = client.get(CATALOGUE_EN)
    assert fr.status_code == en.status_code == 200
    assert "Le catalogue des expositions est en préparation" in fr.content.decode()
    assert "The catalogue of exhibitions is being prepared" in en.content.decode()
    assert "s-maxage" in fr["Cache-Control"]


def test_confirming_a_loan_shows_its_dates_at_once_without_who_borrows(
    client, exhibition, purged, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from clermont_intl.caching import fragments

    page_url = url_of(exhibition)
    assert "Disponible dès maintenant" in client.get(CATALOGUE_FR).content.decode()
    assert "Disponible dès maintenant" in client.get(page_url).content.decode()
    client.post(page_url, valid_data(today(), day(6)))
    loan = LoanRequest.objects.get()
    version = fragments.current()

    with django_capture_on_commit_callbacks(execute=True):
        loan.status = LoanStatus.CONFIRMED
        loan.save()

    # The core's invalidation, after the commit: a new site version and the proxy purged.
    assert cache.get(fragments.KEY) != version and purged
    with translation.override("fr"):
        from django.utils.formats import date_format

        free = date_format(day(7), "DATE_FORMAT")
        period = f"du {date_format(today(), 'DATE_FORMAT')} au {date_format(day(6), 'DATE_FORMAT')}"
    page = client.get(page_url).content.decode()
    assert "Disponible à partir du" in page and free in page and period in page
    catalogue = client.get(CATALOGUE_FR).content.decode()
    assert "Disponible dès maintenant" not in catalogue and free in catalogue
    for private in ("Collège Jules-Verne", "Camille Martin", "camille@example.org", "04 00 00"):
        assert private not in page and private not in catalogue


def test_the_proxy_keeps_the_availability_no_later_than_midnight(client, exhibition):
    """What is free "today" changes at midnight, Paris time, with nobody publishing: the
    catalogue is kept by the proxy until then at most. The exhibition's page, which carries its
    loan request form and the visitor's CSRF token, is never kept."""
    from unittest import mock

    def shared_max_age(response):
        parts = dict(
            part.strip().split("=") for part in response["Cache-Control"].split(",") if "=" in part
        )
        return int(parts["s-maxage"])

    paris = timezone.get_current_timezone()
    almost_midnight = timezone.make_aware(datetime(2031, 3, 3, 23, 59, 30), paris)
    with mock.patch("django.utils.timezone.now", return_value=almost_midnight):
        assert 0 < shared_max_age(client.get(CATALOGUE_FR)) <= 30
    noon = almost_midnight.replace(hour=12)
    with mock.patch("django.utils.timezone.now", return_value=noon):
        assert shared_max_age(client.get(CATALOGUE_FR)) > 30
        page = client.get(url_of(exhibition))
        assert "private" in page["Cache-Control"] and "s-maxage" not in page["Cache-Control"]


def test_only_loans_that_show_renew_the_cache(
    client, exhibition, django_capture_on_commit_callbacks
):
    """A visitor's request (and an editor refusing it) changes nothing a visitor sees: the
    site's cache is kept. Confirming, editing a confirmed loan and undoing it renew it."""
    from clermont_intl.caching import fragments

    def renews(change):
        before = fragments.current()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return fragments.current() != before

    def set_status(status):
        loan = LoanRequest.objects.get()
        loan.status = status
        loan.save()

    def request_a_loan():
        response = client.post(url_of(exhibition), valid_data(day(10), day(12)))
        assert response.status_code == 200

    assert not renews(request_a_loan), "a visitor's request renewed the whole site's cache"
    assert not renews(lambda: set_status(LoanStatus.REFUSED))
    assert renews(lambda: set_status(LoanStatus.CONFIRMED))
    loan = LoanRequest.objects.get()
    assert renews(lambda: setattr(loan, "end", day(13)) or loan.save())  # a confirmed loan
    assert renews(lambda: set_status(LoanStatus.REFUSED))  # undone
    assert not renews(lambda: LoanRequest.objects.get().delete())  # refused: it showed nothing


def test_past_loans_are_not_listed(client, exhibition):
    add_loan(exhibition, day(-20), day(-10))
    add_loan(exhibition, day(30), day(40))
    content = client.get(url_of(exhibition)).content.decode()
    with translation.override("fr"):
        from django.utils.formats import date_format

        assert date_format(day(-20), "DATE_FORMAT") not in content
        assert date_format(day(30), "DATE_FORMAT") in content
    assert "Disponible dès maintenant" in content


def test_exhibition_page_in_english(client, exhibition):
    add_loan(exhibition, today(), day(3))
    response = client.get(url_of(exhibition, "en"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Europe in 20 panels" in content and "Roll-up banners" in content
    assert "Available from" in content and "Already booked" in content
    # The languages were written in French only: shown in French, marked as such.
    assert '<dd lang="fr">Français, anglais</dd>' in content


# --- The editors' answer ------------------------------------------------------------------------


def test_model_validation_refuses_to_confirm_over_another_confirmed_loan(exhibition):
    add_loan(exhibition, day(10), day(20))
    loan = add_loan(exhibition, day(20), day(25), status=LoanStatus.REQUESTED)
    loan.status = LoanStatus.CONFIRMED
    with pytest.raises(ValidationError) as refused:
        loan.full_clean()
    assert "status" in refused.value.message_dict
    loan.start, loan.end = day(21), day(25)
    loan.full_clean()  # adjacent: fine


def test_editors_confirm_and_refuse_in_the_admin(client, exhibition, communication):
    first = add_loan(exhibition, day(10), day(20), status=LoanStatus.REQUESTED)
    overlapping = add_loan(exhibition, day(15), day(25), status=LoanStatus.REQUESTED)
    client.force_login(communication)

    index = client.get(reverse("loan_requests:index"))
    assert index.status_code == 200
    assert "L&#x27;Europe en 20 panneaux" in index.content.decode()
    assert client.get(reverse("loan_requests:index"), {"status": "requested"}).status_code == 200
    filtered = client.get(reverse("loan_requests:index"), {"exhibition": exhibition.pk})
    assert filtered.status_code == 200

    edit_first = reverse("loan_requests:edit", args=[first.pk])
    response = client.post(
        edit_first, form_data(client.get(edit_first), form_id=None, status="confirmed")
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == LoanStatus.CONFIRMED

    edit_other = reverse("loan_requests:edit", args=[overlapping.pk])
    response = client.post(
        edit_other, form_data(client.get(edit_other), form_id=None, status="confirmed")
    )
    assert response.status_code == 200
    assert "ne peut pas être confirmé" in response.content.decode()
    overlapping.refresh_from_db()
    assert overlapping.status == LoanStatus.REQUESTED

    response = client.post(
        edit_other,
        form_data(
            client.get(edit_other),
            form_id=None,
            status="refused",
            refusal_reason="L'exposition est déjà prêtée à ces dates.",
        ),
    )
    assert response.status_code == 302
    overlapping.refresh_from_db()
    assert overlapping.status == LoanStatus.REFUSED
    # The dates are not editable here: the request is answered as it was made.
    overlapping.refresh_from_db()
    assert (overlapping.start, overlapping.end) == (day(15), day(25))


def test_the_admin_shows_the_requester_to_editors_only(client, exhibition, django_user_model):
    from django.contrib.auth.models import Group

    client.post(url_of(exhibition), valid_data())
    loan = LoanRequest.objects.get()
    translator = django_user_model.objects.create_user("traduction", "t@example.org", "pw-x-1234")
    translator.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    client.force_login(translator)
    edit = reverse("loan_requests:edit", args=[loan.pk])
    assert client.get(edit).status_code in (302, 403)
    assert client.get(reverse("loan_requests:index")).status_code in (302, 403)


def test_the_edit_view_shows_who_asks(client, exhibition, communication):
    client.post(url_of(exhibition), valid_data())
    loan = LoanRequest.objects.get()
    client.force_login(communication)
    content = client.get(reverse("loan_requests:edit", args=[loan.pk])).content.decode()
    assert "Collège Jules-Verne (fictif)" in content and "camille@example.org" in content
    assert loan.submission.follow_up.reference in content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints: PostgreSQL")
def test_postgresql_refuses_overlapping_confirmed_loans(exhibition):
    add_loan(exhibition, day(10), day(20))
    add_loan(exhibition, day(15), day(16), status=LoanStatus.REQUESTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_loan(exhibition, day(20), day(22))
    add_loan(exhibition, day(21), day(22))


# --- Personal data -----------------------------------------------------------------------------


def test_purge_deletes_the_requester_and_keeps_the_dates(client, exhibition):
    client.post(url_of(exhibition), valid_data())
    loan = LoanRequest.objects.get()
    loan.status = LoanStatus.CONFIRMED
    loan.save()
    FormSubmission.objects.update(submit_time=timezone.now() - timedelta(days=400))

    call_command("purge_personal_data")

    loan.refresh_from_db()
    assert loan.submission is None and loan.organisation == "" and loan.email == ""
    assert (loan.start, loan.end, loan.status) == (day(10), day(20), LoanStatus.CONFIRMED)


# --- Editors make exhibitions in the admin -----------------------------------------------------


def test_a_communication_editor_creates_an_exhibition_in_french_and_english(
    client, catalogue, communication
):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from clermont_intl.models import Theme

    image = get_image_model().objects.create(title="Panneaux", file=get_test_image_file())
    theme = Theme.objects.first()
    client.force_login(communication)
    add_url = reverse("wagtailadmin_pages:add", args=("cied", "exhibitionpage", catalogue.pk))
    assert client.get(add_url).status_code == 200
    data = nested_form_data(
        {
            "title_fr": "Les institutions européennes",
            "title_en": "The European institutions",
            "slug_fr": "institutions-europeennes",
            "slug_en": "european-institutions",
            "intro_fr": "Qui décide quoi dans l'Union.",
            "intro_en": "Who decides what in the Union.",
            "body_fr": streamfield([("paragraph", rich_text("<p>Quinze panneaux.</p>"))]),
            "body_en": streamfield([("paragraph", rich_text("<p>Fifteen panels.</p>"))]),
            "gallery_images": inline_formset(
                [
                    {
                        "image": image.pk,
                        "alt_text_fr": "Le Parlement européen sur un panneau",
                        "alt_text_en": "The European Parliament on a panel",
                        "caption_fr": "",
                        "caption_en": "",
                    }
                ]
            ),
            "panel_count": "15",
            "audience": "schools",
            "dimensions_fr": "Kakémonos, 85 × 200 cm",
            "dimensions_en": "Roll-up banners, 85 × 200 cm",
            "languages_fr": "Français",
            "languages_en": "French",
            "themes": (theme.pk,) if theme else (),
            "action-publish": "publish",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = ExhibitionPage.objects.get(slug_fr="institutions-europeennes")
    # Editors publish directly or submit to moderation: the content is saved either way.
    revision = page.get_latest_revision_as_object()
    assert revision.dimensions_en == "Roll-up banners, 85 × 200 cm"
    assert revision.gallery_images.get().alt_text_en == "The European Parliament on a panel"
    revision.save_revision().publish()
    fr = client.get(url_of(page, "fr")).content.decode()
    en = client.get(url_of(page, "en")).content.decode()
    assert "Kakémonos" in fr and 'alt="Le Parlement européen sur un panneau"' in fr
    assert "Roll-up banners" in en and 'alt="The European Parliament on a panel"' in en


# --- The centre's answer, e-mailed in the language of the request ------------------------------

REASON_FR = "L'exposition part en restauration ce mois-là."
REASON_EN = "The exhibition is being repaired that month."


def request_loan(client, exhibition, language, **data):
    with translation.override(language):
        response = client.post(url_of(exhibition, language), valid_data(**data))
    assert response.status_code == 200
    return LoanRequest.objects.latest("pk")


def answer(client, loan, **changes):
    """The editor's post of the loan's edit form, as the admin renders it (in French)."""
    url = reverse("loan_requests:edit", args=[loan.pk])
    return client.post(url, form_data(client.get(url), form_id=None, **changes))


def test_the_language_of_the_public_form_is_stored(client, exhibition):
    assert request_loan(client, exhibition, "en").language == "en"
    assert request_loan(client, exhibition, "fr", start=day(30), end=day(31)).language == "fr"


def test_a_confirmation_is_emailed_in_english_to_an_english_request(
    client, exhibition, communication
):
    loan = request_loan(client, exhibition, "en")
    call_command("send_queued_mail")  # the notification and the acknowledgement
    mail.outbox.clear()
    client.force_login(communication)

    response = answer(client, loan, status="confirmed")
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.CONFIRMED
    # Queued with the answer, sent by the scheduler: nothing leaves during the request.
    assert mail.outbox == [] and QueuedEmail.objects.count() == 1
    messages = client.get(response["Location"]).content.decode()
    assert "camille@example.org" in messages

    call_command("send_queued_mail")
    [message] = mail.outbox
    assert message.to == ["camille@example.org"]
    assert message.from_email == "noreply@clermont-ferrand.fr"
    assert message.subject == "Your loan of the exhibition “Europe in 20 panels” is confirmed"
    start = day(10)
    assert f"from {start.day} {start:%B %Y}" in message.body  # British dates
    assert loan.submission.follow_up.reference in message.body
    assert "confirms the loan" in message.body
    # Sent, then forgotten: the outbox keeps no address.
    assert QueuedEmail.objects.count() == 0


def test_a_refusal_needs_its_reason_and_emails_it_in_french(
    client, exhibition, communication
):
    loan = request_loan(client, exhibition, "fr")
    call_command("send_queued_mail")
    mail.outbox.clear()
    client.force_login(communication)

    response = answer(client, loan, status="refused", refusal_reason="  ")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Indiquez le motif du refus" in content
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REQUESTED and QueuedEmail.objects.count() == 0

    response = answer(client, loan, status="refused", refusal_reason=REASON_FR)
    assert response.status_code == 302
    loan.refresh_from_db()
    assert (loan.status, loan.refusal_reason) == (LoanStatus.REFUSED, REASON_FR)
    call_command("send_queued_mail")
    [message] = mail.outbox
    assert message.to == ["camille@example.org"]
    assert message.subject == (
        "Votre demande de prêt de l'exposition «\u00a0L'Europe en 20 panneaux\u00a0»"
    )
    assert REASON_FR in message.body
    assert "ne peut pas vous prêter" in message.body

    # Correcting the reason afterwards sends nothing more.
    answer(client, loan, refusal_reason=REASON_FR + " Merci de votre compréhension.")
    assert QueuedEmail.objects.count() == 0


def test_a_refusal_of_an_english_request_is_in_english(client, exhibition, communication):
    loan = request_loan(client, exhibition, "en")
    call_command("send_queued_mail")
    mail.outbox.clear()
    client.force_login(communication)
    assert answer(client, loan, status="refused", refusal_reason=REASON_EN).status_code == 302
    call_command("send_queued_mail")
    [message] = mail.outbox
    assert message.subject == "Your request to borrow the exhibition “Europe in 20 panels”"
    assert f"Reason: {REASON_EN}" in message.body


def test_a_conflicting_confirmation_is_refused_in_french_and_nothing_is_lost(
    client, exhibition, communication
):
    add_loan(exhibition, day(12), day(14))
    loan = request_loan(client, exhibition, "fr", start=day(20), end=day(22))
    LoanRequest.objects.filter(pk=loan.pk).update(start=day(10), end=day(20))
    call_command("send_queued_mail")
    mail.outbox.clear()
    client.force_login(communication)

    response = answer(client, loan, status="confirmed", refusal_reason="Brouillon de note")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce prêt ne peut pas être confirmé" in content
    # The form comes back as the editor filled it in.
    assert "Brouillon de note" in content
    assert '<option value="confirmed" selected>' in content
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REQUESTED and loan.refusal_reason == ""
    assert QueuedEmail.objects.count() == 0
    call_command("send_queued_mail")
    assert mail.outbox == []


def test_no_email_once_the_requesters_details_are_purged(client, exhibition, communication):
    loan = request_loan(client, exhibition, "fr")
    loan.submission.delete()
    client.force_login(communication)
    assert answer(client, loan, status="confirmed").status_code == 302
    assert QueuedEmail.objects.count() == 0


def test_the_loans_screen_is_in_french_in_the_french_admin(
    client, exhibition, communication
):
    loan = request_loan(client, exhibition, "en")
    client.force_login(communication)
    index = client.get(reverse("loan_requests:index")).content.decode()
    edit = client.get(reverse("loan_requests:edit", args=[loan.pk])).content.decode()
    english = re.compile(
        r">\s*(Exhibition|Status|Received|Organisation|Requester|Reason for the refusal|"
        r"Language of the request|Loan requests?|English)\s*<",
        re.IGNORECASE,
    )
    assert not english.findall(index)
    assert not english.findall(edit)
    assert "Exposition" in index and "Reçue le" in index
    assert "Motif du refus" in edit and "Langue de la demande" in edit and "Anglais" in edit
