"""The translation status compares what a reader sees, on the seeded content and on content
made in bulk, copied or reverted; translators see what changed and can confirm an English."""

import re
from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils.html import escape

from wagtail.models import Page

import pytest

from clermont_intl.content.demo import build_large_site
from clermont_intl.editorial.constants import FieldGroup, TranslationStatus
from clermont_intl.editorial.models import TranslationState
from clermont_intl.editorial.reading import field_text, html_text
from clermont_intl.editorial.translation_state import SCHEME, record
from clermont_intl.models import MissionPage
from partners.models import PartnerCityPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/translations/"
ONE_DAY = timedelta(days=1)


def statuses(page):
    return {s.field_group: s.status for s in TranslationState.objects.filter(page_id=page.pk)}


def edit(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


@pytest.fixture
def salford():
    return PartnerCityPage.objects.get(slug_fr="salford")


# What a reader sees ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored, resaved",
    [
        # The rich-text editor's spelling of the seed's HTML.
        ('<p>Voir <a linktype="page" id="5">Salford</a>.</p>',
         '<p data-block-key="x1">Voir <a id="5" linktype="page">Salford</a>.</p>'),
        ("<p>Un <strong>texte</strong>\n  important.</p>", "<p>Un <b>texte</b> important.</p>"),
        ("<p>Deux</p><p>paragraphes</p>", '<p data-block-key="a">Deux</p>\n<p>paragraphes</p>'),
        ("<p></p>", ""),
    ],
)  # fmt: skip
def test_markup_respelt_is_the_same_text(stored, resaved):
    assert html_text(stored) == html_text(resaved)


@pytest.mark.parametrize(
    "before, after",
    [
        ("<p>Un texte.</p>", "<p>Un autre texte.</p>"),
        ('<p><a href="https://a.example">lien</a></p>', '<p><a href="https://b.example">lien</a></p>'),
        ('<embed embedtype="image" id="1" format="left" alt=""/>',
         '<embed embedtype="image" id="2" format="left" alt=""/>'),
        ("<p>Un</p><p>Deux</p>", "<p>Deux</p><p>Un</p>"),
        ("<p>Un texte.</p>", "<h2>Un texte.</h2>"),
    ],
)  # fmt: skip
def test_words_links_images_and_order_are_changes(before, after):
    assert html_text(before) != html_text(after)


def test_list_blocks_in_either_json_format_and_crlf_read_the_same():
    body = MissionPage._meta.get_field("body")
    seed = [{"type": "key_facts", "value": [{"figure": "7", "label": "villes"}]}]
    admin = [
        {
            "type": "key_facts",
            "id": "b1",
            "value": [{"type": "item", "id": "i1", "value": {"figure": "7", "label": "villes"}}],
        }
    ]
    assert field_text(body, seed) == field_text(body, admin) != ""
    intro = MissionPage._meta.get_field("intro")
    assert field_text(intro, "Une ligne\r\nDeux  \r\n") == field_text(intro, "Une ligne\nDeux")


# Every seeded page, through the admin ------------------------------------------------------


def test_every_seeded_page_reads_the_same_after_a_save_that_changes_nothing(client, editor):
    """Saving each seeded page as it is (both languages through the admin's own form) moves
    no language: the rich text comes back re-serialised, the status stays complete."""
    client.force_login(editor)
    for page in PartnerCityPage.objects.all():
        edit(client, page)
        assert set(statuses(page).values()) == {TranslationStatus.COMPLETE}, page


def test_a_french_edit_of_a_seeded_page_outdates_its_english_until_the_english_changes(
    client, editor, salford
):
    client.force_login(editor)
    edit(client, salford, intro_fr=salford.intro_fr + " Une phrase ajoutée.")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED
    # The dashboard counts it too.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert re.search(r'status=outdated">[^<]+</a> : 1\b', home)
    edit(client, salford, intro_en=salford.intro_en + " An added sentence.")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.COMPLETE


