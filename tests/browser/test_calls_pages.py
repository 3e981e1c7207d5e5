"""The calls for projects in Chromium, in both languages: the index (open and upcoming calls), a
call's page (with its documents) and the archive; no axe-core violation of any impact, no Nu Html
Checker error."""

from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen

from django.core.files.base import ContentFile
from django.utils import timezone, translation

import pytest

from .checkers import check_many_html, run_axe
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
PAGES = ("index", "call", "archive", "mission")


@pytest.fixture(scope="module")
def call_urls(live_site, django_db_blocker):
    """{(page, language): path}, with a call in each state (fictitious, deleted afterwards)."""
    from wagtail.documents import get_document_model

    from clermont_intl.models import MissionPage
    from projects.models import CallDocument, CallForProjectsPage, CallIndexPage

    with django_db_blocker.unblock():
        index = CallIndexPage.objects.get()
        document = get_document_model().objects.create(
            title="Règlement fictif", file=ContentFile(b"%PDF-1.4 essai", name="reglement.pdf")
        )
        now = timezone.now()
        made = []
        for n, (opens, deadline) in enumerate(
            [(-10, 30), (-10, 3), (5, 40), (-60, -2)]  # open, closing soon, upcoming, closed
        ):
            call = CallForProjectsPage(
                title=f"Appel fictif {n}",
                title_fr=f"Appel fictif {n}",
                title_en=f"Fictitious call {n}",
                slug=f"appel-fictif-navigateur-{n}",
                slug_fr=f"appel-fictif-navigateur-{n}",
                slug_en=f"fictitious-call-browser-{n}",
                intro_fr="Un appel fictif pour les essais.",
                opens_on=timezone.localdate() + timedelta(days=opens),
                deadline=now + timedelta(days=deadline),
                funding_fr="Jusqu'à 5 000 €",
                funding_en="Up to €5,000",
                eligibility_fr="<p>Associations clermontoises.</p>",
                how_to_apply_fr="<p>Remplir le formulaire.</p>",
                how_to_apply_en="<p>Fill in the form.</p>",
                apply_url="https://example.org/candidater",
                documents=[CallDocument(document=document, title_fr="Règlement", title_en="Rules")],
            )
            index.add_child(instance=call)
            call.save_revision().publish()
            made.append(call)
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                urls["index", language] = index.get_url()
                urls["archive", language] = index.get_url() + "archive/"
                urls["call", language] = made[0].get_url()
                urls["mission", language] = MissionPage.objects.get().get_url()
    yield urls
    with django_db_blocker.unblock():
        CallForProjectsPage.objects.filter(pk__in=[call.pk for call in made]).delete()
        document.delete()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violation_of_any_impact(browser, live_site, call_urls, name, language,
                                                  viewport):  # fmt: skip
    context = browser.new_context(base_url=live_site, viewport=VIEWPORTS[viewport], bypass_csp=True)
    try:
        page = context.new_page()
        assert page.goto(call_urls[name, language]).status == 200
        assert page.evaluate("document.documentElement.lang") == language
        if name != "call":
            assert page.locator(".call-state").count() >= 1
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in run_axe(page)
        ]
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_calls_pages_are_valid_html(live_site, call_urls):
    documents = {}
    for (name, language), path in call_urls.items():
        try:
            with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
                status, body = response.status, response.read()
        except HTTPError as error:
            status, body = error.code, error.read()
        assert status == 200, path
        documents[f"{name} ({language}) {path}"] = body.decode("utf-8")
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())
