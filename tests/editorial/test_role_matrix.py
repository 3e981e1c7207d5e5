"""Every role × every action, through the admin's own URLs, as a browser would send them.

Each cell logs in as the role (or stays anonymous), takes the CSRF token from a form the admin
rendered for it, sends the real request with CSRF checks on, then looks at the database: the
action happened (allowed) or nothing changed (refused). docs/security.md shows the same matrix;
``test_the_documented_matrix_is_the_tested_one`` keeps the two in step.
"""

import io
import re
from pathlib import Path
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest
from PIL import Image as PILImage

from cied.models import CiedContactSettings
from clermont_intl.content.demo import make_image
from clermont_intl.editorial.constants import EDITORS_GROUP, MODERATORS_GROUP, TRANSLATORS_GROUP
from clermont_intl.models import ContactSettings, ContentPage, Theme
from partners.models import PartnerCityPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROLES = ["Anonymous", "Translator", "Moderator", "Communication editor"]
GROUPS = {
    "Translator": TRANSLATORS_GROUP,
    "Moderator": MODERATORS_GROUP,
    "Communication editor": EDITORS_GROUP,
}
# A form's hidden field, or the token Wagtail's admin gives its own scripts (wagtail-config).
TOKEN = re.compile(r'(?:name="csrfmiddlewaretoken" value="|"CSRF_TOKEN": ")([^"]+)"')

ACTIONS = {}


def action(label, *allowed):
    """Registers an action with the roles allowed to do it; the function returns whether the
    action took effect."""

    def register(function):
        ACTIONS[label] = (function, set(allowed))
        return function

    return register


# --- Acting as a role -------------------------------------------------------------------------


class Actor:
    """A browser session of one role: CSRF checks on, the token read from a rendered page (the
    login form for anonymous visitors, the dashboard's configuration for the admin's scripts)."""

    def __init__(self, user):
        self.client = Client(enforce_csrf_checks=True)
        if user:
            self.client.force_login(user)
        # The dashboard for a logged-in user, the login form for anyone else.
        page = self.client.get(reverse("wagtailadmin_home"), follow=True)
        self.token = TOKEN.search(page.content.decode()).group(1)

    def get(self, url, **params):
        response = self.client.get(url, params)
        assert response.status_code < 500, url
        return response

    def post(self, url, data=None, **extra):
        data = dict(data or {})
        data["csrfmiddlewaretoken"] = self.token
        response = self.client.post(url, data, **extra)
        assert response.status_code < 500, url
        # A refused CSRF check would make every cell "refused" and prove nothing.
        assert not (
            response.status_code == 403 and b"CSRF verification failed" in response.content
        ), url
        return response


def shown(response, text):
    """A page shown to the role (not a redirect to the login or an error) that contains text."""
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response.status_code == 200 and text in body.decode()


def reference_form(world, url, form_id=None, **changes):
    """The form as the admin renders it for a superuser, with changes: what a role would send
    if it reached the form (refused roles never get to see it)."""
    response = world.admin.get(url)
    assert response.status_code == 200, url
    data = form_data(response, form_id=form_id, **changes)
    data.pop("csrfmiddlewaretoken", None)
    return data


def reloaded(page):
    return Page.objects.get(pk=page.pk).specific


# --- The seeded world every cell starts from ----------------------------------------------------


@pytest.fixture
def world(site_pages, django_user_model):
    users = {}
    for role, group in GROUPS.items():
        user = django_user_model.objects.create_user(
            role.lower().replace(" ", "-"), "", "a-long-test-password"
        )
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    superuser = django_user_model.objects.create_superuser("root", "", "a-long-test-password")
    admin = Client()
    admin.force_login(superuser)
    draft = ContentPage(title="Brouillon", slug="brouillon-matrice", intro="Texte.", live=False)
    site_pages["mission"].add_child(instance=draft)
    document = get_document_model().objects.create(
        title="Compte rendu", file=ContentFile(b"%PDF-1.4 compte rendu", name="compte-rendu.pdf")
    )
    submission = FormSubmission.objects.create(
        page=site_pages["support_form"], form_data={"contact_name": "Camille Matrice"}
    )
    return SimpleNamespace(
        users=users,
        admin=admin,
        pages=site_pages,
        partner=PartnerCityPage.objects.live().order_by("path").first(),
        draft=draft,
        image=make_image("Place de Jaude", seed=1),
        document=document,
        submission=submission,
    )