def test_a_stream_page_seen_with_the_admins_json_is_no_english_change(site_pages):
    """The mission page's body as the admin saves it (ids, list items as blocks) against the
    seed's: only the French sentence added counts."""
    mission = site_pages["mission"]
    revision = mission.get_latest_revision()
    content = revision.content
    body_en = mission.body_en.get_prep_value()  # ids and list items in the admin's format
    body_fr = mission.body_fr.get_prep_value()
    body_fr[-1]["value"] = (
        body_fr[-1]["value"]
        if isinstance(body_fr[-1]["value"], dict)
        else (str(body_fr[-1]["value"]) + "<p>Une phrase ajoutée.</p>")
    )
    content = {**content, "body_en": body_en, "body_fr": body_fr, "intro_fr": "Nouvelle intro."}
    record(mission.pk, MissionPage, content, when=revision.created_at.replace(year=2100))
    assert statuses(mission)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED
    state = TranslationState.objects.get(page=mission, field_group=FieldGroup.CONTENT)
    assert state.en_changed_at < state.fr_changed_at


# Content made in bulk, states of an older scheme, copies and reverts --------------------------


@pytest.mark.slow
def test_pages_built_in_bulk_are_tracked(client, editor):
    build_large_site("essai", partners=1, projects=0, events=0)
    page = PartnerCityPage.objects.get(slug_fr="essai-ville-0000")
    client.force_login(editor)
    edit(client, page)  # saved as is: still complete
    assert set(statuses(page).values()) == {TranslationStatus.COMPLETE}
    edit(client, page, intro_fr="Une ville partenaire, réécrite.")
    assert statuses(page)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED


def test_a_page_without_state_compares_with_its_previous_content(client, editor, salford):
    """Pages loaded without signals (a bulk load, a restore) have no state: the first edit is
    compared with the content before it, not taken as both languages written together."""
    TranslationState.objects.filter(page=salford).delete()
    client.force_login(editor)
    edit(client, salford, intro_fr="Ville jumelle, réécrite.")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED
    assert statuses(salford)[FieldGroup.HEADING] == TranslationStatus.COMPLETE


def test_states_hashed_the_old_way_are_rehashed_before_comparing(client, editor, salford):
    TranslationState.objects.filter(page=salford).update(scheme=1, fr_hash="old", en_hash="old")
    client.force_login(editor)
    edit(client, salford)
    assert set(statuses(salford).values()) == {TranslationStatus.COMPLETE}
    assert set(TranslationState.objects.filter(page=salford).values_list("scheme", flat=True)) == {
        SCHEME
    }
    edit(client, salford, intro_fr="Réécrite.")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED


def copy(client, page, slug):
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    data = form_data(
        client.get(url),
        form_id=None,
        new_title_fr=f"{page.title_fr} (copie)",
        new_title_en=f"{page.title_en} (copy)",
        new_slug_fr=slug,
        new_slug_en=slug,
        new_parent_page=str(page.get_parent().pk),
        publish_copies="on",
    )
    assert client.post(url, data).status_code == 302
    return PartnerCityPage.objects.get(slug_fr=slug)


def test_a_copy_keeps_its_originals_status_and_is_tracked(client, editor, salford):
    client.force_login(editor)
    complete_copy = copy(client, salford, "salford-copie")
    assert set(statuses(complete_copy).values()) == {TranslationStatus.COMPLETE}
    edit(client, complete_copy, intro_fr="La copie, réécrite.")
    assert statuses(complete_copy)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED

    edit(client, salford, intro_fr="Salford, réécrite.")
    outdated_copy = copy(client, salford, "salford-copie-2")
    assert statuses(outdated_copy)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED


def test_a_revert_is_compared_like_any_edit(client, editor, salford):
    client.force_login(editor)
    original = salford.get_latest_revision()
    edit(client, salford, intro_fr="Réécrite.", intro_en="Rewritten.")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.COMPLETE
    edit(client, salford, intro_en="Rewritten again.")
    # Back to the original: both languages change, the page is complete.
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[salford.pk, original.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[salford.pk])
    assert client.post(edit_url, form_data(client.get(revert_url))).status_code == 302
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.COMPLETE
    # Then a French edit of the reverted page outdates it.
    edit(client, salford, intro_fr="Après le retour.")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED


# What changed, and "translation still valid" ------------------------------------------------


