"""One path after every change a visitor could see: a new generation for the application's
cache, and, once committed, a purge of the whole site from the caching proxy
(clermont_intl.caching.invalidation). Each change is made through the admin's own views."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from clermont_intl.caching.generation import generation, request_state
from clermont_intl.models import Theme
from partners.models import PartnerCityPage
from projects.models import Programme
from tests.admin_forms import form_data

SITE_ROOT = "http://localhost/"


def current_generation():
    request_state().clear()
    return generation()


@pytest.fixture
def admin(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def salford(db):
    return PartnerCityPage.objects.get(slug_fr="salford")


def publish_in_admin(admin, page, **changes):
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin.get(edit), **changes)
    data["action-publish"] = ["action-publish"]
    response = admin.post(edit, data)
    assert response.status_code == 302, response.content[:500]


def unpublish_in_admin(admin, page):
    response = admin.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302


def delete_in_admin(admin, page):
    response = admin.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302


def move_in_admin(admin, page):
    """Dragged to the end of its index's list (the explorer's reordering is a move)."""
    last = page.get_siblings().count() - 1
    response = admin.post(
        reverse("wagtailadmin_pages:set_page_position", args=[page.pk]) + f"?position={last}"
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.get_next_sibling() is None


def restrict_in_admin(admin, page):
    response = admin.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": PageViewRestriction.LOGIN, "password": "", "groups": []},
    )
    assert response.status_code == 200


def edit_contact_details(admin):
    url = reverse("wagtailsettings:edit", args=["clermont_intl", "contactsettings"])
    edit = admin.get(url)
    edit = admin.get(edit["Location"]) if edit.status_code == 302 else edit
    form = edit.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["service_name_fr"] = "Bureau des jumelages"
    assert admin.post(edit.wsgi_request.path, data).status_code == 302


def edit_snippet(model, field):
    def edit(admin):
        item = model.objects.first()
        url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit",
                      args=[item.pk])  # fmt: skip
        data = form_data(admin.get(url), form_id=None, **{field: "Nouveau nom"})
        assert admin.post(url, data).status_code == 302

    return edit


def upload_image(admin):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    response = admin.post(
        reverse("wagtailimages:add"),
        {"title": "Place de Jaude", "file": SimpleUploadedFile("jaude.png", buffer.getvalue()),
         "collection": "1"},  # fmt: skip
    )
    assert response.status_code == 302, response.content[:500]


def upload_document(admin):
    response = admin.post(
        reverse("wagtaildocs:add"),
        {"title": "Programme", "file": SimpleUploadedFile("programme.txt", b"Ordre du jour"),
         "collection": "1"},  # fmt: skip
    )
    assert response.status_code == 302, response.content[:500]


CHANGES = {
    "publish": lambda admin, page: publish_in_admin(admin, page, title_fr="Salford (G.-M.)"),
    "unpublish": unpublish_in_admin,
    "delete": delete_in_admin,
    "move": move_in_admin,
    "view restriction": restrict_in_admin,
    "contact details": lambda admin, page: edit_contact_details(admin),
    "theme": lambda admin, page: edit_snippet(Theme, "name_fr")(admin),
    "programme": lambda admin, page: edit_snippet(Programme, "name_fr")(admin),
    "image": lambda admin, page: upload_image(admin),
    "document": lambda admin, page: upload_document(admin),
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_renews_the_generation_and_purges_the_site_at_commit(
    change, admin, salford, purged, django_capture_on_commit_callbacks
):
    page = salford
    before = current_generation()
    purged.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CHANGES[change](admin, page)

    assert current_generation() != before, change
    assert purged == [], "the proxy is told only once the change is committed"
    for callback in callbacks:
        callback()
    # Once per change, whatever the number of rows it wrote.
    assert purged == [SITE_ROOT], change


@pytest.mark.django_db
def test_a_draft_saved_by_an_editor_changes_nothing_visitors_see(admin, salford, purged):
    before = current_generation()
    edit = reverse("wagtailadmin_pages:edit", args=[salford.pk])
    data = form_data(admin.get(edit), title_fr="Salford (brouillon)")
    assert admin.post(edit, data).status_code == 302
    salford.refresh_from_db()
    assert salford.has_unpublished_changes
    assert current_generation() == before
    assert purged == []


@pytest.mark.django_db
def test_a_change_rolled_back_leaves_no_new_generation_and_no_purge(
    salford, purged, django_capture_on_commit_callbacks
):
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            salford.title_fr = "Salford (annulé)"
            salford.save_revision().publish()
            raise RuntimeError("the editor's request failed")
    assert current_generation() == before
    assert callbacks == [] and purged == []


@pytest.mark.django_db
def test_nothing_is_sent_without_a_proxy(
    settings, salford, purged, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True):
        salford.save_revision().publish()
    assert purged == []


@pytest.mark.django_db
def test_submissions_and_revisions_are_no_change_for_visitors(site_pages, purged):
    """Rows that no public page shows do not empty the caches (a citizen's form, a draft)."""
    from wagtail.contrib.forms.models import FormSubmission

    before = current_generation()
    FormSubmission.objects.create(page=site_pages["support_form"], form_data={"a": "b"})
    Page.objects.get(pk=site_pages["mission"].pk).specific.save_revision()
    assert current_generation() == before


@pytest.mark.django_db
def test_pages_that_change_with_the_clock_tell_the_proxy_how_long_they_hold(client, site_pages):
    """Which events are upcoming changes when one ends, which calls are open when one closes,
    with no publish to purge them."""
    from django.conf import settings

    for page in ("cied", "events", "mission", "projects"):
        response = client.get(site_pages[page].url)
        assert f"s-maxage={settings.EVENTS_CACHE_SECONDS}" in response["Cache-Control"], page
    calendar = client.get(site_pages["events"].url + "calendar/")
    assert "s-maxage" in calendar["Cache-Control"]
    # Other pages are kept until purged.
    assert "s-maxage" not in client.get(site_pages["partners"].url).get("Cache-Control", "")