def actor(world, role):
    return Actor(world.users.get(role))


# --- Pages ------------------------------------------------------------------------------------


@action("Browse the pages in the admin", "Translator", "Communication editor")
def browse_pages(world, me):
    response = me.get(reverse("wagtailadmin_explore", args=[world.pages["partners"].pk]))
    return shown(response, world.partner.title)


def edit_partner(world, me, text, **action_fields):
    url = reverse("wagtailadmin_pages:edit", args=[world.partner.pk])
    return me.post(
        url, reference_form(world, url, "page-edit-form", intro_fr=text, **action_fields)
    )


@action("Edit a page (save a draft)", "Translator", "Communication editor")
def edit_page(world, me):
    edit_partner(world, me, "Brouillon de la matrice.")
    return reloaded(world.partner).get_latest_revision_as_object().intro_fr == (
        "Brouillon de la matrice."
    )


@action("Submit a change for moderation", "Translator", "Communication editor")
def submit_page(world, me):
    edit_partner(world, me, "Soumis à la modération.", **{"action-submit": "1"})
    return reloaded(world.partner).workflow_in_progress


@action("Publish a page", "Communication editor")
def publish_page(world, me):
    edit_partner(world, me, "Publié directement.", **{"action-publish": "1"})
    return reloaded(world.partner).intro_fr == "Publié directement."


def submitted_by_a_translator(world, text):
    page = reloaded(world.partner)
    draft = page.get_latest_revision_as_object()
    draft.intro_fr = text
    draft.save_revision(user=world.users["Translator"])
    page.get_workflow().start(reloaded(world.partner), world.users["Translator"])
    return reloaded(world.partner)


def workflow_action(world, me, name, page):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, name, page.current_workflow_task_state.pk],
    )
    return me.post(url, {"comment": "Vu."})


@action("Approve a submitted change (publishes it)", "Moderator")
def approve(world, me):
    page = submitted_by_a_translator(world, "Approuvé par la modération.")
    workflow_action(world, me, "approve", page)
    return reloaded(world.partner).intro_fr == "Approuvé par la modération."


@action("Reject a submitted change", "Moderator")
def reject(world, me):
    page = submitted_by_a_translator(world, "Refusé par la modération.")
    workflow_action(world, me, "reject", page)
    state = reloaded(world.partner).current_workflow_state
    return state is not None and state.status == "needs_changes"


@action(
    "Compare a submitted change with the live page",
    "Translator",
    "Moderator",
    "Communication editor",
)
def compare_submitted(world, me):
    page = submitted_by_a_translator(world, "Comparé par la modération.")
    url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[page.pk, "live", page.get_latest_revision().pk],
    )
    return shown(me.get(url), "Comparé par la modération.")


@action("Unpublish a page", "Communication editor")
def unpublish(world, me):
    me.post(reverse("wagtailadmin_pages:unpublish", args=[world.partner.pk]))
    return not reloaded(world.partner).live


@action("Delete a page (a draft)", "Communication editor")
def delete_page(world, me):
    me.post(reverse("wagtailadmin_pages:delete", args=[world.draft.pk]))
    return not Page.objects.filter(pk=world.draft.pk).exists()


@action("Move a page", "Communication editor")
def move_page(world, me):
    destination = world.pages["cied"]
    me.post(reverse("wagtailadmin_pages:move_confirm", args=[world.draft.pk, destination.pk]))
    return reloaded(world.draft).get_parent().pk == destination.pk


@action("Copy a page", "Communication editor")
def copy_page(world, me):
    url = reverse("wagtailadmin_pages:copy", args=[world.draft.pk])
    data = reference_form(
        world,
        url,
        None,
        new_title_fr="Copie",
        new_slug_fr="copie-matrice",
        new_slug="copie-matrice",
    )
    me.post(url, data)
    return ContentPage.objects.filter(slug_fr="copie-matrice").exists()


