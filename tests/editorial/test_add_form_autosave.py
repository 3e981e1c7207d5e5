"""Wagtail's autosave on an add form would create the page while the form is half filled: the
editor's script does not send it (static/js/admin/add-form-autosave.js, tested in Chromium by
tests/browser/test_admin_dates_in_browser.py), and the server refuses it. Once the page exists,
autosave saves its drafts as Wagtail made it."""

from django.urls import reverse

from cied.models import EventPage
from tests.admin_forms import form_data

HALF_FILLED = {"title_fr": "Hakodate", "slug_fr": "hakodate", "body_fr-count": "0"}


def add_url(site_pages):
    return reverse("wagtailadmin_pages:add", args=["cied", "eventpage", site_pages["events"].pk])


def autosave(client, url, data):
    """What the w-autosave controller sends: the form, asking for JSON."""
    return client.post(url, data, HTTP_ACCEPT="application/json")


def test_an_autosave_of_a_half_filled_add_form_creates_no_page(admin, site_pages):
    url = add_url(site_pages)
    data = form_data(admin.get(url), **HALF_FILLED, **{"body_en-count": "0"})
    response = autosave(admin, url, data)
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert "Enregistrer le brouillon" in response.json()["error_message"]
    assert not EventPage.objects.filter(slug_fr="hakodate").exists()

    # Starting again, and saving: the slug is free.
    data = form_data(
        admin.get(url),
        **HALF_FILLED,
        **{"body_en-count": "0"},
        intro_fr="Une délégation.",
        kind="talk",
        start="15/01/2027 18:30",
        end="15/01/2027 20:00",
    )
    response = admin.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    event = EventPage.objects.get(slug_fr="hakodate")

    # On the edit form, autosave keeps working: a draft revision, the page not published.
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    data = form_data(admin.get(edit), intro_fr="Autosauvegardé.", **{"body_fr-count": "0"})
    data["body_en-count"] = ["0"]
    response = autosave(admin, edit, data)
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    event.refresh_from_db()
    assert event.get_latest_revision_as_object().intro_fr == "Autosauvegardé."
    assert not event.live
