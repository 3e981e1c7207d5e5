"""Search in the language of the URL, stemmed for that language."""

import pytest

pytestmark = pytest.mark.django_db


def result_titles(response):
    assert response.status_code == 200
    return [entry.title for entry in response.context["results"]]


def test_french_words_are_stemmed_as_french(client):
    titles = result_titles(client.get("/fr/recherche/", {"q": "jumelages"}))
    assert "Salford" in titles and "Braga" in titles
    assert "Oyem" not in titles


def test_english_words_are_stemmed_as_english(client):
    titles = result_titles(client.get("/en/search/", {"q": "twinned"}))
    assert "Salford" in titles
    titles = result_titles(client.get("/en/search/", {"q": "solidarity"}))
    assert "Oyem" in titles


def test_each_language_searches_its_own_text(client):
    assert result_titles(client.get("/en/search/", {"q": "jumelée"})) == []
    assert "CIED Clermont Puy-de-Dôme" in result_titles(
        client.get("/fr/recherche/", {"q": "expositions"})
    )
    assert "Europe Direct Clermont Puy-de-Dôme" in result_titles(
        client.get("/en/search/", {"q": "exhibition"})
    )


def test_unpublished_pages_are_not_found(client, site_pages):
    from partners.models import PartnerCityPage

    PartnerCityPage.objects.get(title_fr="Oyem").unpublish()
    assert "Oyem" not in result_titles(client.get("/fr/recherche/", {"q": "Oyem"}))


def test_published_changes_are_found(client, site_pages):
    from partners.models import PartnerCityPage

    page = PartnerCityPage.objects.get(title_fr="Braga")
    page.intro_en = "Famous for its baroque sanctuaries."
    page.save_revision().publish()
    assert "Braga" in result_titles(client.get("/en/search/", {"q": "sanctuary"}))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "&&&|||!!!",
        "\x00",
        "a" * 10000,
        "jumelage:*",
        "((((",
    ],
)
def test_hostile_or_empty_queries_get_a_clear_answer(client, query):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_empty_result_is_said_clearly(client):
    response = client.get("/en/search/", {"q": "zzzzunknownword"})
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    assert result_titles(response) == []


def test_bad_page_number(client):
    assert client.get("/fr/recherche/", {"q": "ville", "page": "abc"}).status_code == 200


def test_results_come_ten_a_page_counted_with_the_page_and_a_page_too_far_shows_the_last(
    client, site_pages
):
    from tests.factories import add_partner

    for number in range(13):
        add_partner(site_pages["partners"], f"Pneuville-{number:02d}").save_revision().publish()

    def shown(page):
        response = client.get("/fr/recherche/", {"q": "Pneuville", "page": page})
        assert response.status_code == 200
        results = response.context["results"]
        assert results.paginator.count == 13
        return results.number, [entry.title for entry in results]

    number, titles = shown("1")
    assert number == 1 and len(titles) == 10
    number, second = shown("2")
    assert number == 2 and len(second) == 3 and not set(titles) & set(second)
    assert shown("abc") == (1, titles)
    # Past the last page, however far (even past what the database can count), the last one.
    assert shown("3") == (2, second)
    assert shown("99999999999999999999999") == (2, second)


@pytest.mark.parametrize(
    "number, links",
    [
        (1, [1, 2, 3, None, 27]),
        (14, [1, None, 12, 13, 14, 15, 16, None, 27]),
        (27, [1, None, 25, 26, 27]),
    ],
)
def test_pagination_shows_the_ends_and_two_pages_on_each_side_of_the_current_one(number, links):
    """Results, news, events and partners share includes/pagination.html: as many links, and as
    much work, at 27 pages as at 270."""
    from django.core.paginator import Paginator

    from clermont_intl.templatetags.site_tags import page_links

    assert page_links(Paginator(range(270), 10).page(number)) == links


def test_a_search_asked_again_shows_what_was_published_or_made_private_since(client, site_pages):
    """A change published since shows at once, and a section made private is left out at once,
    even written with no signal (the search asks the database on every request)."""
    from wagtail.models import PageViewRestriction

    from partners.models import PartnerCityPage

    assert "Braga" not in result_titles(client.get("/en/search/", {"q": "sanctuary"}))
    page = PartnerCityPage.objects.get(title_fr="Braga")
    page.intro_en = "Famous for its baroque sanctuaries."
    page.save_revision().publish()
    assert "Braga" in result_titles(client.get("/en/search/", {"q": "sanctuary"}))

    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert "Braga" not in result_titles(client.get("/en/search/", {"q": "sanctuary"}))