@action("Bulk delete pages", "Communication editor")
def bulk_delete(world, me):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    me.post(f"{url}?id={world.draft.pk}")
    return not Page.objects.filter(pk=world.draft.pk).exists()


# --- Images and documents ---------------------------------------------------------------------


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@action("Upload an image", "Communication editor")
def upload_image(world, me):
    file = ContentFile(png(), name="nouvelle.png")
    me.post(reverse("wagtailimages:add"), {"title": "Nouvelle image", "file": file})
    return get_image_model().objects.filter(title="Nouvelle image").exists()


@action("Replace an image's file", "Communication editor")
def replace_image(world, me):
    url = reverse("wagtailimages:edit", args=[world.image.pk])
    data = reference_form(world, url, None)
    data["file"] = ContentFile(png(), name="remplacee.png")
    me.post(url, data)
    return "remplacee" in get_image_model().objects.get(pk=world.image.pk).file.name


@action("Delete an image", "Communication editor")
def delete_image(world, me):
    me.post(reverse("wagtailimages:delete", args=[world.image.pk]))
    return not get_image_model().objects.filter(pk=world.image.pk).exists()


@action("Choose an image (chooser)", "Translator", "Moderator", "Communication editor")
def choose_image(world, me):
    return shown(me.get(reverse("wagtailimages_chooser:choose")), world.image.title)


@action("Upload a document", "Communication editor")
def upload_document(world, me):
    file = ContentFile(b"Nouveau document", name="nouveau.txt")
    me.post(reverse("wagtaildocs:add"), {"title": "Nouveau document", "file": file})
    return get_document_model().objects.filter(title="Nouveau document").exists()


@action("Replace a document's file", "Communication editor")
def replace_document(world, me):
    url = reverse("wagtaildocs:edit", args=[world.document.pk])
    data = reference_form(world, url, None)
    data["file"] = ContentFile(b"Nouvelle version", name="remplace.txt")
    me.post(url, data)
    return "remplace" in get_document_model().objects.get(pk=world.document.pk).file.name


@action("Delete a document", "Communication editor")
def delete_document(world, me):
    me.post(reverse("wagtaildocs:delete", args=[world.document.pk]))
    return not get_document_model().objects.filter(pk=world.document.pk).exists()


@action("Choose a document (chooser)", "Translator", "Moderator", "Communication editor")
def choose_document(world, me):
    return shown(me.get(reverse("wagtaildocs_chooser:choose")), world.document.title)


# --- Submissions, settings, snippets, accounts --------------------------------------------------


def submissions_url(world):
    return reverse("wagtailforms:list_submissions", args=[world.pages["support_form"].pk])


@action("View form submissions", "Communication editor")
def view_submissions(world, me):
    return shown(me.get(submissions_url(world)), "Camille Matrice")


@action("Export form submissions (CSV)", "Communication editor")
def export_submissions(world, me):
    return shown(me.get(submissions_url(world), export="csv"), "Camille Matrice")


@action("Edit the contact details (site settings)", "Communication editor")
def edit_settings(world, me):
    site = world.pages["home"].get_site()
    url = reverse("wagtailsettings:edit", args=["clermont_intl", "contactsettings", site.pk])
    me.post(url, reference_form(world, url, None, phone="+33 4 00 00 00 00"))
    return ContactSettings.objects.filter(site=site, phone="+33 4 00 00 00 00").exists()


@action("Edit the CIED's contact details (site settings)", "Communication editor")
def edit_cied_settings(world, me):
    site = world.pages["home"].get_site()
    url = reverse("wagtailsettings:edit", args=["cied", "ciedcontactsettings", site.pk])
    me.post(url, reference_form(world, url, None, phone="+33 4 11 11 11 11"))
    return CiedContactSettings.objects.filter(site=site, phone="+33 4 11 11 11 11").exists()


@action("Add a snippet (theme)", "Communication editor")
def add_snippet(world, me):
    url = reverse("wagtailsnippets_clermont_intl_theme:add")
    me.post(url, {"name_fr": "Matrice", "name": "Matrice", "slug": "matrice"})
    return Theme.objects.filter(slug="matrice").exists()


