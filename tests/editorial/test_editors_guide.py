"""The editors' guide (docs/guide-editeurs.md) in the admin: under the Help menu for every
editor role, rendered from the Markdown with its screenshots, and nothing in the file becomes
markup the converter did not write."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from clermont_intl.editorial.constants import EDITORS_GROUP, MODERATORS_GROUP, TRANSLATORS_GROUP
from clermont_intl.editorial.guide import render_markdown

GUIDE = Path(settings.BASE_DIR) / "docs" / "guide-editeurs.md"


def image_url(name):
    return f"/img/{name}"


@pytest.fixture
def member(django_user_model, client):
    def sign_in(group):
        user = django_user_model.objects.create_user(f"u-{group[:5]}", "", "a-long-password-1")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return sign_in


@pytest.mark.django_db
@pytest.mark.parametrize("group", [EDITORS_GROUP, TRANSLATORS_GROUP, MODERATORS_GROUP])
def test_every_editor_role_finds_the_guide_under_help_and_reads_it(member, group):
    client = member(group)
    # The sidebar's menu is JSON in the page, its accented letters written \u00e9.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    dashboard = dashboard.replace("\\u00e9", "é")
    guide_url = reverse("clermont_intl_editors_guide")
    assert guide_url == "/admin/guide/"
    assert "Guide des éditeurs du site" in dashboard
    assert guide_url in dashboard

    response = client.get(guide_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<article class="editors-guide" lang="fr">' in html
    assert '<h2 id="les-roles">Les rôles</h2>' in html
    assert "<table>" in html and '<th scope="col">Groupe</th>' in html
    image = reverse("clermont_intl_editors_guide_image", args=["tableau-de-bord.png"])
    assert f'<img src="{image}" alt="Le tableau de bord' in html

    screenshot = client.get(image)
    assert screenshot.status_code == 200
    assert screenshot["Content-Type"] == "image/png"
    assert b"".join(screenshot.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_the_guide_is_for_signed_in_staff_only(client):
    for url in (
        reverse("clermont_intl_editors_guide"),
        reverse("clermont_intl_editors_guide_image", args=["tableau-de-bord.png"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["absent.png", "..%2Fguide-editeurs.md", "guide-editeurs.md", ".hidden.png", "image.svg"],
)
def test_only_the_guides_images_are_served(admin, name):
    response = admin.get(f"/admin/guide/img/{name}", follow=True)
    assert response.status_code == 404


def test_every_image_and_heading_of_the_guide_is_rendered():
    text = GUIDE.read_text(encoding="utf-8")
    html = render_markdown(text, image_url)
    for line in text.splitlines():
        if line.startswith("![") and "](img/" in line:
            name = line.split("](img/")[1].split(")")[0]
            assert f'src="/img/{name}"' in html
            assert (GUIDE.parent / "img" / name).is_file(), name
    assert html.count("<h2 ") == sum(1 for line in text.splitlines() if line.startswith("## "))
    # No Markdown mark left over in the text.
    assert "**" not in html
    assert "](" not in html


def test_lists_nested_numbered_and_carried_on():
    html = render_markdown(
        "1. First step\n   carried on.\n2. Second step :\n   - one\n   - two **bold**\n"
        "3. Third\n\nAfter.",
        image_url,
    )
    assert html == (
        "<ol><li>First step carried on.</li><li>Second step :\n"
        "<ul><li>one</li><li>two <strong>bold</strong></li></ul></li><li>Third</li></ol>\n"
        "<p>After.</p>"
    )


def test_markup_in_the_file_stays_text():
    html = render_markdown(
        '# Title <script>alert(1)</script>\n\nA <img src=x onerror="alert(1)"> and '
        "[a link](javascript:alert(1)) and ![img](../../secret.png) and `<b>`\n\n"
        "| a | b |\n| --- | --- |\n| <i>x</i> | [ok](https://example.org) |",
        image_url,
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "javascript:" not in html  # an unknown link keeps its text only
    assert "secret.png" not in html  # an image outside docs/img: its text only
    assert "<code>&lt;b&gt;</code>" in html
    assert "<td>&lt;i&gt;x&lt;/i&gt;</td>" in html
    assert '<a href="https://example.org" rel="noreferrer">ok</a>' in html


def test_links_to_other_repository_files_keep_their_text():
    html = render_markdown("See [security.md](security.md) and [roles](#les-roles).", image_url)
    assert html == '<p>See security.md and <a href="#les-roles">roles</a>.</p>'


@pytest.mark.django_db
def test_wagtails_whats_new_item_is_in_each_editors_language_whoever_came_first(member):
    """The help menu is built once per process: an English editor's visit must not leave
    Wagtail's "What's new" item in English for the French editors after them."""
    from wagtail.users.models import UserProfile

    client = member(EDITORS_GROUP)
    user = client.get("/admin/").wsgi_request.user
    profile = UserProfile.get_for_user(user)
    shown = {}
    for language in ("en", "fr", "en"):
        profile.preferred_language = language
        profile.save()
        shown[language] = client.get("/admin/").content.decode()
    # The sidebar's menu is JSON in the page.
    assert '"label": "What\'s new in Wagtail' in shown["en"]
    assert '"label": "Ce qui est nouveau avec Wagtail' in shown["fr"]
    assert "Ce qui est nouveau avec Wagtail" not in shown["en"]
