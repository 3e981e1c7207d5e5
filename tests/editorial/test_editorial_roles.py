"""Each editorial role does what it should through the admin's own views, and no more."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction, Workflow

import pytest

from clermont_intl.editorial.constants import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    TRANSLATORS_GROUP,
    WORKFLOW_NAME,
)
from partners.models import PartnerCityPage
from tests.admin_forms import form_data
from tests.factories import add_partner

pytestmark = pytest.mark.django_db

LYON_URL_FR = "/fr/relations-internationales/villes-partenaires/{slug}/"


@pytest.fixture
def partner():
    return PartnerCityPage.objects.live().order_by("path").first()


def public_url(page):
    return page.get_url()


def edit(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    return client.post(url, form_data(response, **changes))


def assert_refused(response):
    """Wagtail answers a forbidden admin view with 403, or a redirect to the dashboard."""
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")


def test_the_roles_and_the_workflow_exist_after_migrating():
    for name in (EDITORS_GROUP, TRANSLATORS_GROUP, MODERATORS_GROUP):
        assert Group.objects.filter(name=name).exists()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]


def test_only_communication_editors_change_the_contact_details_and_notification_addresses(
    communication, translator, moderator
):
    """The migrations give the communication editors the core's notification permission and the
    CIED's contact settings with the site's (its own app's permission, not the core's)."""
    permissions = [
        "clermont_intl.change_contactsettings",
        "cied.change_ciedcontactsettings",
        "clermont_intl.change_notification_address",
    ]
    assert all(communication.has_perm(permission) for permission in permissions)
    for user in (translator, moderator):
        assert not any(user.has_perm(permission) for permission in permissions)


def test_the_workflow_covers_every_page_of_the_section(site_pages, partner):
    for page in [*site_pages.values(), partner]:
        assert page.get_workflow().name == WORKFLOW_NAME


def test_translator_edits_both_languages_and_submits_to_moderation(
    client, translator, moderator, partner
):
    live_intro = partner.intro_fr
    client.force_login(translator)
    response = edit(
        client,
        partner,
        intro_fr="Texte revu par la traductrice.",
        intro_en="Text reviewed by the translator.",
        **{"action-submit": "Submit"},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    # Nothing public changes until a moderator approves.
    assert partner.intro_fr == live_intro
    assert partner.workflow_in_progress
    draft = partner.get_latest_revision_as_object()
    assert (draft.intro_fr, draft.intro_en) == (
        "Texte revu par la traductrice.",
        "Text reviewed by the translator.",
    )
    assert "Texte revu" not in client.get(public_url(partner)).content.decode()

    # The moderator sees the task on the dashboard and approves it: the page is published.
    client.force_login(moderator)
    assert partner.title in client.get(reverse("wagtailadmin_home")).content.decode()
    task_state = partner.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[partner.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": "Merci."})
    assert response.status_code in (200, 302)
    partner.refresh_from_db()
    assert partner.intro_fr == "Texte revu par la traductrice."
    assert partner.intro_en == "Text reviewed by the translator."
    assert not partner.workflow_in_progress


def test_moderator_can_reject_submitted_changes(client, translator, moderator, partner):
    client.force_login(translator)
    edit(client, partner, intro_fr="Version refusée.", **{"action-submit": "Submit"})
    client.force_login(moderator)
    task_state = partner.current_workflow_task_state
    reject = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[partner.pk, "reject", task_state.pk],
    )
    client.post(reject, {"comment": "À revoir."})
    partner.refresh_from_db()
    assert partner.intro_fr != "Version refusée."
    assert partner.current_workflow_state.status == "needs_changes"


def test_translator_cannot_publish(client, translator, partner):
    live_intro = partner.intro_fr
    client.force_login(translator)
    response = edit(client, partner, intro_fr="Publication forcée.", **{"action-publish": "1"})
    assert response.status_code in (200, 302)
    partner.refresh_from_db()
    assert partner.intro_fr == live_intro
    assert "Publication forcée." not in client.get(public_url(partner)).content.decode()
    # Neither can the translator unpublish.
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[partner.pk])
    refused = client.post(unpublish)
    assert refused.status_code == 403 or refused["Location"] == reverse("wagtailadmin_home")
    partner.refresh_from_db()
    assert partner.live


def test_translator_cannot_create_delete_or_move(client, translator, site_pages, partner):
    draft = add_partner(site_pages["partners"], "Brouillon", live=False)
    client.force_login(translator)
    index = site_pages["partners"]
    add = reverse("wagtailadmin_pages:add", args=["partners", "partnercitypage", index.pk])
    assert_refused(client.get(add))
    for page in (partner, draft):
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert PartnerCityPage.objects.filter(pk=page.pk).exists()
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, index.pk]))
        destination = site_pages["mission"]
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))
        page.refresh_from_db()
        assert page.get_parent().pk == index.pk
    # The live page's delete and move screens are refused outright.
    for view in ("wagtailadmin_pages:delete", "wagtailadmin_pages:move"):
        assert_refused(client.get(reverse(view, args=[partner.pk])))
    # A draft is not deletable or movable either, though Wagtail would let "change" delete it.
    for view in ("wagtailadmin_pages:delete", "wagtailadmin_pages:move", "wagtailadmin_pages:copy"):
        assert_refused(client.get(reverse(view, args=[draft.pk])))


def test_communication_editor_publishes_directly(client, communication, partner):
    client.force_login(communication)
    response = edit(
        client, partner, intro_fr="Publié par la communication.", **{"action-publish": "1"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.intro_fr == "Publié par la communication."
    assert "Publié par la communication." in client.get(public_url(partner)).content.decode()


def test_communication_editor_manages_media_programmes_and_submissions(
    client, communication, site_pages
):
    client.force_login(communication)
    for url in [
        reverse("wagtailimages:add"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailsnippets_projects_programme:add"),
        reverse("wagtailsnippets_clermont_intl_theme:add"),
        reverse("wagtailforms:list_submissions", args=[site_pages["support_form"].pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_translators_and_moderators_do_not_see_submissions_or_programmes(
    client, translator, moderator, site_pages
):
    submissions = reverse("wagtailforms:list_submissions", args=[site_pages["support_form"].pk])
    for user in (translator, moderator):
        client.force_login(user)
        assert client.get(submissions).status_code in (302, 403, 404)
        assert client.get(reverse("wagtailsnippets_projects_programme:add")).status_code in (
            302,
            403,
        )


def test_anonymous_sees_no_draft_no_private_page_and_no_admin(client, site_pages, partner):
    draft = add_partner(site_pages["partners"], "Ebauche", live=False)
    assert client.get(LYON_URL_FR.format(slug="ebauche")).status_code == 404
    # A draft of a live page stays unseen too.
    draft_of_live = partner.get_latest_revision_as_object()
    draft_of_live.intro_fr = "Brouillon secret."
    draft_of_live.save_revision()
    assert "Brouillon secret." not in client.get(public_url(partner)).content.decode()
    PageViewRestriction.objects.create(page=partner, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(public_url(partner))
    assert response.status_code == 302
    assert partner.intro_fr not in client.get(public_url(partner), follow=True).content.decode()
    en = client.get(partner.get_url().replace("/fr/", "/en/", 1))
    assert en.status_code in (302, 404)
    admin = client.get(reverse("wagtailadmin_home"))
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert draft.pk


def test_moderator_compares_the_submitted_revision_with_the_live_page(
    client, translator, moderator, partner
):
    live_intro = partner.intro_fr
    client.force_login(translator)
    edit(client, partner, intro_fr="Texte soumis à relecture.", **{"action-submit": "Submit"})
    partner.refresh_from_db()
    revision = partner.get_latest_revision()
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[partner.pk, "live", revision.pk]
    )

    # The link of the dashboard's "Awaiting your review" opens the comparison.
    client.force_login(moderator)
    assert compare in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(compare)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Texte soumis à relecture." in html
    assert live_intro in html


def test_moderator_compares_only_pages_awaiting_review(client, moderator, partner):
    revision = partner.save_revision()
    client.force_login(moderator)
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[partner.pk, "live", revision.pk]
    )
    assert_refused(client.get(compare))
    # Nor does the comparison open the page explorer to them.
    assert_refused(client.get(reverse("wagtailadmin_explore_root")))
