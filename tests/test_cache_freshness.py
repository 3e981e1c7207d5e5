"""What every page reads from the cache changes at once when an editor changes it.

Pages read the menu, the footer's contact details and rendered fragments from the cache
(clermont_intl.caching); these tests warm that cache first, then change the privacy, the
contact details or a theme through the admin's own views, as an editor does, and look at the
site as a citizen.
"""

import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

import pytest

from clermont_intl.caching.models import CacheGeneration
from clermont_intl.models import ContentPage
from partners.models import PartnerCityPage
from tests.admin_forms import form_data
from tests.factories import add_event, add_partner


def set_privacy(client, page, restriction_type):
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": restriction_type, "password": "", "groups": []},
    )
    assert response.status_code == 200, response.content[:300]
    assert b"error" not in response.content.lower()


@pytest.fixture
def partner(site_pages):
    page = add_partner(site_pages["partners"], "Privas", title_en="Privas")
    page.save_revision().publish()  # indexed for the search, as editors publish
    return page


@pytest.mark.django_db
def test_a_section_made_private_in_the_admin_leaves_every_list_at_once(
    client, editor, site_pages, partner
):
    admin = client.__class__()
    admin.force_login(editor)
    index_url = site_pages["partners"].url
    # Warm: every page has read "no private section" from the cache.
    assert client.get(partner.url).status_code == 200
    assert partner.url in client.get(index_url).content.decode()
    assert partner.url in client.get("/fr/plan-du-site/").content.decode()
    assert partner.url in client.get("/fr/recherche/?q=Privas").content.decode()

    set_privacy(admin, partner, PageViewRestriction.LOGIN)

    assert PageViewRestriction.objects.filter(page=partner).exists()
    response = client.get(partner.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/admin/login/" in response["Location"]
    assert partner.url not in client.get(index_url).content.decode()
    assert partner.url not in client.get("/fr/plan-du-site/").content.decode()
    assert partner.url not in client.get("/fr/recherche/?q=Privas").content.decode()
    with translation.override("en"):
        assert client.get(partner.url).status_code == 302

    # Public again: back in the lists at once.
    set_privacy(admin, partner, PageViewRestriction.NONE)
    assert client.get(partner.url).status_code == 200
    assert partner.url in client.get(index_url).content.decode()


@pytest.mark.django_db
def test_a_private_section_hides_its_pages_from_the_menu(client, editor, site_pages):
    page = ContentPage(title="Réservé", slug="reserve", show_in_menus=True)
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    assert page.url in client.get(site_pages["home"].url).content.decode()

    admin = client.__class__()
    admin.force_login(editor)
    set_privacy(admin, page, PageViewRestriction.LOGIN)

    assert page.url not in client.get(site_pages["home"].url).content.decode()


@pytest.mark.django_db
def test_contact_details_saved_in_the_admin_show_in_the_next_footer(client, editor, site_pages):
    home = site_pages["home"].url
    assert "Bureau des jumelages" not in client.get(home).content.decode()  # cache warm
    admin = client.__class__()
    admin.force_login(editor)
    edit = admin.get(reverse("wagtailsettings:edit", args=["clermont_intl", "contactsettings"]))
    edit = admin.get(edit["Location"]) if edit.status_code == 302 else edit
    form = edit.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["service_name_fr"] = "Bureau des jumelages"

    response = admin.post(edit.wsgi_request.path, data)

    assert response.status_code == 302, response.context["form"].errors
    assert "Bureau des jumelages" in client.get(home).content.decode()


@pytest.mark.django_db
def test_a_preview_shows_the_edited_page_whatever_the_cache_holds(client, editor, site_pages):
    page = ContentPage(title_fr="Échanges", slug_fr="echanges", intro_fr="Texte publié.")
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    assert "Texte publié." in client.get(page.url).content.decode()  # its fragments are cached
    admin = client.__class__()
    admin.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = form_data(
        admin.get(edit_url),
        title_fr="Échanges scolaires",
        intro_fr="Texte en préparation.",
        **{"body_fr-count": "0", "body_en-count": "0"},
    )

    assert admin.post(preview_url, data).json()["is_valid"]
    preview = admin.get(preview_url).content.decode()

    assert "Texte en préparation." in preview
    # The breadcrumbs, in the header cached for the public page, show the edited title too.
    breadcrumbs = preview.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Échanges scolaires" in breadcrumbs
    public = client.get(page.url).content.decode()
    assert "Texte publié." in public
    assert "Échanges scolaires" not in public


@pytest.mark.django_db
def test_an_event_that_ends_leaves_the_upcoming_list_without_a_publish(
    client, site_pages, monkeypatch
):
    event = add_event(site_pages["events"], "Atelier du soir", 0, hours=1)
    event.save_revision().publish()
    later = add_event(site_pages["events"], "Atelier de printemps", 120)
    later.save_revision().publish()
    agenda, centre = site_pages["events"].url, site_pages["cied"].url
    for url in (agenda, centre):
        assert event.url in client.get(url).content.decode()  # the cards are cached

    # The clock passes its end: nothing is saved, no signal is sent.
    ended = event.end + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: ended)

    for url in (agenda, centre):
        upcoming = client.get(url).content.decode()
        assert later.url in upcoming, url
        assert event.url not in upcoming, url
    assert event.url in client.get(agenda + "?period=past").content.decode()


@pytest.mark.django_db
def test_the_centre_pages_feed_links_never_carry_a_visitors_query(client, site_pages):
    centre = site_pages["cied"].url
    first = client.get(centre + "?utm_source=poison&theme=culture").content.decode()
    second = client.get(centre).content.decode()
    for html in (first, second):
        feeds = re.findall(r'href="([^"]*/(?:rss|atom|calendar)/[^"]*)"', html)
        assert len(feeds) == 6, feeds  # in the head and in the events section
        assert not [url for url in feeds if "?" in url], feeds


