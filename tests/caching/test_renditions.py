"""Renditions are made when a page is published, so that no page request makes one."""

from django.utils import translation

from wagtail.images import get_image_model

import pytest

from clermont_intl.content.demo import make_image
from clermont_intl.renditions import GALLERY_FILTERS
from partners.models import PartnerCityPage, PartnerGalleryImage

Rendition = get_image_model().get_rendition_model()


@pytest.mark.django_db
def test_publishing_makes_the_renditions_and_the_page_request_makes_none(client):
    page = PartnerCityPage.objects.get(slug_fr="braga")
    image = make_image("Braga, la cathédrale", "braga")
    page.gallery_images = [
        PartnerGalleryImage(image=image, alt_text_fr="La cathédrale", alt_text_en="The cathedral")
    ]
    revision = page.save_revision()
    assert not Rendition.objects.filter(image=image).exists()

    revision.publish()
    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(GALLERY_FILTERS)

    before = Rendition.objects.count()
    for language in ("fr", "en"):
        with translation.override(language):
            response = client.get(page.url)
        assert response.status_code == 200, language
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert all(r.url in html for r in Rendition.objects.filter(image=image))
    assert Rendition.objects.count() == before
