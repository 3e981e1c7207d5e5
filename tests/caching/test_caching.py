"""What the site keeps, where, and what empties it (clermont_intl.caching), tested as editors
change things in the admin and citizens visit the pages.

- After a change a visitor can see is committed, the site version moves (every cached fragment
  is unread from then on) and the caching proxy is told to forget the site, once.
- Public pages say how long the proxy may keep them; private answers say it may not.
- A cached fragment never shows one page's or one visitor's parts on another.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import pytest

from clermont_intl.caching import fragments, release
from clermont_intl.models import ContentPage, Theme
from partners.models import PartnerCityPage
from projects.models import Programme
from tests.admin_forms import form_data
from tests.factories import add_event, add_partner
from tests.site_urls import public_urls

pytestmark = pytest.mark.django_db
SITE_ROOT = "http://localhost/"


def site_version():
    return cache.get(fragments.KEY)


@pytest.fixture
def salford(db):
    return PartnerCityPage.objects.get(slug_fr="salford")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what the block registers for after the commit, as the real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Every change a visitor can see, made in the admin ----------------------------------------


def publish_in_admin(admin, page, **changes):
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin.get(edit), **changes)
    data["action-publish"] = ["action-publish"]
    response = admin.post(edit, data)
    assert response.status_code == 302, response.content[:500]


def unpublish_in_admin(admin, page):
    assert admin.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])).status_code == 302


def delete_in_admin(admin, page):
    assert admin.post(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 302


def move_in_admin(admin, page):
    """Dragged to the end of its index's list (the explorer's reordering is a move)."""
    last = page.get_siblings().count() - 1
    url = reverse("wagtailadmin_pages:set_page_position", args=[page.pk]) + f"?position={last}"
    assert admin.post(url).status_code == 200
    page.refresh_from_db()
    assert page.get_next_sibling() is None


def set_privacy(admin, page, restriction_type, password=""):
    response = admin.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": restriction_type, "password": password, "groups": []},
    )
    assert response.status_code == 200, response.content[:300]
    assert b"error" not in response.content.lower()


def edit_contact_details(admin, **changes):
    url = reverse("wagtailsettings:edit", args=["clermont_intl", "contactsettings"])
    edit = admin.get(url)
    edit = admin.get(edit["Location"]) if edit.status_code == 302 else edit
    form = edit.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    response = admin.post(edit.wsgi_request.path, data)
    assert response.status_code == 302, response.context["form"].errors


def edit_snippet(admin, item, **changes):
    model = type(item)
    name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit"
    url = reverse(name, args=[item.pk])
    assert admin.post(url, form_data(admin.get(url), form_id=None, **changes)).status_code == 302


def upload_image(admin):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    upload = SimpleUploadedFile("jaude.png", buffer.getvalue())
    response = admin.post(
        reverse("wagtailimages:add"), {"title": "Place de Jaude", "file": upload, "collection": "1"}
    )
    assert response.status_code == 302, response.content[:500]


def upload_document(admin):
    upload = SimpleUploadedFile("programme.txt", b"Ordre du jour")
    response = admin.post(
        reverse("wagtaildocs:add"), {"title": "Programme", "file": upload, "collection": "1"}
    )
    assert response.status_code == 302, response.content[:500]


CHANGES = {
    "publish": lambda admin, page: publish_in_admin(admin, page, title_fr="Salford (G.-M.)"),
    "unpublish": unpublish_in_admin,
    "delete": delete_in_admin,
    "move": move_in_admin,
    "privacy": lambda admin, page: set_privacy(admin, page, PageViewRestriction.LOGIN),
    "settings": lambda admin, page: edit_contact_details(admin, service_name_fr="Jumelages"),
    "theme": lambda admin, page: edit_snippet(admin, Theme.objects.first(), name_fr="Sport"),
    "programme": lambda admin, page: edit_snippet(
        admin, Programme.objects.first(), name_fr="Nouveau nom"
    ),
    "image": lambda admin, page: upload_image(admin),
    "document": lambda admin, page: upload_document(admin),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_renews_the_site_version_and_purges_the_site_once_after_the_commit(
    change, admin, salford, purged, django_capture_on_commit_callbacks
):
    before = fragments.current()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CHANGES[change](admin, salford)

    # Nothing before the commit: another request could render the old rows again.
    assert site_version() == before and purged == [], change
    for callback in callbacks:
        callback()
    assert site_version() not in (None, before), change
    # Once per change, whatever the number of rows it wrote.
    assert purged == [SITE_ROOT], change


def test_a_draft_saved_by_an_editor_changes_nothing_visitors_see(admin, salford, purged, committed):
    before = fragments.current()
    edit = reverse("wagtailadmin_pages:edit", args=[salford.pk])
    with committed():
        assert admin.post(edit, form_data(admin.get(edit), title_fr="Brouillon")).status_code == 302
    salford.refresh_from_db()
    assert salford.has_unpublished_changes
    assert site_version() == before
    assert purged == []


def test_a_change_rolled_back_changes_nothing(salford, purged, django_capture_on_commit_callbacks):
    before = fragments.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            salford.title_fr = "Salford (annulé)"
            salford.save_revision().publish()
            raise RuntimeError("the editor's request failed")
    assert callbacks == [] and purged == [] and site_version() == before
    # The next change is not held back by the one that was rolled back.
    salford.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        salford.save_revision().publish()
    assert purged == [SITE_ROOT]


def test_without_a_proxy_the_fragments_are_still_renewed(settings, salford, purged, committed):
    settings.WAGTAILFRONTENDCACHE = {}
    before = fragments.current()
    with committed():
        salford.save_revision().publish()
    assert purged == []
    assert site_version() != before


def test_a_proxy_that_fails_does_not_fail_the_editors_change(settings, salford, committed):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",  # nothing listens there
        }
    }
    before = fragments.current()
    with committed():
        salford.save_revision().publish()
    assert site_version() != before


def test_submissions_and_revisions_change_nothing_visitors_see(site_pages, purged, committed):
    from wagtail.contrib.forms.models import FormSubmission

    before = fragments.current()
    with committed():
        FormSubmission.objects.create(page=site_pages["support_form"], form_data={"a": "b"})
        Page.objects.get(pk=site_pages["mission"].pk).specific.save_revision()
    assert site_version() == before and purged == []


# --- Who may keep each answer ----------------------------------------------------------------


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_public_pages_are_kept_by_the_proxy_until_purged(client, site_pages):
    salford = PartnerCityPage.objects.get(slug_fr="salford").url
    for url in (site_pages["partners"].url, salford, "/en/search/?q=europe", "/fr/plan-du-site/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert cache_control(response) == {f"s-maxage={settings.PAGE_CACHE_SECONDS}", "max-age=0"}


def test_pages_that_change_with_the_clock_tell_the_proxy_how_long_they_hold(client, site_pages):
    for page in ("home", "mission", "cied", "events", "projects"):
        response = client.get(site_pages[page].url)
        assert f"s-maxage={settings.EVENTS_CACHE_SECONDS}" in cache_control(response), page
    assert "s-maxage=" in client.get(site_pages["events"].url + "calendar/")["Cache-Control"]


def test_a_private_page_is_never_kept_by_the_proxy_nor_its_fragments_by_the_site(
    client, admin, site_pages, committed
):
    page = PartnerCityPage.objects.get(slug_fr="braga")
    with committed():
        set_privacy(admin, page, PageViewRestriction.PASSWORD, password="mot-de-passe-long")
    cache.clear()

    form = client.get(page.url)
    assert form.status_code == 200 and "password" in form.content.decode()
    assert {"private", "no-store"} <= cache_control(form)

    restriction = PageViewRestriction.objects.get(page=page)
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client.post(url, {"password": "mot-de-passe-long", "return_url": page.url})
    shown = client.get(page.url)
    assert shown.status_code == 200 and "Braga" in shown.content.decode()
    assert {"private", "no-store"} <= cache_control(shown)
    assert "s-maxage" not in shown["Cache-Control"]
    # Its fragments, even the menu, are neither read from nor written to the shared cache.
    assert shown.context["fragment_cache"] == fragments.NOWHERE
    assert client.get(site_pages["partners"].url).context["fragment_cache"] == "default"


def test_answers_for_one_visitor_are_never_kept_by_the_proxy(client, admin, site_pages):
    # A signed-in editor sees the same page, privately.
    assert "private" in cache_control(admin.get(site_pages["partners"].url))
    # A form page carries the visitor's CSRF token.
    form = client.get(site_pages["support_form"].url)
    assert form.status_code == 200
    assert "private" in cache_control(form) and "s-maxage" not in form["Cache-Control"]
    # A visitor with a session (who gave a page's password, say).
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    assert "private" in cache_control(client.get(site_pages["partners"].url))


def test_the_userbar_is_for_signed_in_editors_only_and_never_kept(client, admin, site_pages):
    for page in ("home", "partners"):
        url = site_pages[page].url
        editors = admin.get(url)
        assert "<wagtail-userbar>" in editors.content.decode(), page
        assert {"private", "no-store"} <= cache_control(editors)
        # The answer the proxy keeps, asked for after the editor's, has no userbar; nor does
        # the visitor's page read a session it does not have (Vary: Cookie would make every
        # page private).
        visitors = client.get(url)
        assert "wagtail-userbar" not in visitors.content.decode(), page
        assert "s-maxage" in visitors["Cache-Control"]
        assert "cookie" not in visitors.get("Vary", "").lower()
    # A visitor with a session but no account (a private page's password) gets none either.
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    assert "wagtail-userbar" not in client.get(site_pages["partners"].url).content.decode()


def test_errors_and_redirects_are_not_marked_for_the_proxy(client):
    missing = client.get("/fr/nulle-part/")
    assert missing.status_code == 404
    assert "s-maxage" not in missing.get("Cache-Control", "")
    assert "s-maxage" not in client.get("/").get("Cache-Control", "")


# --- Fragments never show one page's or one visitor's parts on another ------------------------


def page_parts(html):
    """The parts of a page that depend on the page: its header (menu and the current item),
    its breadcrumb, its language links and canonical address."""
    header = re.search(r"<header class=\"site-header\">.*?</header>", html, re.S)
    breadcrumb = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    links = re.findall(r'<link rel="(?:canonical|alternate)" hreflang="[^"]*" href="[^"]*">', html)
    canonical = re.findall(r'<link rel="canonical" href="[^"]*">', html)
    return (
        header.group(0) if header else None,
        breadcrumb.group(0) if breadcrumb else None,
        links,
        canonical,
    )


SPECIAL_PAGES = [
    "/fr/plan-du-site/",
    "/en/site-map/",
    "/fr/recherche/?q=x",
    "/en/search/?q=x",
    "/fr/cette-page-n-existe-pas/",
    "/en/this-page-does-not-exist/",
    "/fr/",
    "/en/",
]


def test_each_page_shows_its_own_header_breadcrumb_and_language_links_whatever_was_served_before(
    client,
):
    """The site map, the search, the 404 and the home page, first served with an empty cache,
    then again after every page type in both languages: nothing they show of themselves may
    come from another page (a breadcrumb cached without the page in its key did)."""
    first = {url: page_parts(client.get(url).content.decode()) for url in SPECIAL_PAGES}
    assert first["/fr/plan-du-site/"][1] is None  # no breadcrumb there
    assert first["/fr/"][0] and first["/en/"][2]

    pages = [url for url, _representative in public_urls() if not url.endswith(".xml")]
    page_first = {}
    for url in pages:
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            page_first[url] = page_parts(response.content.decode())
    assert len(page_first) > 30

    for url in SPECIAL_PAGES:
        assert page_parts(client.get(url).content.decode()) == first[url], url
    # And each page type, now that the others have filled the cache.
    for url, parts in page_first.items():
        assert page_parts(client.get(url).content.decode()) == parts, url


def test_the_menu_marks_the_page_being_shown(client, site_pages):
    partners, salford = site_pages["partners"].url, PartnerCityPage.objects.get(slug_fr="salford")
    for url in (partners, salford.url, site_pages["home"].url, partners):
        header = page_parts(client.get(url).content.decode())[0]
        current = re.findall(r'href="([^"]*)"[^>]*aria-current="page"', header)
        ancestors = re.findall(r'href="([^"]*)"[^>]*aria-current="true"', header)
        if url == salford.url:
            assert current == [] and partners in ancestors, url
        else:
            assert current == [url], url


def test_one_visitors_query_never_shows_in_anothers_page(client, site_pages):
    for n in range(30):  # two pages of cards, so that pagination links are drawn
        add_partner(site_pages["partners"], f"Ville{n:02d}")
    index = site_pages["partners"].url
    poisoned = client.get(index + "?sort=year&country=ZZ&utm_source=poison").content.decode()
    assert "poison" in poisoned  # kept in that visitor's own pagination and language links

    clean = client.get(index + "?sort=year").content.decode()

    assert "poison" not in clean
    assert "ZZ" not in clean


def test_the_centre_pages_feed_links_never_carry_a_visitors_query(client, site_pages):
    centre = site_pages["cied"].url
    first = client.get(centre + "?utm_source=poison&theme=culture").content.decode()
    second = client.get(centre).content.decode()
    for html in (first, second):
        feeds = re.findall(r'href="([^"]*/(?:rss|atom|calendar)/[^"]*)"', html)
        assert len(feeds) == 6, feeds  # in the head and in the events section
        assert not [url for url in feeds if "?" in url], feeds


# --- What editors change shows on the next request --------------------------------------------


@pytest.fixture
def privas(site_pages):
    page = add_partner(site_pages["partners"], "Privas", title_en="Privas")
    page.save_revision().publish()  # indexed for the search, as editors publish
    return page


def test_a_section_made_private_in_the_admin_leaves_every_list_at_once(
    client, admin, site_pages, privas, committed
):
    index_url = site_pages["partners"].url
    listing = [index_url, "/fr/plan-du-site/", "/fr/recherche/?q=Privas"]
    assert client.get(privas.url).status_code == 200
    for url in listing:  # now in the caches
        assert privas.url in client.get(url).content.decode(), url

    with committed():
        set_privacy(admin, privas, PageViewRestriction.LOGIN)

    response = client.get(privas.url)
    assert response.status_code == 302 and "login" in response["Location"]
    for url in listing:
        assert privas.url not in client.get(url).content.decode(), url

    with committed():
        set_privacy(admin, privas, PageViewRestriction.NONE)
    assert client.get(privas.url).status_code == 200
    assert privas.url in client.get(index_url).content.decode()


def test_a_private_section_leaves_the_menu(client, admin, site_pages, committed):
    page = ContentPage(title="Réservé", slug="reserve", show_in_menus=True)
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    assert page.url in client.get(site_pages["home"].url).content.decode()

    with committed():
        set_privacy(admin, page, PageViewRestriction.LOGIN)

    assert page.url not in client.get(site_pages["home"].url).content.decode()


def test_contact_details_saved_in_the_admin_show_in_the_next_footer(
    client, admin, site_pages, committed
):
    home = site_pages["home"].url
    assert "Bureau des jumelages" not in client.get(home).content.decode()  # footer cached
    with committed():
        edit_contact_details(admin, service_name_fr="Bureau des jumelages")
    assert "Bureau des jumelages" in client.get(home).content.decode()


def test_a_title_published_in_the_admin_shows_in_every_menu_and_card(
    client, admin, site_pages, committed
):
    partners = site_pages["partners"]
    for url in (site_pages["home"].url, partners.url):
        client.get(url)
    with committed():
        publish_in_admin(admin, partners, title_fr="Nos villes sœurs")
    for url in (site_pages["home"].url, partners.url, site_pages["mission"].url):
        assert "Nos villes sœurs" in client.get(url).content.decode(), url


def test_a_theme_renamed_in_the_admin_shows_on_the_partner_pages(client, admin, committed):
    salford = PartnerCityPage.objects.get(slug_fr="salford")
    theme = salford.cooperation_areas.first()
    assert theme.name in client.get(salford.url).content.decode()
    with committed():
        edit_snippet(admin, theme, name_fr="Jeunesse et sport")
    assert "Jeunesse et sport" in client.get(salford.url).content.decode()


def test_a_preview_shows_the_edited_page_whatever_the_cache_holds(client, admin, site_pages):
    page = ContentPage(title_fr="Échanges", slug_fr="echanges", intro_fr="Texte publié.")
    site_pages["mission"].add_child(instance=page)
    page.save_revision().publish()
    assert "Texte publié." in client.get(page.url).content.decode()
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
    breadcrumbs = preview.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Échanges scolaires" in breadcrumbs
    public = client.get(page.url).content.decode()
    assert "Texte publié." in public and "Échanges scolaires" not in public


def test_an_event_that_ends_leaves_the_upcoming_lists_without_a_publish(
    client, site_pages, monkeypatch
):
    event = add_event(site_pages["events"], "Atelier du soir", 0, hours=1)
    event.save_revision().publish()
    later = add_event(site_pages["events"], "Atelier de printemps", 120)
    later.save_revision().publish()
    lists = [site_pages["events"].url, site_pages["cied"].url, site_pages["home"].url]

    def upcoming(url):
        html = client.get(url).content.decode()
        return html.split('id="events-heading"', 1)[1].split("</section>", 1)[0]

    for url in lists:
        assert event.url in upcoming(url), url

    # The clock passes its end: nothing is saved, no signal is sent.
    ended = event.end + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: ended)

    for url in lists:
        assert event.url not in upcoming(url), url
    assert later.url in upcoming(lists[0])
    assert event.url in client.get(lists[0] + "?period=past").content.decode()


# --- The release -------------------------------------------------------------------------------


def test_the_release_changes_with_any_template_code_or_translation(tmp_path):
    for folder in release.FOLDERS:
        (tmp_path / folder).mkdir()
    (tmp_path / "templates" / "base.html").write_text("<footer>Contact</footer>")
    (tmp_path / "partners" / "views.py").write_text("ANSWER = 1\n")
    first = release.fingerprint(tmp_path)
    assert release.fingerprint(tmp_path) == first  # the same files, the same release

    (tmp_path / "templates" / "base.html").write_text("<footer>Nous écrire</footer>")
    second = release.fingerprint(tmp_path)
    (tmp_path / "partners" / "views.py").write_text("ANSWER = 2\n")
    third = release.fingerprint(tmp_path)
    (tmp_path / "locale" / "django.mo").write_bytes(b"\x00")
    fourth = release.fingerprint(tmp_path)
    assert len({first, second, third, fourth}) == 4
    # What does not render a page is no release.
    (tmp_path / "templates" / "notes.md").write_text("draft")
    assert release.fingerprint(tmp_path) == fourth


def test_the_release_prefixes_every_key_of_the_application_cache():
    assert settings.CACHES["default"]["KEY_PREFIX"] == settings.CACHE_RELEASE
    assert caches["default"].make_key("site-version").startswith(settings.CACHE_RELEASE)
