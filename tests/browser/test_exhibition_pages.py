"""The CIED's exhibitions on loan in Chromium, in both languages: the catalogue, an exhibition's
page (photo, booked dates, the loan request form) and that form sent empty, with its errors. No
axe-core violation of any impact, no Nu Html Checker error."""

from datetime import timedelta
from urllib.request import urlopen

from django.utils import timezone, translation

import pytest

from .checkers import check_many_html, run_axe
from .conftest import VIEWPORTS
from .test_new_pages import all_violations

LANGUAGES = ("fr", "en")
PAGES = ("catalogue", "exhibition", "exhibition_errors")


@pytest.fixture(scope="module")
def exhibition_urls(live_site, django_db_blocker):
    """{(page, language): path}, with a fictitious exhibition, its photo and a confirmed loan."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from cied.constants import LoanStatus
    from cied.models import ExhibitionIndexPage, ExhibitionPage, ExhibitionPhoto, LoanRequest

    with django_db_blocker.unblock():
        catalogue = ExhibitionIndexPage.objects.get()
        image = get_image_model().objects.create(
            title="Panneaux", file=get_test_image_file(size=(960, 640))
        )
        exhibition = ExhibitionPage(
            title="Exposition fictive : l'Europe en panneaux",
            title_fr="Exposition fictive : l'Europe en panneaux",
            title_en="Fictitious exhibition: Europe in panels",
            slug="exposition-fictive-navigateur",
            slug_fr="exposition-fictive-navigateur",
            slug_en="fictitious-exhibition-browser",
            intro_fr="Une exposition imaginaire pour les essais.",
            intro_en="An imaginary exhibition for testing.",
            panel_count=12,
            dimensions_fr="Kakémonos, 85 × 200 cm",
            dimensions_en="Roll-up banners, 85 × 200 cm",
            languages_fr="Français, anglais",
            gallery_images=[
                ExhibitionPhoto(
                    image=image,
                    alt_text_fr="Les douze panneaux dépliés",
                    alt_text_en="The twelve panels unrolled",
                )
            ],
        )
        catalogue.add_child(instance=exhibition)
        exhibition.save_revision().publish()
        today = timezone.localdate()
        LoanRequest.objects.create(
            exhibition=exhibition,
            start=today + timedelta(days=3),
            end=today + timedelta(days=12),
            status=LoanStatus.CONFIRMED,
        )
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                urls["catalogue", language] = catalogue.get_url()
                urls["exhibition", language] = exhibition.get_url()
    yield urls
    with django_db_blocker.unblock():
        LoanRequest.objects.filter(exhibition=exhibition).delete()
        ExhibitionPage.objects.filter(pk=exhibition.pk).delete()
        image.delete()


def show(page, urls, name, language):
    """Open the page; "exhibition_errors" is its loan request form sent empty."""
    if name == "exhibition_errors":
        assert page.goto(urls["exhibition", language]).status == 200
        with page.expect_navigation():
            page.locator("form.form button[type=submit]").click()
        assert page.locator(".alert").first.is_visible()
        return
    assert page.goto(urls[name, language]).status == 200


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violation_of_any_impact(browser, live_site, exhibition_urls, name,
                                                  language, viewport):  # fmt: skip
    context = browser.new_context(
        base_url=live_site, viewport=VIEWPORTS[viewport], bypass_csp=True
    )
    try:
        page = context.new_page()
        show(page, exhibition_urls, name, language)
        assert page.evaluate("document.documentElement.lang") == language
        violations = all_violations(run_axe(page))
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_exhibition_pages_are_valid_html(live_site, exhibition_urls, page):
    documents = {}
    for (name, language), path in exhibition_urls.items():
        with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
            assert response.status == 200, path
            documents[f"{name} ({language}) {path}"] = response.read().decode("utf-8")
    for language in LANGUAGES:
        show(page, exhibition_urls, "exhibition_errors", language)
        documents[f"form with errors ({language})"] = page.content()
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())
