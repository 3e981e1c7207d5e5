"""The partner directory: filters, sort, bad input and a query count that does not grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from partners.constants import Relationship
from tests.factories import add_partner
from tests.query_counting import cold_and_warm

pytestmark = pytest.mark.django_db

INDEX_FR = "/fr/relations-internationales/villes-partenaires/"
INDEX_EN = "/en/international-relations/partner-cities/"


def names(response):
    return [p.title for p in response.context["partners"]]


def test_lists_every_partner_in_both_languages(client):
    fr = client.get(INDEX_FR)
    en = client.get(INDEX_EN)
    assert fr.status_code == en.status_code == 200
    assert len(names(fr)) == len(names(en)) == 8
    assert "Villes partenaires" in fr.content.decode()
    assert "Partner cities" in en.content.decode()
    for city in ("Salford", "Oyem", "Braga"):
        assert city in fr.content.decode()


def test_filter_by_relationship(client):
    response = client.get(INDEX_FR, {"relationship": Relationship.SOLIDARITY})
    assert names(response) == ["Oyem"]
    response = client.get(INDEX_EN, {"relationship": Relationship.TWIN_CITY})
    assert len(names(response)) == 7 and "Oyem" not in names(response)


def test_filter_by_country(client):
    assert sorted(names(client.get(INDEX_FR, {"country": "GB"}))) == ["Aberdeen", "Salford"]


def test_filters_combine(client):
    response = client.get(INDEX_FR, {"country": "GA", "relationship": Relationship.TWIN_CITY})
    assert names(response) == []
    assert response.status_code == 200


def test_sort_by_year_oldest_or_newest_first(client):
    oldest = names(client.get(INDEX_FR, {"sort": "year"}))
    assert oldest[:3] == ["Salford", "Regensburg", "Gomel"]
    newest = names(client.get(INDEX_FR, {"sort": "-year"}))
    # Twin cities joined the Michelin network in 2017, their most recent relationship; the sort
    # uses the first one: Oyem (2006) comes before Braga (1999).
    assert newest[:2] == ["Oyem", "Braga"]


def test_country_filter_only_offers_countries_with_partners(client):
    form = client.get(INDEX_FR).context["filter_form"]
    codes = [code for code, _ in form.fields["country"].choices if code]
    # In the alphabetical order of their French names (Allemagne, Biélorussie, Espagne…).
    assert codes == ["DE", "BY", "ES", "US", "GA", "PT", "GB"]


@pytest.mark.parametrize(
    "query",
    [
        "?country=<script>alert(1)</script>",
        "?relationship=zz",
        "?page=abc",
        "?page=999999",
        "?page=-1",
        "?sort=;DROP TABLE wagtailcore_page",
        "?country=GB&country=FR&relationship=twin_city&relationship=x",
        "?country=%00",
        "?relationship=" + "x" * 5000,
    ],
)
def test_bad_query_strings_get_an_answer_never_a_500(client, query):
    response = client.get(INDEX_FR + query)
    # Bad values are reported and ignored, an impossible page gives the last one: the list
    # answers.
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content


def test_invalid_filter_is_reported_and_ignored(client):
    response = client.get(INDEX_FR, {"relationship": "zz"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors
    assert len(names(response)) == 8
    assert 'role="alert"' in response.content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.slow
def test_query_count_does_not_grow_with_the_number_of_partners(client, site_pages):
    urls = [
        INDEX_FR,
        INDEX_EN,
        INDEX_FR + "?relationship=twin_city&sort=year",
        INDEX_FR + "?country=GB",
    ]
    cold_8, warm_8 = cold_and_warm(client, urls)
    for n in range(92):
        add_partner(
            site_pages["partners"],
            f"Ville{n:03d}",
            country="GB" if n % 2 else "IT",
            kind=Relationship.TWIN_CITY if n % 3 else Relationship.MICHELIN_NETWORK,
        )
    cold_100, warm_100 = cold_and_warm(client, urls)
    assert (cold_100, warm_100) == (cold_8, warm_8)
    assert max(cold_100) <= 12 and max(warm_100) <= 12


def test_partner_page_queries_do_not_grow_with_its_gallery(client, site_pages):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from partners.models import PartnerCityPage, PartnerGalleryImage

    page = PartnerCityPage.objects.get(title_fr="Braga")
    url = "/fr/relations-internationales/villes-partenaires/braga/"

    def add_images(n):
        for i in range(n):
            image = Image.objects.create(title=f"Vue {i}", file=get_test_image_file())
            PartnerGalleryImage.objects.create(page=page, image=image, alt_text_fr=f"Vue {i}")

    add_images(1)
    count_queries(client, url)  # the first view makes the renditions
    with_1 = count_queries(client, url)
    add_images(5)
    count_queries(client, url)
    assert count_queries(client, url) == with_1
