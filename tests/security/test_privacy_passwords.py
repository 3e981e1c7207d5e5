"""Shared passwords of private pages and documents cannot be guessed (security.privacy).

Editors set them in the admin's privacy dialogs, which refuse a password easy to guess with the
reason under the field; visitors may try a few per address and restriction, after which even the
right password is refused (429, in the visitor's language) until the window has passed.
"""

import json
from datetime import timedelta

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from clermont_intl.security.models import RateEvent
from partners.models import PartnerCityPage

pytestmark = pytest.mark.django_db

PASSWORD = "lac-de-servieres-2026"
VISITOR = "203.0.113.21"
NEIGHBOUR = "198.51.100.22"


def dialog(response):
    """The privacy dialog's HTML and step, from Wagtail's modal answer."""
    assert response.status_code == 200, response.content[:300]
    data = json.loads(response.content)
    return data.get("html") or "", data["step"]


def set_page_privacy(admin, page, password):
    return dialog(
        admin.post(
            reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
            {"restriction_type": "password", "password": password, "groups": []},
        )
    )


@pytest.fixture
def private_page(admin):
    page = PartnerCityPage.objects.get(slug_fr="braga")
    _html, step = set_page_privacy(admin, page, PASSWORD)
    assert step == "set_privacy_done"
    return page


def try_page_password(page, password, address, language="fr"):
    restriction = PageViewRestriction.objects.get(page=page)
    with_language = f"/{language}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    assert with_language.endswith(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])[3:]
    )
    return Client().post(
        with_language, {"password": password, "return_url": page.url}, REMOTE_ADDR=address
    )


# --- Editors: a password that resists guessing ---------------------------------------------------


@pytest.mark.parametrize("weak", ["1", "123456789012", "password123"])
def test_the_page_privacy_dialog_refuses_a_password_easy_to_guess(admin, weak):
    page = PartnerCityPage.objects.get(slug_fr="braga")
    html, step = set_page_privacy(admin, page, weak)
    assert step == "set_privacy"  # the dialog stays open, with the reason under the field
    assert "error-message" in html or "w-field__errors" in html
    if weak == "1":
        assert "Ce mot de passe est trop court" in html
        assert "10 caractères" in html
    assert not PageViewRestriction.objects.filter(page=page).exists()
    # The dialog says what is expected before anyone gets it wrong.
    form = dialog(admin.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk])))[0]
    assert "Au moins 10 caractères, pas un mot de passe courant" in form


def test_the_collection_privacy_dialog_refuses_a_short_password(admin):
    collection = Collection.get_first_root_node().add_child(name="Conventions")
    url = reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])
    html, step = dialog(
        admin.post(url, {"restriction_type": "password", "password": "1", "groups": []})
    )
    assert step == "set_privacy"
    assert "Ce mot de passe est trop court" in html
    assert not CollectionViewRestriction.objects.filter(collection=collection).exists()
    _html, step = dialog(
        admin.post(url, {"restriction_type": "password", "password": PASSWORD, "groups": []})
    )
    assert step == "set_privacy_done"
    assert CollectionViewRestriction.objects.get(collection=collection).password == PASSWORD


def test_other_kinds_of_privacy_need_no_password(admin):
    page = PartnerCityPage.objects.get(slug_fr="braga")
    _html, step = dialog(
        admin.post(
            reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
            {"restriction_type": "login", "password": "", "groups": []},
        )
    )
    assert step == "set_privacy_done"
    assert PageViewRestriction.objects.get(page=page).restriction_type == "login"


# --- Visitors: a few tries per address --------------------------------------------------------


def test_after_ten_wrong_passwords_even_the_right_one_is_refused(private_page):
    statuses = [
        try_page_password(private_page, f"essai-{i}", VISITOR).status_code for i in range(30)
    ]
    assert statuses == [200] * 10 + [429] * 20
    refused = try_page_password(private_page, PASSWORD, VISITOR)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Trop de mots de passe essayés" in text
    assert "pas même le bon" in text
    assert "Veuillez réessayer dans 15 minutes" in text
    assert 'class="site-footer"' in text  # the site's own page
    english = try_page_password(private_page, PASSWORD, VISITOR, language="en")
    assert english.status_code == 429
    assert "not even the right one" in english.content.decode()
    assert "Please try again in 15 minutes" in english.content.decode()
    # The table holds no more than the limit's rows for this visitor, whatever they send.
    assert RateEvent.objects.filter(key=VISITOR).count() == 10


def test_another_address_still_enters_with_the_right_password(private_page):
    for i in range(11):
        try_page_password(private_page, f"essai-{i}", VISITOR)
    visitor = Client()
    restriction = PageViewRestriction.objects.get(page=private_page)
    entered = visitor.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, private_page.pk]),
        {"password": PASSWORD, "return_url": private_page.url},
        REMOTE_ADDR=NEIGHBOUR,
    )
    assert entered.status_code == 302
    page = visitor.get(private_page.url, REMOTE_ADDR=NEIGHBOUR)
    assert page.status_code == 200 and "Braga" in page.content.decode()


def test_the_right_password_is_accepted_once_the_window_has_passed(private_page):
    for i in range(10):
        try_page_password(private_page, f"essai-{i}", VISITOR)
    assert try_page_password(private_page, PASSWORD, VISITOR).status_code == 429
    RateEvent.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    assert try_page_password(private_page, PASSWORD, VISITOR).status_code == 302


def test_a_private_documents_password_is_limited_too(admin, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    collection = Collection.get_first_root_node().add_child(name="Conventions")
    dialog(
        admin.post(
            reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
            {"restriction_type": "password", "password": PASSWORD, "groups": []},
        )
    )
    document = get_document_model().objects.create(
        title="Convention Regensburg",
        collection=collection,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="convention.pdf"),
    )
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    visitor = Client()
    assert 'name="password"' in visitor.get(document.url).content.decode()

    def attempt(password, **extra):
        data = {"password": password, "return_url": document.url}
        return visitor.post(url, data, REMOTE_ADDR=VISITOR, **extra)

    assert [attempt(f"essai-{i}").status_code for i in range(12)] == [200] * 10 + [429] * 2
    refused = attempt(PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "passwords tried for this document" in refused.content.decode()
    assert visitor.get(document.url).status_code == 200  # still the password form
    assert "convention.pdf" not in visitor.get(document.url).get("Content-Disposition", "")


@pytest.mark.parametrize(
    "path", ["/admin/pages/{page}/privacy/", "/admin/collections/{collection}/privacy/"]
)
def test_the_privacy_dialogs_are_behind_the_admin_login(client, path):
    page = PartnerCityPage.objects.get(slug_fr="braga")
    url = path.format(page=page.pk, collection=Collection.get_first_root_node().pk)
    for response in (client.get(url), client.post(url, {"restriction_type": "password"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