@pytest.mark.django_db
def test_one_visitors_query_never_shows_in_anothers_page(client, site_pages):
    for n in range(30):  # two pages of cards, so that pagination links are drawn
        add_partner(site_pages["partners"], f"Ville{n:02d}")
    index = site_pages["partners"].url
    poisoned = client.get(index + "?sort=year&country=ZZ&utm_source=poison").content.decode()
    assert "poison" in poisoned  # kept in that visitor's own pagination links

    clean = client.get(index + "?sort=year").content.decode()

    assert "poison" not in clean
    assert "ZZ" not in clean


@pytest.mark.django_db
def test_a_theme_renamed_in_the_admin_shows_on_the_cached_partner_pages(client, editor):
    salford = PartnerCityPage.objects.get(slug_fr="salford")
    theme = salford.cooperation_areas.first()
    assert theme is not None
    assert theme.name in client.get(salford.url).content.decode()  # the page is cached
    admin = client.__class__()
    admin.force_login(editor)
    edit_url = reverse("wagtailsnippets_clermont_intl_theme:edit", args=[theme.pk])

    data = form_data(admin.get(edit_url), form_id=None, name_fr="Jeunesse et sport")
    response = admin.post(edit_url, data)

    assert response.status_code == 302
    assert "Jeunesse et sport" in client.get(salford.url).content.decode()


@pytest.mark.django_db
def test_lists_kept_in_the_cache_still_leave_out_a_page_made_private_without_a_signal(
    client, site_pages
):
    """The lists of live partners, projects and upcoming events are kept with the tree; which
    of them are private is asked of the database on each request, not kept with them. A view
    restriction written with no signal (so no new generation) still hides the pages."""
    from projects.models import ProjectPage

    partner = add_partner(site_pages["partners"], "Privas", country="IT")
    partner.save_revision().publish()
    project = ProjectPage(title="Projet discret", title_fr="Projet discret", slug="projet-discret")
    site_pages["projects"].add_child(instance=project)
    project.save_revision().publish()
    event = add_event(site_pages["events"], "Rencontre discrète", 2)
    event.save_revision().publish()
    pages = {
        site_pages["partners"].url: partner,
        site_pages["partners"].url + "?country=IT": partner,
        site_pages["projects"].url: project,
        site_pages["home"].url: event,
        site_pages["cied"].url: event,
        site_pages["events"].url: event,
    }
    for url, page in pages.items():
        assert page.url in client.get(url).content.decode(), url  # now in the cache
    # The pages themselves too (clermont_intl.routing keeps the page found at an address).
    for page in (partner, project, event):
        assert client.get(page.url).status_code == 200
    generation = CacheGeneration.objects.get().value

    PageViewRestriction.objects.bulk_create(
        PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)
        for page in (partner, project, event)
    )

    assert CacheGeneration.objects.get().value == generation
    for url, page in pages.items():
        assert page.url not in client.get(url).content.decode(), url
    for page in (partner, project, event):
        response = client.get(page.url)
        assert response.status_code == 302, page.url  # to the login form
        assert page.title not in response.content.decode()
    # The country filter offers only countries of public partners.
    assert 'value="IT"' not in client.get(site_pages["partners"].url).content.decode()


@pytest.mark.django_db
def test_a_page_kept_with_the_tree_shows_what_the_editor_publishes_then_goes_when_unpublished(
    client, editor, partner
):
    """The page found at an address is kept with the tree (clermont_intl.routing): a title
    published in the admin shows on the next request, and an unpublished page answers 404."""
    citizen = Client()
    assert "Privas" in citizen.get(partner.url).content.decode()  # now in the cache

    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[partner.pk])
    data = form_data(client.get(edit), title_fr="Privas en Ardèche")
    data["action-publish"] = ["action-publish"]
    assert client.post(edit, data).status_code == 302
    assert "Privas en Ardèche" in citizen.get(partner.url).content.decode()

    unpublish = reverse("wagtailadmin_pages:unpublish", args=[partner.pk])
    assert client.post(unpublish).status_code == 302
    assert citizen.get(partner.url).status_code == 404


@pytest.mark.django_db
def test_each_request_gets_its_own_copy_of_a_kept_page(client, partner):
    """A view that changes the page it serves (a form page's attributes…) changes its own copy:
    the next request gets the page as published."""
    from clermont_intl import routing
    from clermont_intl.caching import generation

    found = (partner.pk, partner.content_type_id)
    token = generation._request_state.set({})
    try:
        first = routing._load(found)
        first.title = "Changed by one request"
        second = routing._load(found)
    finally:
        generation._request_state.reset(token)
    assert second is not first
    assert second.title == "Privas"


def test_cached_fragments_leave_out_the_templates_indentation_but_not_white_space_that_shows():
    from clermont_intl.templatetags.site_tags import compact

    cards = '<ul>\n    <li class="card">\n        <a href="/">Salford</a>\n\n    </li>\n</ul>'
    assert compact(cards) == '<ul>\n<li class="card">\n<a href="/">Salford</a>\n</li>\n</ul>'
    for shown in ("<pre>\n    indented\n</pre>", "<textarea>\n    typed\n</textarea>"):
        assert compact(shown) == shown


@pytest.mark.django_db
def test_a_list_of_cards_comes_without_the_templates_indentation(client, site_pages):
    for n in range(3):
        add_partner(site_pages["partners"], f"Compacte{n}").save_revision().publish()
    for _request in range(2):  # the fragment rendered, then read from the cache
        html = client.get(site_pages["partners"].url).content.decode()
        assert '\n<li class="card">' in html
        assert "\n    <li class=\"card\">" not in html
