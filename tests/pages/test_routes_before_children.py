"""A routable page's own addresses (feeds, data files) come before its children's.

An event called "calendar" under the agenda would otherwise take the place of the agenda's
calendar feed (/agenda/calendar/), a partner called "open-data" that of the open data. The
admin refuses such an address with a clear message, in either language; a page that has one
all the same (made before this rule) never hides the route.
"""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from cied.models import EventPage
from partners.models import PartnerCityPage
from tests.factories import add_event

pytestmark = pytest.mark.django_db


def event_form(slug_fr, slug_en):
    return nested_form_data(
        {
            "title_fr": "Rencontre",
            "title_en": "Meeting",
            "slug_fr": slug_fr,
            "slug_en": slug_en,
            "kind": "talk",
            "audience": "everyone",
            "start": "2099-05-09 10:00",
            "end": "2099-05-09 12:00",
            "place_fr": "Hôtel de ville",
            "body_fr": streamfield([]),
            "body_en": streamfield([]),
            "action-publish": "action-publish",
        }
    )


@pytest.mark.parametrize(
    ("slug_fr", "slug_en", "refused"),
    [
        ("calendar", "meeting", "slug_fr"),
        ("rencontre", "rss", "slug_en"),
        ("atom", "meeting", "slug_fr"),
    ],
)
def test_the_admin_refuses_an_event_named_after_a_feed_of_the_agenda(
    client, editor, site_pages, slug_fr, slug_en, refused
):
    client.force_login(editor)
    agenda = site_pages["events"]
    add = reverse("wagtailadmin_pages:add", args=["cied", "eventpage", agenda.pk])

    response = client.post(add, event_form(slug_fr, slug_en))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert refused in errors, errors
    assert "feed or a data file" in str(errors[refused]) or "flux" in str(errors[refused])
    assert not EventPage.objects.filter(title_fr="Rencontre").exists()
    # The same event with another address is accepted.
    assert client.post(add, event_form("rencontre", "meeting")).status_code == 302


def test_the_admin_refuses_a_partner_renamed_open_data(client, editor, site_pages):
    from tests.admin_forms import form_data

    client.force_login(editor)
    salford = PartnerCityPage.objects.get(slug_fr="salford")
    edit = reverse("wagtailadmin_pages:edit", args=[salford.pk])

    response = client.post(edit, form_data(client.get(edit), slug_fr="open-data"))

    assert response.status_code == 200
    assert "slug_fr" in response.context["form"].errors
    salford.refresh_from_db()
    assert salford.slug_fr == "salford"


def test_pages_made_in_code_are_refused_too(site_pages):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        add_event(site_pages["events"], "Calendar", 3)
    assert "slug_fr" in error.value.message_dict


def test_an_existing_child_with_a_route_address_never_hides_the_route(client, site_pages):
    """Made before the rule (rows written directly): the feed still answers at its address."""
    event = add_event(site_pages["events"], "Ancienne rencontre", 3)
    event.save_revision().publish()
    agenda_path = site_pages["events"].url_path_fr
    Page.objects.filter(pk=event.pk).update(
        slug_fr="calendar", url_path_fr=agenda_path + "calendar/"
    )
    response = client.get(site_pages["events"].url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
