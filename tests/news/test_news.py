"""News: made by a communication editor in the admin, listed newest first with a theme filter,
as RSS and Atom feeds, on the home page and on the partner city and project pages they tag."""

import datetime
import re
import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from clermont_intl.content.demo import make_image
from clermont_intl.content.seed import SeedLoader
from clermont_intl.models import HomePage, MissionPage, Theme
from clermont_intl.news.models import NEWS_PER_PAGE, NewsIndexPage, NewsPage, news_about
from partners.models import PartnerCityPage
from projects.models import ProjectPage
from tests.factories import add_news

INDEX_FR = "/fr/actualites/"
INDEX_EN = "/en/news/"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC_HOST = "international.clermont-ferrand.fr"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def index(db):
    return NewsIndexPage.objects.get()


@pytest.fixture
def salford(db):
    return PartnerCityPage.objects.get(slug_fr="salford")


@pytest.fixture
def techtown(db):
    return ProjectPage.objects.get(slug_fr="techtown")


# --- The tree and the seed ---------------------------------------------------------------------


class TestTreeRules(WagtailPageTestCase):
    def test_the_news_index_is_a_section_of_the_home_page(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertCanNotCreateAt(MissionPage, NewsIndexPage)

    def test_news_live_in_the_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_one_news_index_per_site(self):
        home = HomePage.objects.get()
        assert not NewsIndexPage.can_create_at(home)


@pytest.mark.django_db
def test_the_seed_makes_the_index_in_the_menu_and_no_news(client, index):
    assert index.get_parent().specific_class is HomePage
    assert index.live and index.show_in_menus
    assert not NewsPage.objects.exists()
    report = SeedLoader().run()
    assert not report.created  # a second run adds nothing
    for url, empty, title in (
        (INDEX_FR, "Aucune actualité n’a encore été publiée.", "Actualités"),
        (INDEX_EN, "No news has been published yet.", "News"),
    ):
        html = client.get(url).content.decode()
        assert empty in html
        assert f"<h1>{title}</h1>" in html


# --- The admin ----------------------------------------------------------------------------------


def news_form(index, *, image=None, about=(), themes=(), slug="rencontre-salford", **changes):
    data = {
        "title_fr": "Rencontre avec Salford",
        "title_en": "Meeting Salford",
        "slug_fr": slug,
        "slug_en": "meeting-salford",
        "intro_fr": "Une délégation de Salford était à Clermont-Ferrand.",
        "intro_en": "A delegation from Salford came to Clermont-Ferrand.",
        "date": "2026-03-14",
        "body_fr": streamfield([("paragraph", rich_text("<p>Des échanges fructueux.</p>"))]),
        "body_en": streamfield([("paragraph", rich_text("<p>Fruitful exchanges.</p>"))]),
        "image": image.pk if image else "",
        "image_alt_text_fr": "La délégation devant l'hôtel de ville." if image else "",
        "image_alt_text_en": "The delegation in front of the town hall." if image else "",
        "related_pages": inline_formset([{"target": page.pk} for page in about]),
        "themes": tuple(theme.pk for theme in themes),
        "action-publish": "action-publish",
        **changes,
    }
    return nested_form_data(data)


def add_in_admin(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    assert client.get(url).status_code == 200
    return client.post(url, data)


@pytest.mark.django_db
def test_a_communication_editor_publishes_a_news_item_that_its_pages_show_at_once(
    client, communication, index, salford, techtown, django_capture_on_commit_callbacks
):
    # The partner and project pages are rendered, and their fragments cached, before.
    with translation.override("fr"):
        salford_url, techtown_url = salford.get_url(), techtown.get_url()
    assert "Rencontre avec Salford" not in client.get(salford_url).content.decode()
    assert 'id="news-heading"' not in client.get(techtown_url).content.decode()

    client.force_login(communication)
    image = make_image("Délégation", "news-admin")
    culture = Theme.objects.get(slug="culture")
    data = news_form(index, image=image, about=[salford, techtown], themes=[culture])
    with django_capture_on_commit_callbacks(execute=True):  # what the commit then does
        response = add_in_admin(client, index, data)
    assert response.status_code == 302, response.content.decode()[-3000:]

    news = NewsPage.objects.get(slug_fr="rencontre-salford")
    assert news.live and news.date == datetime.date(2026, 3, 14)
    assert (news.title_en, news.intro_en) == (
        "Meeting Salford",
        "A delegation from Salford came to Clermont-Ferrand.",
    )
    assert news.lead == news.intro_fr
    assert news.image == image and news.image_alt_text_en.startswith("The delegation")
    assert [item.target_id for item in news.related_pages.all()] == [salford.pk, techtown.pk]
    assert list(news.themes.all()) == [culture]

    client.logout()
    for url in (salford_url, techtown_url):
        html = client.get(url).content.decode()
        assert '<h2 id="news-heading">Actualités</h2>' in html, url
        assert "Rencontre avec Salford" in html, url
    with translation.override("en"):
        english = client.get(news.get_url()).content.decode()
    assert "Fruitful exchanges." in english and "Meeting Salford" in english
    assert 'alt="The delegation in front of the town hall."' in english
    with translation.override("en"):
        salford_en = client.get(salford.get_url()).content.decode()
    assert '<h2 id="news-heading">News</h2>' in salford_en and "Meeting Salford" in salford_en


@pytest.mark.django_db
def test_the_add_form_speaks_the_editors_words(client, communication, index):
    client.force_login(communication)
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    html = client.get(url).content.decode()
    for words in ("Chapô", "Date de publication", "Texte alternatif de l’image", "Sujets"):
        assert words in html, words
    assert 'name="intro_fr"' in html and 'name="image_alt_text_en"' in html
    # The page chooser offers partner cities and projects only.
    assert "partners.partnercitypage" in html and "projects.projectpage" in html


@pytest.mark.django_db
def test_the_admin_refuses_an_image_without_text_alternative(client, communication, index):
    client.force_login(communication)
    data = news_form(index, image=make_image("Sans texte", "news-noalt"), image_alt_text_fr="")
    response = add_in_admin(client, index, data)
    assert response.status_code == 200
    assert "Décrivez l’image en français" in response.content.decode()
    assert not NewsPage.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_tag_that_is_not_a_partner_city_or_project(
    client, communication, index
):
    client.force_login(communication)
    data = news_form(index, about=[MissionPage.objects.get()])
    response = add_in_admin(client, index, data)
    assert response.status_code == 200
    assert not NewsPage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["rss", "atom"])
def test_a_news_item_cannot_take_the_address_of_a_feed(client, communication, index, slug):
    client.force_login(communication)
    response = add_in_admin(client, index, news_form(index, slug=slug))
    assert response.status_code == 200
    assert "déjà l’adresse d’un service" in response.content.decode()
    assert not NewsPage.objects.exists()


# --- The index ----------------------------------------------------------------------------------


@pytest.fixture
def many_news(index):
    culture = Theme.objects.get(slug="culture")
    youth = Theme.objects.get(slug="jeunesse")
    return [
        add_news(
            index,
            f"Nouvelle {n:02d}",
            days_ago(n),
            title_en=f"News item {n:02d}",
            intro=f"Chapô {n:02d}",
            themes=[culture if n % 2 else youth],
        )
        for n in range(NEWS_PER_PAGE + 3)
    ]


def card_titles(html):
    return [
        chunk.split("</a>")[0].rsplit(">", 1)[-1]
        for chunk in html.split('<h3 class="card__title">')[1:]
    ]


@pytest.mark.django_db
def test_the_index_lists_the_newest_first_in_pages(client, many_news):
    first = card_titles(client.get(INDEX_FR).content.decode())
    assert first == [f"Nouvelle {n:02d}" for n in range(NEWS_PER_PAGE)]
    second = client.get(INDEX_FR, {"page": 2}).content.decode()
    assert card_titles(second) == [f"Nouvelle {n:02d}" for n in range(NEWS_PER_PAGE, 13)]
    assert 'rel="prev"' in second
    english = card_titles(client.get(INDEX_EN).content.decode())
    assert english[0] == "News item 00"


@pytest.mark.django_db
def test_a_news_dated_later_comes_first_whatever_its_publication_order(client, index):
    add_news(index, "Ancienne", days_ago(10))
    add_news(index, "Récente", days_ago(1))
    add_news(index, "Antidatée", days_ago(30))
    listed = card_titles(client.get(INDEX_FR).content.decode())
    assert listed == ["Récente", "Ancienne", "Antidatée"]


@pytest.mark.django_db
def test_the_theme_filter(client, many_news):
    html = client.get(INDEX_FR, {"theme": "culture"}).content.decode()
    assert card_titles(html) == [f"Nouvelle {n:02d}" for n in range(1, 13, 2)]
    assert '<option value="culture" selected>' in html
    empty = client.get(INDEX_FR, {"theme": "mobilites"}).content.decode()
    assert card_titles(empty) == [] and "Aucune actualité sur ce thème" in empty


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "theme=inconnu",
        "theme=%00",
        "theme=%ff%fe",
        "theme[]=culture",
        "theme=culture&theme=jeunesse",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "page=0&theme=",
        "%%%",
        "theme=<script>alert(1)</script>",
    ],
)
def test_malformed_query_strings_get_a_page_not_an_error(client, many_news, query):
    response = client.get(f"{INDEX_FR}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert card_titles(html), query  # some news are always listed


@pytest.mark.django_db
def test_an_unknown_theme_is_reported_and_ignored(client, many_news):
    html = client.get(INDEX_FR, {"theme": "inconnu"}).content.decode()
    assert 'role="alert"' in html
    assert len(card_titles(html)) == NEWS_PER_PAGE


# --- Feeds --------------------------------------------------------------------------------------


@pytest.fixture
def public_site(db):
    """The Site as configured for production; requests reach the server as testserver."""
    Site.objects.filter(is_default_site=True).update(hostname=PUBLIC_HOST, port=443)
    return Site.objects.get(is_default_site=True)


@pytest.mark.django_db
def test_the_index_announces_its_feeds(client, many_news, public_site):
    html = client.get(INDEX_FR, {"theme": "culture"}).content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml" href="/fr/actualites/rss/?theme=culture"' in head
    assert 'type="application/atom+xml" href="/fr/actualites/atom/?theme=culture"' in head


@pytest.mark.django_db
def test_rss_feed_is_valid_xml_with_absolute_urls(client, many_news, public_site, salford):
    response = client.get(INDEX_FR + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == f"https://{PUBLIC_HOST}{INDEX_FR}"
    assert channel.findtext("language") == "fr"
    assert "Actualités" in channel.findtext("title")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items][:2] == ["Nouvelle 00", "Nouvelle 01"]
    first = items[0]
    assert first.findtext("link") == f"https://{PUBLIC_HOST}{INDEX_FR}nouvelle-00/"
    assert first.findtext("guid") == f"tag:{PUBLIC_HOST},2025:news-{many_news[0].pk}"
    assert first.findtext("description") == "Chapô 00"
    assert first.findtext("category") == "Jeunesse"
    assert first.findtext("pubDate")
    for element in ET.fromstring(response.content).iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert "testserver" not in value and "localhost" not in value


@pytest.mark.django_db
def test_atom_feed_in_english_is_valid_xml_with_absolute_urls(client, many_news, public_site):
    response = client.get(INDEX_EN + "atom/", {"theme": "culture"})
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert "News" in feed.findtext(f"{ATOM}title")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["alternate"] == f"https://{PUBLIC_HOST}{INDEX_EN}"
    assert links["self"] == f"https://{PUBLIC_HOST}{INDEX_EN}atom/"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        f"News item {n:02d}" for n in range(1, 13, 2)
    ]
    href = entries[0].find(f"{ATOM}link").get("href")
    assert href == f"https://{PUBLIC_HOST}{INDEX_EN}nouvelle-01/"
    assert entries[0].find(f"{ATOM}category").get("term") == "Culture"


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["rss/", "atom/"])
def test_a_feed_with_an_unknown_theme_answers_400_with_the_reason(client, index, feed):
    response = client.get(INDEX_FR + feed, {"theme": "inconnu"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "theme" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_feed_is_still_a_valid_feed(client, index):
    channel = ET.fromstring(client.get(INDEX_FR + "rss/").content).find("channel")
    assert channel.findall("item") == []


# --- Home, partner and project pages ------------------------------------------------------------


@pytest.mark.django_db
def test_the_home_page_shows_the_three_latest(client, index):
    for n, title in enumerate(["Première", "Deuxième", "Troisième", "Quatrième"]):
        add_news(index, title, days_ago(10 - n))
    html = client.get("/fr/").content.decode()
    section = html.split('id="latest-news-heading"')[1].split("</section>")[0]
    assert card_titles(section) == ["Quatrième", "Troisième", "Deuxième"]
    assert 'href="/fr/actualites/"' in section
    # Each news item once on the page: "Recently published" lists the other pages.
    newest = html.split('id="newest-heading"')[1].split("</section>")[0]
    assert "Quatrième" not in newest and "Première" not in newest
    assert html.count(">Quatrième<") == 1


@pytest.mark.django_db
def test_the_home_page_without_news_leads_to_the_news_all_the_same(client, index):
    """No block that only says it is empty: a line leads to the news index."""
    html = client.get("/en/").content.decode()
    assert "No news has been published yet." not in html
    assert 'href="/en/news/">the news</a>' in html


@pytest.mark.django_db
def test_partner_and_project_pages_show_the_news_tagged_with_them(client, index, salford, techtown):
    add_news(index, "Salford seule", days_ago(2), about=[salford])
    add_news(index, "Les deux", days_ago(1), about=[salford, techtown])
    add_news(index, "Aucune", days_ago(0))
    with translation.override("fr"):
        urls = salford.get_url(), techtown.get_url()
    salford_html, techtown_html = (client.get(url).content.decode() for url in urls)
    assert card_titles(salford_html.split('id="news-heading"')[1]) == ["Les deux", "Salford seule"]
    assert card_titles(techtown_html.split('id="news-heading"')[1]) == ["Les deux"]
    assert [news.title for news in news_about(salford)] == ["Les deux", "Salford seule"]
    creart = ProjectPage.objects.get(slug_fr="creart")
    with translation.override("fr"):
        assert 'id="news-heading"' not in client.get(creart.get_url()).content.decode()


@pytest.mark.django_db
def test_unpublished_and_private_news_are_left_out(client, index, salford):
    shown = add_news(index, "Visible", days_ago(1), about=[salford])
    hidden = add_news(index, "Retirée", days_ago(0), about=[salford])
    hidden.unpublish()
    assert [news.pk for news in news_about(salford)] == [shown.pk]
    assert card_titles(client.get(INDEX_FR).content.decode()) == ["Visible"]


@pytest.mark.django_db
def test_news_about_is_one_query(index, salford, django_assert_num_queries):
    for n in range(6):
        add_news(index, f"Nouvelle {n}", days_ago(n), about=[salford])
    with django_assert_num_queries(1):  # private sections left out in the same query
        assert len(news_about(salford)) == 5


# --- The news page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_news_page_in_both_languages(client, index, salford):
    culture = Theme.objects.get(slug="culture")
    news = add_news(
        index,
        "Jumelage renouvelé",
        datetime.date(2026, 5, 9),
        title_en="Twinning renewed",
        about=[salford],
        themes=[culture],
        intro_fr="Le jumelage est renouvelé.",
        body_fr=[{"type": "paragraph", "value": "<p>Signature à Salford.</p>"}],
    )
    with translation.override("fr"):
        french = client.get(news.get_url()).content.decode()
    assert '<time datetime="2026-05-09">9 mai 2026</time>' in french
    assert '<p class="lead">Le jumelage est renouvelé.</p>' in french
    assert 'href="/fr/actualites/?theme=culture"' in french
    assert ">Salford</a>" in french
    with translation.override("en"):
        english = client.get(news.get_url()).content.decode()
    assert "<h1>Twinning renewed</h1>" in english
    # The French text stands in for the missing translation, marked as French.
    assert '<p class="lead" lang="fr">Le jumelage est renouvelé.</p>' in english
    assert '<div class="stream-body" lang="fr">' in english
    assert "May 9, 2026" in english or "9 May 2026" in english


@pytest.mark.django_db
def test_the_news_image_says_its_alternative_in_french_where_it_stands_in(client, index):
    news = add_news(
        index,
        "Avec photo décrite",
        days_ago(0),
        image=make_image("Photo", "news-alternative"),
        image_alt_text_fr="Une photo.",
    )
    with translation.override("fr"):
        french = client.get(news.get_url()).content.decode()
    with translation.override("en"):
        english = client.get(news.get_url()).content.decode()
    image = r'<img src="[^"]+" srcset="[^"]+" sizes="[^"]+"[^>]* alt="Une photo\.">'
    assert re.search(image, french)
    # No English alternative yet: the French one is read with French pronunciation.
    assert re.search(r'<img [^>]*alt="Une photo\." lang="fr">', english)


@pytest.mark.django_db
def test_a_news_page_publishes_its_image_renditions(index):
    from wagtail.images import get_image_model

    image = make_image("Photo", "news-renditions")
    add_news(
        index,
        "Avec photo",
        days_ago(0),
        image=image,
        image_alt_text_fr="Une photo.",
    )
    specs = set(
        get_image_model()
        .get_rendition_model()
        .objects.filter(image=image)
        .values_list("filter_spec", flat=True)
    )
    assert {"width-600|format-webp", "width-1200|format-webp", "fill-480x320|format-webp"} <= specs


def test_the_news_root_is_not_a_page_type_of_the_mission():
    assert "news.NewsIndexPage" not in MissionPage.subpage_types
    assert Page  # the tree's base type, imported for the checks above
