"""The translators' workbench: every French change seen per unit, the English's real state,
Copy from French, word counts, and who sees the Translations screen."""

import re
import uuid

from django.urls import reverse
from django.utils.html import escape

from wagtail.models import WorkflowState

import pytest

from clermont_intl.editorial.constants import (
    TRANSLATORS_GROUP,
    FieldGroup,
    TranslationStatus,
)
from clermont_intl.editorial.models import TranslationState
from clermont_intl.editorial.translation_state import changes_since_english
from clermont_intl.editorial.units import words
from partners.models import PartnerCityPage
from tests.admin_forms import form_data as page_form_data
from tests.stream_forms import stream_data

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/translations/"


def form_data(response, **changes):
    """The edit form's data as a browser sends it, StreamFields included."""
    page = response.context["page"].get_latest_revision_as_object()
    data = page_form_data(response)
    for name in ("body_fr", "body_en"):
        if hasattr(page, name):
            data.update({key: [value] for key, value in stream_data(page, name).items()})
    data.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
    return data


def latest(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def save(page):
    page.save_revision()
    return page


def changes(page):
    return {change.key: change for change in changes_since_english(page)}


def stream(page, name="body_fr"):
    return list(getattr(page, name).raw_data)


def set_stream(page, blocks, name="body_fr"):
    setattr(page, name, blocks)


def paragraph_ids(page):
    return [b["id"] for b in stream(page) if b["type"] == "paragraph"]


# 1. Every French change is seen, unit by unit -----------------------------------------------


def test_the_first_edit_of_a_block_is_seen_as_that_block(site_pages):
    mission = latest(site_pages["mission"])
    blocks = stream(mission)
    first = next(b for b in blocks if b["type"] == "paragraph")
    before = first["value"]
    first["value"] = before.replace("</p>", " Une phrase ajoutée.</p>", 1)
    set_stream(mission, blocks)
    save(mission)
    found = changes(mission)
    assert list(found) == [f"body.{first['id']}"], "one block, never the whole body"
    change = found[f"body.{first['id']}"]
    assert change.kind == "changed"
    assert "Une phrase ajoutée." in change.fr_now and "Une phrase ajoutée." not in change.fr_before
    assert "phrase ajoutée.</ins>" in change.fr_diff
    assert change.new_words == 3


def test_a_block_added_removed_or_moved_is_seen(site_pages):
    mission = latest(site_pages["mission"])
    blocks = stream(mission)
    assert len(blocks) >= 3
    removed = blocks.pop(1)
    blocks.append(blocks.pop(0))  # the first block goes last
    added = {"type": "paragraph", "value": "<p>Un paragraphe nouveau.</p>", "id": str(uuid.uuid4())}
    blocks.insert(0, added)
    set_stream(mission, blocks)
    save(mission)
    kinds = {key: change.kind for key, change in changes(mission).items()}
    assert kinds[f"body.{added['id']}"] == "added"
    assert kinds[f"body.{removed['id']}"] == "removed"
    assert kinds[f"body.{blocks[-1]['id']}"] == "moved"
    assert set(kinds.values()) == {"added", "removed", "moved"}
    assert len([k for k in kinds.values() if k == "moved"]) == 1, "only the block that moved"


def test_a_rich_text_links_target_is_a_change(site_pages):
    from clermont_intl.editorial.translation_state import mark_english_checked

    mission = latest(site_pages["mission"])
    blocks = stream(mission)
    block = next(b for b in blocks if b["type"] == "paragraph")
    block["value"] = '<p>Voir <a href="https://example.org/ancien">le site</a>.</p>'
    set_stream(mission, blocks)
    save(mission)
    # The translator finds the English still valid; then only the link's target changes.
    mark_english_checked(mission, None)
    mission = latest(mission)
    blocks = stream(mission)
    block = next(b for b in blocks if b["id"] == block["id"])
    block["value"] = '<p>Voir <a href="https://example.org/nouveau">le site</a>.</p>'
    set_stream(mission, blocks)
    save(mission)
    (change,) = changes(mission).values()
    assert change.key == f"body.{block['id']}"
    assert "example.org/ancien" in change.fr_before and "example.org/nouveau" in change.fr_now


@pytest.mark.parametrize(
    "relation, name",
    [("history_entries", "text"), ("history_entries", "title")],
)
def test_an_inline_entrys_text_is_seen_as_that_entry(site_pages, relation, name):
    aberdeen = PartnerCityPage.objects.get(slug_fr="aberdeen")
    page = latest(aberdeen)
    entries = list(getattr(page, relation).all())
    assert entries, "the seeded partner has entries"
    entry = entries[-1]
    setattr(entry, f"{name}_fr", getattr(entry, f"{name}_fr") + " (complété)")
    setattr(page, relation, entries)  # modelcluster hands out copies
    save(page)
    found = changes(page)
    key = f"{relation}.{entry.pk}.{name}"
    assert list(found) == [key]
    assert found[key].fr_now.endswith("(complété)")


def test_a_form_fields_label_is_seen(site_pages):
    form_page = latest(site_pages["support_form"])
    fields = list(form_page.form_fields.all())
    field = fields[0]
    field.label_fr = field.label_fr + " (obligatoire)"
    form_page.form_fields = fields
    save(form_page)
    assert list(changes(form_page)) == [f"form_fields.{field.pk}.label"]


def test_editing_the_mission_intro_through_the_admin_outdates_it(client, editor, site_pages):
    """The issue's case: the mission page's introduction edited and published in the admin."""
    client.force_login(editor)
    mission = site_pages["mission"]
    url = reverse("wagtailadmin_pages:edit", args=[mission.pk])
    response = client.post(
        url,
        form_data(
            client.get(url), intro_fr="Une introduction revue.", **{"action-publish": "action"}
        ),
    )
    assert response.status_code == 302
    state = TranslationState.objects.get(page=mission, field_group=FieldGroup.CONTENT)
    assert state.status == TranslationStatus.OUTDATED
    response = client.get(reverse("editorial_translation_changes", args=[mission.pk]))
    assert [c.key for c in response.context["changes"]] == ["intro"]


# 2. The English's real state ------------------------------------------------------------------


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirection to the dashboard and a
    message ("Sorry, you do not have permission…")."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def english_url(page):
    from django.utils import translation

    with translation.override("en"):
        return type(page).objects.get(pk=page.pk).get_url()


def row_of(client, page):
    rows = client.get(STATUS_URL).context["rows"]
    (row,) = [row for row in rows if row.page.pk == page.pk]
    return row


def test_english_in_a_draft_in_moderation_sent_back_then_live(
    client, translator, moderator, site_pages
):
    mission = site_pages["mission"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[mission.pk])
    client.force_login(translator)
    assert row_of(client, mission).status == TranslationStatus.COMPLETE

    client.post(edit_url, form_data(client.get(edit_url), intro_en="An English draft."))
    assert row_of(client, mission).status == TranslationStatus.DRAFT

    data = form_data(client.get(edit_url), **{"action-submit": "1"})
    assert client.post(edit_url, data).status_code == 302
    assert row_of(client, mission).status == TranslationStatus.IN_MODERATION

    state = WorkflowState.objects.get(object_id=str(mission.pk), status="in_progress")
    task_state = state.current_task_state
    client.force_login(moderator)
    # The moderator sees the page in moderation (and only such pages).
    rows = client.get(STATUS_URL).context["rows"]
    assert [row.page.pk for row in rows] == [mission.pk]
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[mission.pk, "reject", task_state.pk]
    )
    assert client.post(reject, {"comment": "À revoir"}).status_code in (200, 302)
    client.force_login(translator)
    assert row_of(client, mission).status == TranslationStatus.SENT_BACK

    data = form_data(client.get(edit_url), **{"action-submit": "1"})
    client.post(edit_url, data)
    state = WorkflowState.objects.get(object_id=str(mission.pk), status="in_progress")
    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[mission.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    client.force_login(translator)
    assert row_of(client, mission).status == TranslationStatus.COMPLETE


@pytest.mark.parametrize(
    "language, label",
    [("en", "English in a draft"), ("fr", "Anglais dans un brouillon")],
)
def test_the_state_is_named_in_both_admin_languages(
    client, translator, site_pages, language, label
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = language
    profile.save()
    mission = site_pages["mission"]
    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[mission.pk])
    client.post(edit_url, form_data(client.get(edit_url), intro_en="A draft, again."))
    assert label in client.get(STATUS_URL).content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'?status={TranslationStatus.DRAFT.value}">{label}</a>' in home


# Who sees the Translations screen (issue 23, item 9) ------------------------------------------


def test_moderators_see_no_draft_title_and_no_page_outside_moderation(
    client, communication, moderator, site_pages
):
    mission = site_pages["mission"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[mission.pk])
    client.force_login(communication)
    secret = "Un titre de brouillon confidentiel"
    client.post(edit_url, form_data(client.get(edit_url), title_fr=secret))
    assert secret in client.get(STATUS_URL).content.decode()
    client.force_login(moderator)
    response = client.get(STATUS_URL)
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert secret not in response.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert secret not in home
    # Nor the page's texts, its XLIFF or its copy.
    for url in (
        reverse("editorial_translation_units", args=[mission.pk]),
        reverse("editorial_translation_changes", args=[mission.pk]),
        reverse("editorial_translation_export") + f"?scope=page&page={mission.pk}",
    ):
        assert refused(client.get(url)), url


def test_users_in_no_group_are_refused(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("sansgroupe", "s@example.org", "pw-1234-abcd")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert refused(client.get(STATUS_URL))


# 3. Copy from French --------------------------------------------------------------------------


def test_copy_from_french_keeps_the_text_to_translate_until_it_differs(
    client, translator, editor, site_pages
):
    mission = site_pages["mission"]
    client.force_login(translator)
    copy_url = reverse("editorial_translation_copy", args=[mission.pk])
    assert client.post(copy_url, {"unit": "intro"}).status_code == 302
    draft = latest(mission)
    assert draft.intro_en == draft.intro_fr
    assert mission.intro_en != draft.intro_en, "the live page is untouched: a draft"
    state = TranslationState.objects.get(page=mission, field_group=FieldGroup.CONTENT)
    assert state.copied == ["intro"] and state.status == TranslationStatus.MISSING
    units = client.get(reverse("editorial_translation_units", args=[mission.pk]))
    assert 'data-unit="intro" data-to-translate="1"' in units.content.decode()

    # Published as it is, the public English page marks the copied French passage.
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[mission.pk])
    client.post(edit_url, form_data(client.get(edit_url), **{"action-publish": "1"}))
    english = client.get(english_url(mission)).content.decode()
    assert f'<p class="intro" lang="fr">{escape(draft.intro_fr)}' in english

    # Translated: no longer to translate, no longer marked.
    client.post(
        edit_url,
        form_data(client.get(edit_url), intro_en="Translated at last.", **{"action-publish": "1"}),
    )
    state.refresh_from_db()
    assert state.copied == [] and state.status == TranslationStatus.COMPLETE
    english = client.get(english_url(mission)).content.decode()
    assert '<p class="intro">Translated at last.' in english


def test_copy_a_block_from_french(client, translator, site_pages):
    mission = site_pages["mission"]
    client.force_login(translator)
    block_id = paragraph_ids(latest(mission))[0]
    response = client.post(
        reverse("editorial_translation_copy", args=[mission.pk]), {"unit": f"body.{block_id}"}
    )
    assert response.status_code == 302
    draft = latest(mission)
    (english,) = [b for b in stream(draft, "body_en") if b["id"] == block_id]
    (french,) = [b for b in stream(draft) if b["id"] == block_id]
    assert english["value"] == french["value"]
    assert stream(draft) == stream(mission), "the French is untouched"


def test_copy_of_a_unit_no_longer_on_the_page_is_a_clear_message(client, translator, site_pages):
    client.force_login(translator)
    mission = site_pages["mission"]
    response = client.post(
        reverse("editorial_translation_copy", args=[mission.pk]),
        {"unit": "body.no-such-block"},
        follow=True,
    )
    assert response.status_code == 200
    assert "no longer on the page" in response.content.decode() or "plus sur la page" in (
        response.content.decode()
    )
    assert latest(mission).latest_revision_id == mission.latest_revision_id


# 5. Word counts -------------------------------------------------------------------------------


def test_word_counts_per_page_and_of_what_changed(client, translator, site_pages):
    assert words("## Le jumelage\n- l’entrée [du site](https://example.org) [image 3 left x]") == 5
    mission = latest(site_pages["mission"])
    mission.intro_fr = "Trois mots ici."
    save(mission)
    client.force_login(translator)
    row = row_of(client, mission)
    assert row.words > 20
    assert row.pending_words == 3
    response = client.get(reverse("editorial_translation_changes", args=[mission.pk]))
    assert response.context["words"] == 3


# 6. The daily digest ---------------------------------------------------------------------------


def run_digest():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_translation_digest", stdout=out)
    return out.getvalue()


def test_the_daily_digest_lists_french_changes_once_a_day_and_can_be_turned_off(
    client, translator, site_pages, mailoutbox, make_user
):
    from datetime import timedelta

    from django.utils import timezone

    from clermont_intl.editorial.digest import send_digests
    from clermont_intl.editorial.models import TranslatorPreference

    other = make_user("autre", TRANSLATORS_GROUP)
    # Nothing changed in French since the English: nothing sent.
    assert "0 translation digest(s) sent." in run_digest()
    assert mailoutbox == []

    mission = latest(site_pages["mission"])
    mission.intro_fr = "Une introduction changée pour le résumé."
    save(mission)
    # The second translator turns it off in their account settings (Wagtail's panel).
    client.force_login(other)
    account = reverse("wagtailadmin_account")
    page = client.get(account).content.decode()
    assert "translation_digest-daily_digest" in page
    data = page_form_data(client.get(account), form_id=None)
    # A browser sends a select's first option when none is marked selected.
    for name, first in re.findall(r'<select name="([^"]+)"[^>]*>\s*<option value="([^"]*)"', page):
        data.setdefault(name, [first])
    data.pop("translation_digest-daily_digest", None)
    data.update({"name_email-first_name": ["Alex"], "name_email-last_name": ["Autre"]})
    assert client.post(account, data).status_code == 302
    assert TranslatorPreference.objects.get(user=other).daily_digest is False

    assert "1 translation digest(s) sent." in run_digest()
    (mail,) = mailoutbox
    assert mail.to == [translator.email]
    assert mission.title in mail.body
    assert reverse("editorial_translation_changes", args=[mission.pk]) in mail.body
    # Idempotent: a second round the same day sends nothing.
    assert "0 translation digest(s) sent." in run_digest()
    # The next day, nothing new in French: nothing sent either.
    assert send_digests(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mailoutbox) == 1


def test_still_valid_on_a_published_page_leaves_it_complete_not_waiting(
    client, translator, editor, site_pages
):
    """A French typo fixed and published, then the English checked as still valid: the live
    English is complete (no English revision waits for publication)."""
    mission = site_pages["mission"]
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[mission.pk])
    data = form_data(
        client.get(edit_url), intro_fr=mission.intro_fr + " Corrigé.", **{"action-publish": "1"}
    )
    assert client.post(edit_url, data).status_code == 302
    client.force_login(translator)
    assert row_of(client, mission).status == TranslationStatus.OUTDATED
    client.post(reverse("editorial_translation_still_valid", args=[mission.pk]))
    assert row_of(client, mission).status == TranslationStatus.COMPLETE
