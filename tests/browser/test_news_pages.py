"""The news index (with a filter it could not apply), a news item, and the partner city and
project pages that list it, in Chromium in both languages: no axe-core violation of any
impact, no Nu Html Checker error."""

from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen

from django.utils import timezone, translation

import pytest

from .checkers import check_many_html, run_axe
from .conftest import VIEWPORTS

LANGUAGES = ("fr", "en")
PAGES = ("index", "index_bad_filter", "news", "untranslated_news", "partner", "project")


@pytest.fixture(scope="module")
def news_urls(live_site, django_db_blocker):
    """{(page, language): path}: two news, one with an image and tags, one in French only."""
    from clermont_intl.content.demo import make_image
    from clermont_intl.models import Theme
    from clermont_intl.news.models import NewsIndexPage, NewsPage, NewsRelatedPage
    from partners.models import PartnerCityPage
    from projects.models import ProjectPage

    with django_db_blocker.unblock():
        index = NewsIndexPage.objects.get()
        salford = PartnerCityPage.objects.get(slug_fr="salford")
        techtown = ProjectPage.objects.get(slug_fr="techtown")
        today = timezone.localdate()
        news = NewsPage(
            title="Délégation de Salford (navigateur)",
            title_fr="Délégation de Salford (navigateur)",
            title_en="Delegation from Salford (browser)",
            slug="delegation-salford-navigateur",
            slug_fr="delegation-salford-navigateur",
            slug_en="delegation-salford-browser",
            date=today,
            intro_fr="Une délégation fictive, pour les essais.",
            intro_en="A fictitious delegation, for the tests.",
            body_fr=[{"type": "paragraph", "value": "<p>Des échanges fictifs.</p>"}],
            body_en=[{"type": "paragraph", "value": "<p>Fictitious exchanges.</p>"}],
            image=make_image("Délégation (essai)", "news-browser"),
            image_alt_text_fr="Un aplat de couleur.",
            image_alt_text_en="A plain colour.",
            related_pages=[NewsRelatedPage(target=salford), NewsRelatedPage(target=techtown)],
        )
        index.add_child(instance=news)
        news.themes = [Theme.objects.get(slug="culture")]
        news.save_revision().publish()
        untranslated = NewsPage(
            title="Nouvelle en français seulement",
            title_fr="Nouvelle en français seulement",
            slug="nouvelle-francais-navigateur",
            slug_fr="nouvelle-francais-navigateur",
            date=today - timedelta(days=1),
            intro_fr="Pas encore traduite.",
            body_fr=[{"type": "paragraph", "value": "<p>Texte en français.</p>"}],
            related_pages=[NewsRelatedPage(target=salford)],
        )
        index.add_child(instance=untranslated)
        untranslated.save_revision().publish()
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                urls["index", language] = index.get_url()
                urls["index_bad_filter", language] = index.get_url() + "?theme=inconnu&page=x"
                urls["news", language] = news.get_url()
                urls["untranslated_news", language] = untranslated.get_url()
                urls["partner", language] = salford.get_url()
                urls["project", language] = techtown.get_url()
    yield urls
    with django_db_blocker.unblock():
        NewsPage.objects.filter(pk__in=[news.pk, untranslated.pk]).delete()


def all_violations(violations):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in violations
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violation_of_any_impact(browser, live_site, news_urls, name, language,
                                                  viewport):  # fmt: skip
    context = browser.new_context(
        base_url=live_site, viewport=VIEWPORTS[viewport], bypass_csp=True
    )
    try:
        page = context.new_page()
        assert page.goto(news_urls[name, language]).status == 200
        assert page.evaluate("document.documentElement.lang") == language
        if name in ("partner", "project"):
            assert page.locator("#news-heading").is_visible()
        violations = all_violations(run_axe(page))
        assert not violations, "\n".join(violations)
    finally:
        context.close()


def test_news_pages_are_valid_html(live_site, news_urls):
    documents = {}
    for (name, language), path in news_urls.items():
        try:
            with urlopen(live_site + path, timeout=30) as response:  # noqa: S310 (loopback)
                status, body = response.status, response.read()
        except HTTPError as error:
            status, body = error.code, error.read()
        assert status == 200, path
        documents[f"{name} ({language}) {path}"] = body.decode("utf-8")
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())
