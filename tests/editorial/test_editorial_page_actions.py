"""Copying, moving, scheduling, previewing and reverting keep both languages intact; slugs are
unique per language; images that carry meaning need their text alternative."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from clermont_intl.models import ContentPage
from partners.models import PartnerCityPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return PartnerCityPage.objects.live().order_by("path").first()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# The StreamField editor builds its inputs in the browser; an empty body posts only its count.
EMPTY_BODIES = {"body_fr-count": "0", "body_en-count": "0"}


def edit(client, page, **changes):
    changes = {**EMPTY_BODIES, **changes}
    response = client.post(edit_url(page), form_data(client.get(edit_url(page)), **changes))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def urls_in_both_languages(page):
    with translation.override("fr"):
        fr = page.get_url()
    with translation.override("en"):
        en = page.get_url()
    return fr, en


def test_copy_keeps_both_languages(client, editor, partner):
    client.force_login(editor)
    copy_url = reverse("wagtailadmin_pages:copy", args=[partner.pk])
    data = form_data(
        client.get(copy_url),
        form_id=None,
        new_title_fr="Salford (copie)",
        new_title_en="Salford (copy)",
        new_slug_fr="salford-copie",
        new_slug_en="salford-copy",
        new_parent_page=str(partner.get_parent().pk),
        publish_copies="on",
    )
    assert client.post(copy_url, data).status_code == 302
    copy = PartnerCityPage.objects.get(slug_fr="salford-copie")
    assert (copy.title_fr, copy.title_en, copy.slug_en) == (
        "Salford (copie)",
        "Salford (copy)",
        "salford-copy",
    )
    assert (copy.intro_fr, copy.intro_en) == (partner.intro_fr, partner.intro_en)
    assert (copy.description_fr, copy.description_en) == (
        partner.description_fr,
        partner.description_en,
    )
    fr, en = urls_in_both_languages(copy)
    assert "Salford (copy)" in client.get(en).content.decode()
    assert "Salford (copie)" in client.get(fr).content.decode()


@pytest.fixture
def content_page(site_pages):
    page = ContentPage(
        title_fr="Jumelages scolaires",
        title_en="School twinnings",
        slug_fr="jumelages-scolaires",
        slug_en="school-twinnings",
        intro_fr="Les échanges entre écoles.",
        intro_en="Exchanges between schools.",
    )
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_move_keeps_both_languages_and_their_addresses(client, editor, site_pages, content_page):
    client.force_login(editor)
    destination = site_pages["cied"]
    url = reverse("wagtailadmin_pages:move_confirm", args=[content_page.pk, destination.pk])
    assert client.post(url).status_code == 302
    page = ContentPage.objects.get(pk=content_page.pk)
    assert page.get_parent().pk == destination.pk
    assert (page.title_fr, page.title_en) == ("Jumelages scolaires", "School twinnings")
    fr, en = urls_in_both_languages(page)
    assert fr.endswith("/jumelages-scolaires/") and en.endswith("/school-twinnings/")
    assert "/europe-direct" in fr or destination.slug_fr in fr
    assert "Exchanges between schools." in client.get(en).content.decode()
    assert "Les échanges entre écoles." in client.get(fr).content.decode()


def test_scheduled_publication_keeps_both_languages(client, editor, content_page):
    client.force_login(editor)
    go_live = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    edit(
        client,
        content_page,
        intro_fr="Texte programmé.",
        intro_en="Scheduled text.",
        go_live_at=go_live,
        **{"action-publish": "1"},
    )
    content_page.refresh_from_db()
    assert content_page.intro_fr == "Les échanges entre écoles."
    revision = content_page.scheduled_revision
    assert revision is not None
    # Time passes: the scheduler's command publishes the revision when it is due.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    content_page.refresh_from_db()
    assert (content_page.intro_fr, content_page.intro_en) == ("Texte programmé.", "Scheduled text.")
    fr, en = urls_in_both_languages(content_page)
    assert "Scheduled text." in client.get(en).content.decode()


def test_preview_shows_each_language(client, editor, content_page):
    client.force_login(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[content_page.pk])
    data = form_data(
        client.get(edit_url(content_page)),
        intro_fr="Aperçu en français.",
        intro_en="Preview in English.",
        **EMPTY_BODIES,
    )
    assert client.post(preview_url, data).json()["is_valid"]
    french = client.get(preview_url).content.decode()
    assert "Aperçu en français." in french
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    english = client.get(preview_url).content.decode()
    assert "Preview in English." in english
    # Previewing saves nothing.
    content_page.refresh_from_db()
    assert content_page.get_latest_revision_as_object().intro_en == "Exchanges between schools."


def test_revert_to_an_earlier_revision_restores_both_languages(client, editor, content_page):
    client.force_login(editor)
    first = content_page.get_latest_revision()
    edit(
        client,
        content_page,
        intro_fr="Deuxième version.",
        intro_en="Second version.",
        **{"action-publish": "1"},
    )
    content_page.refresh_from_db()
    assert content_page.intro_en == "Second version."
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[content_page.pk, first.pk])
    reverting = client.get(revert_url)
    assert reverting.status_code == 200
    response = client.post(
        edit_url(content_page),
        form_data(reverting, **EMPTY_BODIES, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    content_page.refresh_from_db()
    assert (content_page.intro_fr, content_page.intro_en) == (
        "Les échanges entre écoles.",
        "Exchanges between schools.",
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_slug_taken_by_a_sibling_is_refused_in_each_language(
    client, editor, site_pages, content_page, language
):
    client.force_login(editor)
    parent = site_pages["mission"]
    add_url = reverse("wagtailadmin_pages:add", args=["clermont_intl", "contentpage", parent.pk])
    slugs = {"fr": "nouvelle-page", "en": "new-page"}
    slugs[language] = content_page.slug_fr if language == "fr" else content_page.slug_en
    data = form_data(
        client.get(add_url),
        title_fr="Nouvelle page",
        title_en="New page",
        slug_fr=slugs["fr"],
        slug_en=slugs["en"],
        **EMPTY_BODIES,
        **{"action-publish": "1"},
    )
    response = client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert f"slug_{language}" in errors, errors
    assert ContentPage.objects.filter(title_fr="Nouvelle page").count() == 0


@pytest.fixture
def image():
    return Image.objects.create(title="Place de Jaude", file=get_test_image_file())


def test_a_gallery_image_without_french_alt_text_is_refused(client, editor, partner, image):
    client.force_login(editor)
    data = form_data(
        client.get(edit_url(partner)),
        **{
            "gallery_images-TOTAL_FORMS": "1",
            "gallery_images-INITIAL_FORMS": "0",
            "gallery_images-0-image": str(image.pk),
            "gallery_images-0-alt_text_fr": "",
            "gallery_images-0-alt_text_en": "",
            "gallery_images-0-caption_fr": "",
            "gallery_images-0-caption_en": "",
            "gallery_images-0-ORDER": "1",
            "action-publish": "1",
        },
    )
    response = client.post(edit_url(partner), data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["gallery_images"]
    assert "alt_text_fr" in formset.forms[0].errors
    assert not partner.gallery_images.filter(image=image).exists()


def test_an_image_block_without_alt_text_or_decorative_tick_is_refused(
    client, editor, content_page, image
):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    client.force_login(editor)
    base = form_data(client.get(edit_url(content_page)), **EMPTY_BODIES, **{"action-publish": "1"})
    body = nested_form_data(
        {"body_fr": streamfield([("image", {"image": image.pk, "alt_text": "", "caption": ""})])}
    )
    base = {key: value for key, value in base.items() if not key.startswith("body_fr")}
    response = client.post(edit_url(content_page), {**base, **body})
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["body_fr"]
    block_error = error.block_errors[0].as_json_data()
    with translation.override("fr"):
        expected = gettext(
            "Give an alternative text (or a description of the image in the library), or mark "
            "the image as decorative."
        )
    assert block_error["blockErrors"]["alt_text"]["messages"] == [expected]
    assert not Page.objects.get(pk=content_page.pk).specific.body_fr
