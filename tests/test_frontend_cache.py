"""Publishing, unpublishing and moving a page purge it from the proxy in both languages, with
the pages that list it (clermont_intl.frontend_cache), through Wagtail's frontend cache."""

from django.urls import reverse

from wagtail.contrib.frontend_cache.backends import BaseBackend

import pytest

from clermont_intl.frontend_cache import urls_to_purge
from partners.models import PartnerCityPage

PURGED = []
BASE = "http://localhost"
SALFORD_FR = f"{BASE}/fr/relations-internationales/villes-partenaires/salford/"
PARTNERS_FR = f"{BASE}/fr/relations-internationales/villes-partenaires/"


class RecordingBackend(BaseBackend):
    """Records what would be sent to the proxy."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    return PURGED


@pytest.fixture
def salford(db):
    return PartnerCityPage.objects.get(slug_fr="salford")


def expected_english(page):
    from django.utils import translation

    with translation.override("en"):
        return page.get_full_url()


@pytest.mark.django_db
def test_publishing_purges_the_page_and_its_index_in_both_languages(purged, salford, site_pages):
    salford.title_fr = "Salford (Grand Manchester)"
    salford.save_revision().publish()
    assert SALFORD_FR in purged
    assert expected_english(salford) in purged
    assert expected_english(salford).startswith(f"{BASE}/en/")
    assert PARTNERS_FR in purged
    assert expected_english(site_pages["partners"]) in purged
    for page in ("home", "mission"):
        assert site_pages[page].get_full_url() in purged
        assert expected_english(site_pages[page]) in purged


@pytest.mark.django_db
def test_unpublishing_through_the_admin_purges_both_languages(purged, salford, editor, client):
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[salford.pk]))
    assert response.status_code == 302
    salford.refresh_from_db()
    assert not salford.live
    assert SALFORD_FR in purged
    assert expected_english(salford) in purged
    assert PARTNERS_FR in purged


@pytest.mark.django_db
def test_moving_purges_the_old_and_new_addresses(purged, site_pages, editor):
    from tests.factories import add_partner

    page = add_partner(site_pages["partners"], "Mobile")
    other_index = site_pages["projects"]
    old_fr = page.get_full_url()
    old_en = expected_english(page)
    purged.clear()
    # Moved with Wagtail's move action, as the admin's move view does; a partner does not belong
    # under the projects index, so the parent type rules are skipped (the point is the purge).
    from wagtail.actions.move_page import MovePageAction

    MovePageAction(page, other_index, pos="last-child", user=editor).execute(
        skip_permission_checks=True
    )
    page.refresh_from_db()
    assert old_fr in purged and old_en in purged
    assert page.get_full_url() in purged and expected_english(page) in purged
    assert PARTNERS_FR in purged


@pytest.mark.django_db
def test_nothing_is_sent_without_a_proxy(settings, salford):
    PURGED.clear()
    settings.WAGTAILFRONTENDCACHE = {}
    salford.save_revision().publish()
    assert PURGED == []
    # What would be purged does not depend on the language the editor works in.
    assert len(urls_to_purge(salford)) == len(set(urls_to_purge(salford))) >= 8


@pytest.mark.django_db
def test_pages_that_change_with_the_clock_tell_the_proxy_how_long_they_hold(client, site_pages):
    """Which events are upcoming changes when one ends, with no publish to purge them."""
    from django.conf import settings

    for page in ("cied", "events"):
        response = client.get(site_pages[page].url)
        assert f"s-maxage={settings.EVENTS_CACHE_SECONDS}" in response["Cache-Control"], page
    calendar = client.get(site_pages["events"].url + "calendar/")
    assert "s-maxage" in calendar["Cache-Control"]
    # Other pages are kept until purged.
    assert "s-maxage" not in client.get(site_pages["mission"].url).get("Cache-Control", "")