def test_the_row_leads_to_what_changed_side_by_side(client, editor, salford):
    client.force_login(editor)
    before = salford.intro_fr
    edit(client, salford, intro_fr=before + " Une phrase ajoutée.")
    listing = client.get(STATUS_URL).content.decode()
    changes_url = reverse("editorial_translation_changes", args=[salford.pk])
    assert changes_url in listing
    response = client.get(changes_url)
    (change,) = response.context["changes"]
    assert (change.fr_before, change.fr_now, change.en_now) == (
        before,
        before + " Une phrase ajoutée.",
        salford.intro_en,
    )
    content = response.content.decode()
    assert "Une phrase ajoutée.</ins>" in content
    assert escape(salford.intro_en) in content


def test_a_translator_marks_the_english_still_valid(client, editor, translator, salford):
    client.force_login(editor)
    edit(client, salford, intro_fr=salford.intro_fr.replace("jumelle", "jumelée"))
    client.force_login(translator)
    url = reverse("editorial_translation_still_valid", args=[salford.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.COMPLETE
    state = TranslationState.objects.get(page=salford, field_group=FieldGroup.CONTENT)
    assert state.checked_by == translator and state.checked_at is not None
    listing = client.get(STATUS_URL).content.decode()
    assert "Inès Roy" in listing
    # A later French change outdates it again, and shows only that change.
    client.force_login(editor)
    edit(client, salford, intro_fr="Tout autre chose.")
    (change,) = client.get(reverse("editorial_translation_changes", args=[salford.pk])).context[
        "changes"
    ]
    assert change.fr_before == salford.intro_fr.replace("jumelle", "jumelée")


def test_what_changed_needs_the_right_to_edit_the_page(client, django_user_model, salford):
    someone = django_user_model.objects.create_user("x", "x@example.org", "a-long-pass-word")
    someone.user_permissions.add(*_admin_access())
    TranslationState.objects.filter(page=salford).update(fr_changed_at=F("en_changed_at") + ONE_DAY)
    client.force_login(someone)
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    changes = client.get(reverse("editorial_translation_changes", args=[salford.pk]))
    assert (changes.status_code, changes.url) == (302, "/admin/")
    check = client.post(reverse("editorial_translation_still_valid", args=[salford.pk]))
    assert (check.status_code, check.url) == (302, "/admin/")
    assert statuses(salford)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED
    missing = reverse("editorial_translation_changes", args=[999999])
    assert client.get(missing, follow=True).status_code == 404


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def test_root_is_not_a_translated_page(client, editor):
    client.force_login(editor)
    root = Page.get_first_root_node()
    root_url = reverse("editorial_translation_changes", args=[root.pk])
    assert client.get(root_url, follow=True).status_code == 404


def test_children_in_another_order_are_no_language_change(client, editor, site_pages):
    """The support form's fields, returned in another order (PostgreSQL gives seeded children,
    which have no sort order, in any order): neither language changed."""
    from projects.models import ProjectSupportFormPage

    form_page = site_pages["support_form"]
    content = form_page.get_latest_revision().content
    reordered = {**content, "form_fields": list(reversed(content["form_fields"]))}
    for position, item in enumerate(reordered["form_fields"]):
        item["sort_order"] = position
    later = form_page.get_latest_revision().created_at.replace(year=2100)
    record(form_page.pk, ProjectSupportFormPage, reordered, when=later)
    assert set(statuses(form_page).values()) == {TranslationStatus.COMPLETE}
    # A word changed in one field's French label is a French change.
    reordered["form_fields"][0]["label_fr"] += " (obligatoire)"
    record(form_page.pk, ProjectSupportFormPage, reordered, when=later.replace(year=2101))
    assert statuses(form_page)[FieldGroup.CONTENT] == TranslationStatus.OUTDATED


def test_a_check_by_a_user_since_deleted_still_lists(client, editor, translator, salford):
    """The Translations screen and the changes view name "a former user" (they answered 500)."""
    client.force_login(editor)
    edit(client, salford, intro_fr=salford.intro_fr.replace("jumelle", "jumelée"))
    client.force_login(translator)
    client.post(reverse("editorial_translation_still_valid", args=[salford.pk]))
    translator.delete()
    client.force_login(editor)
    listing = client.get(STATUS_URL)
    assert listing.status_code == 200
    assert "ancien utilisateur" in listing.content.decode()
    changes = client.get(reverse("editorial_translation_changes", args=[salford.pk]))
    assert changes.status_code == 200
