"""An image's description, typed once per language in the library, is the alternative text
wherever an editor chooses the image and leaves the page's own alternative text empty: in the
page's language, else in French marked with lang="fr" (RGAA 8.7)."""

import re

from django.urls import reverse
from django.utils import translation

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from clermont_intl.editorial.constants import TRANSLATORS_GROUP
from clermont_intl.images.models import ImageDescription
from clermont_intl.models import ContentPage, MissionPage
from partners.models import PartnerCityPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

JAUDE_FR = "La place de Jaude et la statue de Vercingétorix"
JAUDE_EN = "Place de Jaude and the statue of Vercingetorix"


@pytest.fixture
def image():
    return Image.objects.create(title="jaude.jpg", file=get_test_image_file())


def describe(client, image, fr, en):
    """Types the descriptions in the library's image form, as an editor does."""
    url = reverse("wagtailimages:edit", args=[image.pk])
    data = {"title": image.title, "collection": image.collection_id, "tags": "",
            "description": fr, "description_en": en}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()


def alts(html):
    """(alt, lang or None) of each image of the page's main content."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    found = []
    for tag in re.findall(r"<img\b[^>]*>", main):
        alt = re.search(r'\balt="([^"]*)"', tag)
        lang = re.search(r'\blang="([^"]*)"', tag)
        found.append((alt and alt.group(1), lang and lang.group(1)))
    return found


def render(client, page, language):
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_library_form_takes_a_description_per_language(client, communication, image):
    client.force_login(communication)
    page = client.get(reverse("wagtailimages:edit", args=[image.pk])).content.decode()
    assert 'name="description_en"' in page
    assert "Description [fr]" in page and "Description [en]" in page

    describe(client, image, JAUDE_FR, JAUDE_EN)
    assert image.description == JAUDE_FR
    assert ImageDescription.objects.get(image=image, language="en").description == JAUDE_EN

    describe(client, image, JAUDE_FR, "")
    assert not ImageDescription.objects.filter(image=image).exists()


def test_an_image_block_left_empty_shows_the_description_in_the_page_language(
    client, communication, image
):
    client.force_login(communication)
    describe(client, image, JAUDE_FR, JAUDE_EN)
    mission = MissionPage.objects.get()
    block = {"image": image.pk, "alt_text": "", "decorative": False, "caption": ""}
    data = nested_form_data(
        {
            "title_fr": "Place de Jaude",
            "title_en": "Place de Jaude square",
            "slug_fr": "place-de-jaude",
            "slug_en": "place-de-jaude-square",
            "intro_fr": "La place centrale.",
            "intro_en": "The central square.",
            "body_fr": streamfield([("image", block)]),
            "body_en": streamfield([("image", block)]),
            "action-publish": "1",
        }
    )
    add_url = reverse("wagtailadmin_pages:add", args=["clermont_intl", "contentpage", mission.pk])
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = ContentPage.objects.get(slug_fr="place-de-jaude")
    assert page.live
    # The block keeps its empty alternative text: the description is read at rendering.
    assert page.body_fr[0].value["alt_text"] == ""

    assert alts(render(client, page, "fr")) == [(JAUDE_FR, None)]
    assert alts(render(client, page, "en")) == [(JAUDE_EN, None)]

    # Without an English description, the English page says the French one, marked as French.
    describe(client, image, JAUDE_FR, "")
    assert alts(render(client, page, "en")) == [(JAUDE_FR, "fr")]


def test_an_alternative_text_typed_in_the_block_wins(client, communication, image):
    client.force_login(communication)
    describe(client, image, JAUDE_FR, JAUDE_EN)
    page = MissionPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    typed = {"image": image.pk, "alt_text": "Le marché de la place", "caption": ""}
    body = nested_form_data({"body_fr": streamfield([("image", typed)])})
    base = form_data(client.get(edit_url), **{"body_en-count": "0", "action-publish": "1"})
    base = {key: value for key, value in base.items() if not key.startswith("body_fr")}
    response = client.post(edit_url, {**base, **body})
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert (JAUDE_FR, None) not in alts(render(client, page, "fr"))
    assert ("Le marché de la place", None) in alts(render(client, page, "fr"))
    # The English body is empty: the French body stands in (lang="fr" on its container), and
    # its image keeps the French text typed in it, without a lang of its own.
    assert ("Le marché de la place", None) in alts(render(client, page, "en"))


def test_an_image_without_description_or_alternative_text_is_still_refused(
    client, communication, image
):
    client.force_login(communication)
    page = MissionPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    block = {"image": image.pk, "alt_text": "", "caption": ""}
    body = nested_form_data({"body_fr": streamfield([("image", block)])})
    base = form_data(client.get(edit_url), **{"body_en-count": "0", "action-publish": "1"})
    base = {key: value for key, value in base.items() if not key.startswith("body_fr")}
    response = client.post(edit_url, {**base, **body})
    assert response.status_code == 200
    assert "body_fr" in response.context["form"].errors


def gallery(image, alt_fr="", alt_en=""):
    return {
        "gallery_images-TOTAL_FORMS": "1",
        "gallery_images-INITIAL_FORMS": "0",
        "gallery_images-0-image": str(image.pk),
        "gallery_images-0-alt_text_fr": alt_fr,
        "gallery_images-0-alt_text_en": alt_en,
        "gallery_images-0-caption_fr": "",
        "gallery_images-0-caption_en": "",
        "gallery_images-0-ORDER": "1",
        "action-publish": "1",
    }


def test_a_gallery_image_left_empty_shows_the_description(client, communication, image):
    client.force_login(communication)
    partner = PartnerCityPage.objects.live().order_by("path").first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[partner.pk])

    # Neither a French alternative text nor a French description: refused.
    response = client.post(edit_url, form_data(client.get(edit_url), **gallery(image)))
    assert response.status_code == 200
    formset = response.context["form"].formsets["gallery_images"]
    assert "alt_text_fr" in formset.forms[0].errors

    describe(client, image, JAUDE_FR, "")
    data = form_data(client.get(edit_url), **gallery(image))
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert not partner.gallery_images.get().alt_text_fr

    assert alts(render(client, partner, "fr"))[0] == (JAUDE_FR, None)
    assert alts(render(client, partner, "en"))[0] == (JAUDE_FR, "fr")

    describe(client, image, JAUDE_FR, JAUDE_EN)
    assert alts(render(client, partner, "en"))[0] == (JAUDE_EN, None)


def test_the_editor_loads_the_prefill_script_from_a_file(client, communication):
    client.force_login(communication)
    page = Page.objects.get(depth=2)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    tag = re.search(r'<script src="[^"]*js/admin/image-alt-text\.js"[^>]*>', html)
    assert tag, "the script is loaded from static/"
    assert 'data-descriptions-url="/admin/image-descriptions/0/"' in tag.group(0)


def test_the_descriptions_are_given_to_users_who_may_choose_the_image(
    client, communication, make_user, image
):
    client.force_login(communication)
    describe(client, image, JAUDE_FR, JAUDE_EN)
    url = reverse("clermont_intl_image_descriptions", args=[image.pk])

    client.force_login(make_user("traductrice", TRANSLATORS_GROUP))
    assert client.get(url).json() == {"descriptions": {"fr": JAUDE_FR, "en": JAUDE_EN}}

    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(communication)
    missing = reverse("clermont_intl_image_descriptions", args=[image.pk + 1000])
    assert client.get(missing, follow=True).status_code == 404
