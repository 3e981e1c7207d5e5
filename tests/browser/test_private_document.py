"""A private document's password form works in Chromium, under the site's own policies.

The document area is sandboxed (``default-src 'none'; sandbox``) so that no uploaded file can run
anything on the site's domain; a sandboxed page cannot submit a form, so the password page has a
policy of its own (clermont_intl.security.headers). The tab here applies the real policies.
(The password form's accessibility and HTML, in both languages: test_accessibility.py.)
"""

import pytest

from .checkers import check_html, run_axe
from .live_data import committed

PASSWORD = "mot-de-passe-du-dossier"
CONTENT = b"%PDF-1.4 contenu confidentiel"


@pytest.fixture
def private_document(django_db_blocker):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    def create():
        collection = Collection.get_first_root_node().add_child(name="Dossier confidentiel")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="password", password=PASSWORD
        )
        return get_document_model().objects.create(
            title="Compte rendu confidentiel",
            collection=collection,
            file=ContentFile(CONTENT, name="compte-rendu-confidentiel.pdf"),
        )

    def delete():
        document.file.delete(save=False)
        document.delete()
        collection.delete()

    with django_db_blocker.unblock():
        document = committed(create)
        collection = document.collection
    yield document
    with django_db_blocker.unblock():
        committed(delete)


@pytest.fixture
def strict_tab(browser, live_site):
    """A tab that applies the site's policies (no bypass), recording CSP messages and errors."""
    context = browser.new_context(base_url=live_site, accept_downloads=True, locale="fr-FR")
    tab = context.new_page()
    tab.console_messages = []
    tab.on("console", lambda message: tab.console_messages.append(message.text))
    yield tab
    context.close()


def test_the_password_form_of_a_private_document_gives_the_file(strict_tab, private_document):
    response = strict_tab.goto(private_document.url)
    policy = response.headers["content-security-policy"]
    assert "sandbox" not in policy and "form-action 'self'" in policy
    assert strict_tab.locator("h1").inner_text() == "Mot de passe requis"

    # A wrong password: the form comes back with its error, still on the site.
    strict_tab.get_by_label("Mot de passe").fill("pas-le-bon")
    strict_tab.get_by_role("button", name="Télécharger le document").click()
    strict_tab.wait_for_load_state("load")
    assert strict_tab.locator("[role=alert]").count() == 1
    assert strict_tab.get_by_label("Mot de passe").get_attribute("aria-invalid") == "true"

    # The right one: the browser downloads the file.
    strict_tab.get_by_label("Mot de passe").fill(PASSWORD)
    with strict_tab.expect_download() as download_info:
        strict_tab.get_by_role("button", name="Télécharger le document").click()
    download = download_info.value
    assert download.suggested_filename == "compte-rendu-confidentiel.pdf"
    with open(download.path(), "rb") as file:
        assert file.read() == CONTENT
    blocked = [text for text in strict_tab.console_messages if "Content Security Policy" in text]
    assert blocked == []
    assert not [text for text in strict_tab.console_messages if "sandboxed" in text]


def test_the_refusal_after_too_many_passwords_is_accessible_and_valid_html(
    page, private_document, settings, django_db_blocker
):
    """Once a visitor has tried too many passwords (clermont_intl.security.privacy), the site's
    own page says so, in their language."""
    from clermont_intl.security.models import RateEvent

    settings.PRIVACY_PASSWORD_ATTEMPT_LIMIT = 1
    try:
        for language, title in (
            ("fr", "Trop de mots de passe essayés"),
            ("en", "Too many passwords tried"),
        ):
            page.context.set_extra_http_headers({"Accept-Language": language})
            page.goto(private_document.url)
            for _attempt in range(2):
                page.locator("main input[type=password]").fill("pas-le-bon")
                with page.expect_response(lambda r: r.request.method == "POST") as answer:
                    page.locator("main form button[type=submit]").click()
                if answer.value.status == 429:
                    break
            assert answer.value.status == 429
            page.wait_for_load_state("load")
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").inner_text() == title
            assert run_axe(page) == []
            assert check_html(answer.value.text()) == []
    finally:
        with django_db_blocker.unblock():
            committed(lambda: RateEvent.objects.filter(scope__startswith="document-").delete())