@action("Manage users")
def manage_users(world, me):
    url = reverse("wagtailusers_users:add")
    me.post(
        url,
        {
            "username": "intrus",
            "email": "intrus@example.org",
            "first_name": "I",
            "last_name": "N",
            "password1": "un mot de passe assez long",
            "password2": "un mot de passe assez long",
            "is_superuser": "on",
        },
    )
    return world.users["Translator"].__class__.objects.filter(username="intrus").exists()


@action("Manage groups")
def manage_groups(world, me):
    return shown(me.get(reverse("wagtailusers_groups:index")), MODERATORS_GROUP)


@action("Manage sites")
def manage_sites(world, me):
    return shown(me.get(reverse("wagtailsites:index")), "localhost")


# --- The matrix -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", list(ACTIONS))
def test_role_action_cell(world, label, role):
    function, allowed = ACTIONS[label]
    done = function(world, actor(world, role))
    assert done == (role in allowed), f"{role}: {label}"


def test_csrf_is_enforced_in_the_matrix(world):
    """Without the token the same allowed request is refused: the cells test real requests."""
    me = actor(world, "Communication editor")
    response = me.client.post(reverse("wagtailadmin_pages:unpublish", args=[world.partner.pk]))
    assert response.status_code == 403
    assert reloaded(world.partner).live


# --- Buttons a role may not use are not shown -----------------------------------------------


def page_links(response, page, *views):
    html = response.content.decode()
    return {view for view in views if f"/admin/pages/{page.pk}/{view}/" in html}


@pytest.mark.parametrize(
    "role,visible",
    [
        ("Translator", {"edit"}),
        ("Communication editor", {"edit", "delete", "move", "copy", "unpublish"}),
    ],
)
def test_the_page_listing_shows_only_the_roles_buttons(world, role, visible):
    views = ("edit", "delete", "move", "copy", "unpublish")
    listing = actor(world, role).get(
        reverse("wagtailadmin_explore", args=[world.pages["mission"].pk])
    )
    assert listing.status_code == 200
    # The draft leaf is the page Wagtail would let "change" delete, move and copy.
    assert page_links(listing, world.draft, *views) == visible - {"unpublish"}
    partners = actor(world, role).get(
        reverse("wagtailadmin_explore", args=[world.pages["partners"].pk])
    )
    assert page_links(partners, world.partner, *views) == visible


def test_the_translators_editor_has_no_publish_delete_move_or_copy(world):
    me = actor(world, "Translator")
    html = me.get(reverse("wagtailadmin_pages:edit", args=[world.draft.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    assert not page_links(
        SimpleNamespace(content=html.encode()), world.draft, "delete", "move", "copy"
    )


@pytest.mark.parametrize(
    "role,menu",
    [
        ("Moderator", set()),
        ("Translator", {"explorer"}),
        ("Communication editor", {"explorer", "images", "documents", "forms", "settings"}),
    ],
)
def test_the_admin_menu_shows_only_the_roles_areas(world, role, menu):
    """The sidebar (Wagtail's menu, from the permissions): no entry a role could not use."""
    html = actor(world, role).get(reverse("wagtailadmin_home")).content.decode()
    areas = ("explorer", "images", "documents", "forms", "settings", "users", "groups", "sites")
    assert {area for area in areas if f'"name": "{area}"' in html} == menu


def documented_matrix():
    text = DOCS.read_text()
    block = text.split("<!-- role-matrix:start -->")[1].split("<!-- role-matrix:end -->")[0]
    rows = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    matrix = {}
    for line in rows[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        matrix[cells[0]] = {
            role for role, cell in zip(header[1:], cells[1:], strict=True) if cell == "yes"
        }
        assert set(cells[1:]) <= {"yes", "no"}, line
    return header[1:], matrix


def test_the_documented_matrix_is_the_tested_one():
    roles, matrix = documented_matrix()
    assert roles == ROLES
    assert matrix == {label: allowed for label, (_, allowed) in ACTIONS.items()}
