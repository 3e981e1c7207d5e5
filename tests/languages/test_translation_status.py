"""The translation status tells translators which English texts are missing or outdated."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from clermont_intl.editorial.constants import FieldGroup, TranslationStatus
from partners.models import PartnerCityPage
from tests.admin_forms import form_data
from tests.factories import add_partner

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/translations/"


def status_of(client, page):
    """The page's row, as the translation status view lists it."""
    response = client.get(STATUS_URL)
    assert response.status_code == 200
    (row,) = [row for row in response.context["rows"] if row.page.pk == page.pk]
    return row


def edit(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


@pytest.fixture
def partner(site_pages):
    """A translated partner of this test's own: other tests (the loopback stack) publish changes
    to the seeded pages from another process, and those commits outlive their test."""
    page = add_partner(
        site_pages["partners"],
        "Traduiteville",
        title_en="Translatedtown",
        intro_fr="Une ville traduite.",
        intro_en="A translated town.",
    )
    page.save_revision().publish()
    return PartnerCityPage.objects.get(pk=page.pk)


def test_every_page_of_the_section_is_listed_with_links_and_counts(client, editor, site_pages):
    client.force_login(editor)
    response = client.get(STATUS_URL)
    content = response.content.decode()
    rows = response.context["rows"]
    listed = {row.page.pk for row in rows}
    for page in site_pages.values():
        assert page.pk in listed
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in content
    counts = dict(response.context["counts"])
    assert sum(counts.values()) == len(rows)
    # The seeded section pages are translated throughout. (Partner pages are left out: the
    # loopback stack tests republish one from another process, and those commits are real edits.)
    by_page = {row.page.pk: row.status for row in rows}
    for page in site_pages.values():
        assert by_page[page.pk] == TranslationStatus.COMPLETE, page


def test_editing_the_french_flags_the_english_outdated_until_it_is_edited(client, editor, partner):
    client.force_login(editor)
    assert status_of(client, partner).states[FieldGroup.CONTENT] == TranslationStatus.COMPLETE

    edit(client, partner, intro_fr="Une introduction réécrite en français.")
    row = status_of(client, partner)
    assert row.states[FieldGroup.CONTENT] == TranslationStatus.OUTDATED
    assert row.states[FieldGroup.HEADING] == TranslationStatus.COMPLETE
    assert row.status == TranslationStatus.OUTDATED
    outdated = client.get(STATUS_URL, {"status": "outdated"}).context["rows"]
    assert partner.pk in [r.page.pk for r in outdated]
    assert all(r.status == TranslationStatus.OUTDATED for r in outdated)

    # The English written in a draft is not complete until it is live.
    edit(client, partner, intro_en="An introduction rewritten in English.")
    assert status_of(client, partner).states[FieldGroup.CONTENT] == TranslationStatus.DRAFT
    edit(client, partner, **{"action-publish": "1"})
    assert status_of(client, partner).states[FieldGroup.CONTENT] == TranslationStatus.COMPLETE


def test_a_title_change_is_tracked_in_its_own_group(client, editor, partner):
    client.force_login(editor)
    edit(client, partner, title_fr=f"{partner.title_fr} (métropole)", **{"action-publish": "1"})
    row = status_of(client, partner)
    assert row.states[FieldGroup.HEADING] == TranslationStatus.OUTDATED
    assert row.states[FieldGroup.CONTENT] == TranslationStatus.COMPLETE


def test_a_page_without_english_is_missing(client, editor, site_pages):
    page = add_partner(site_pages["partners"], "Sansanglais", intro_fr="Seulement en français.")
    client.force_login(editor)
    row = status_of(client, page)
    assert row.states[FieldGroup.CONTENT] == TranslationStatus.MISSING
    assert row.status == TranslationStatus.MISSING


def test_filters_by_page_type_and_state(client, editor, site_pages):
    add_partner(site_pages["partners"], "Sansanglais", intro_fr="Seulement en français.")
    client.force_login(editor)
    partner_type = str(site_pages["partners"].get_children().first().content_type_id)
    rows = client.get(STATUS_URL, {"page_type": partner_type}).context["rows"]
    assert rows and all(type(row.page.specific) is PartnerCityPage for row in rows)
    missing = client.get(STATUS_URL, {"page_type": partner_type, "status": "missing"})
    assert [row.page.title for row in missing.context["rows"]] == ["Sansanglais"]
    # A value that is not offered is ignored with the full list, not an error.
    assert client.get(STATUS_URL, {"status": "nonsense", "page_type": "x"}).status_code == 200


def test_the_menu_and_the_dashboard_lead_to_the_status(client, editor):
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert STATUS_URL in home
    assert "panel-translation-status-heading" in home


@pytest.mark.slow
def test_query_count_does_not_grow_with_the_number_of_pages(client, editor, site_pages):
    client.force_login(editor)
    index = site_pages["partners"]

    def count_queries():
        client.get(STATUS_URL)  # warm the per-request caches (session, user, site)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(STATUS_URL).status_code == 200
        return len(queries)

    for n in range(10):
        add_partner(index, f"Ville{n}", intro_fr="Texte.")
    with_10 = count_queries()
    for n in range(10, 50):
        add_partner(index, f"Ville{n}", intro_fr="Texte.")
    with_50 = count_queries()
    assert with_50 == with_10
