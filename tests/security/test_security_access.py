"""Anonymous visitors: the admin is closed, and unpublished or private content is never served."""

import re

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.models import PageViewRestriction

import pytest

from projects.models import ProjectPage

pytestmark = pytest.mark.django_db

# Admin views that answer without a login by design: the login itself, the password reset pages,
# the translations of the admin's scripts and its icon sprite (both the same for everyone).
PUBLIC_ADMIN_VIEWS = re.compile(
    r"^/admin/(login|logout|password_reset)/|^/admin/jsi18n/$|^/admin/sprite/$"
)

SAMPLE_ARGS = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": "0" * 32}


def fill(route):
    """A concrete path for a route: each converter or regex group gets a plausible value."""
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS.get(m.group(1) or "str", "1"), route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "1", route)
    return route.lstrip("^").rstrip("$").replace("\\", "")


def admin_paths(patterns, prefix):
    for pattern in patterns:
        route = fill(str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            yield from admin_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield prefix + route


def every_admin_path():
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "admin/":
            return sorted(set(admin_paths(pattern.url_patterns, "/admin/")))
    raise AssertionError("the admin is not mounted at /admin/")


def test_every_admin_url_redirects_anonymous_visitors_to_the_login():
    client = Client(raise_request_exception=False)
    paths = every_admin_path()
    assert len(paths) > 200  # Wagtail's admin: pages, images, documents, forms, snippets...
    checked = 0
    open_paths = []
    for path in paths:
        if PUBLIC_ADMIN_VIEWS.search(path):
            continue
        response = client.get(path)
        if response.status_code == 404:
            # The sample arguments found nothing; the same view with a real object is tried below.
            continue
        if response.status_code != 302 or not response["Location"].startswith("/admin/login/"):
            open_paths.append((path, response.status_code))
        checked += 1
    assert open_paths == []
    assert checked > 150


def test_admin_views_of_real_objects_redirect_too(site_pages):
    client = Client()
    page = site_pages["projects"]
    for path in [
        f"/admin/pages/{page.pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/revisions/",
        f"/admin/forms/submissions/{site_pages['support_form'].pk}/",
        f"/admin/forms/submissions/{site_pages['support_form'].pk}/?export=csv",
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path
        # A POST as well: the preview accepts posted form data from the editor.
        assert client.post(path, {"title": "x"}).status_code in (302, 403), path


@pytest.fixture
def draft(site_pages):
    page = ProjectPage(
        title="Projet confidentiel",
        title_fr="Projet confidentiel",
        title_en="Confidential project",
        slug="projet-confidentiel",
        slug_fr="projet-confidentiel",
        slug_en="confidential-project",
        live=False,
    )
    site_pages["projects"].add_child(instance=page)
    page.save_revision()
    return page


def test_a_draft_is_never_served(client, site_pages, draft):
    for url in [
        "/fr/relations-internationales/projets-europeens-et-internationaux/projet-confidentiel/",
        "/en/international-relations/european-and-international-projects/confidential-project/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [site_pages["projects"].url, "/fr/recherche/?q=confidentiel"]:
        assert "Projet confidentiel" not in client.get(url).content.decode()


def test_an_unpublished_revision_is_never_served(client, site_pages):
    page = ProjectPage.objects.live().child_of(site_pages["projects"]).first()
    live_title = page.title
    page.title = page.title_fr = "Titre en cours de rédaction"
    page.save_revision()  # saved, not published
    html = client.get(page.url).content.decode()
    assert live_title in html
    assert "Titre en cours de rédaction" not in html


def test_a_private_page_needs_a_login(client, site_pages):
    page = ProjectPage.objects.live().child_of(site_pages["projects"]).first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert page.title not in response.content.decode()
    # Nor is it listed or found.
    assert page.url not in client.get(site_pages["projects"].url).content.decode()
