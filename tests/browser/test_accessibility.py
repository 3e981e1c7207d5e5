"""Every public page type, and the states a visitor can bring a page into, in Chromium, in French
and in English, on a phone and on a desktop: no axe-core violation of any impact, and no Nu Html
Checker error; axe-core's rules are those of WCAG 2.1 A and AA and its best practices.

The content is made once for the module: an event of each kind, a plain content page, calls for
projects in every state, an exhibition on loan with its photo and a booking, two news items (one
in French only), a partner city with its history and its twinning committee, and a private
document. The seed provides the rest. Each case first checks that the page is in the state it
names (a refused form shows its error summary, a call list shows its calls' states, …), so that
an empty page cannot pass for an accessible one.
"""

from datetime import timedelta
from decimal import Decimal
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.test import RequestFactory

import pytest

from .checkers import check_many_html, run_axe
from .conftest import VIEWPORTS
from .live_data import committed, european_cafe, studying_workshop

LANGUAGES = ("fr", "en")
# WCAG 2.1 A and AA, and axe-core's best practices, which the private document's password form
# was first held to and every page now meets.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")

PAGES = (
    # The section's own pages.
    "home",
    "mission",
    "content",
    "site_map",
    "accessibility",
    "privacy",
    "legal",
    "contact",
    "contact_sent_empty",
    # Partner cities.
    "partner_index",
    "partner_index_filtered_to_nothing",
    "partner_index_with_filter_errors",
    "partner_city",
    "partner_city_with_history_and_committee",
    "partner_city_with_other_names",
    "open_data",
    "michelin_network",
    # Projects and calls for projects.
    "project_index",
    "project",
    "support_form",
    "support_form_sent_empty",
    "call_index",
    "call",
    "call_archive",
    # The Europe Direct centre: events and exhibitions.
    "cied",
    "event_index",
    "event_index_past",
    "event",
    "exhibition_index",
    "exhibition",
    "exhibition_sent_empty",
    # News.
    "news_index",
    "news_index_with_filter_errors",
    "news",
    "news_in_french_only",
    # Search.
    "search",
    "search_without_query",
    "search_suggestion",
    "search_without_accents",
    "search_other_name",
    "search_highlights",
    # Errors and protected files.
    "not_found",
    "private_document",
    "unavailable",
)
STATUS = {"not_found": 404, "unavailable": 503}
# A form page sent empty: {state: the form's page}.
SENT_EMPTY = {
    "contact_sent_empty": "contact",
    "support_form_sent_empty": "support_form",
    "exhibition_sent_empty": "exhibition",
}
SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}
QUERIES = {
    # Many results about Europe.
    "search": "europe",
    # Misspelt: no result, "Did you mean: Regensburg?".
    "search_suggestion": "Regensbourg",
    # Typed without accents: "Réseau", "Dôme" marked in the results.
    "search_without_accents": {"fr": "reseau", "en": "puy de dome"},
    # Found by another name: "Also called: Ratisbonne", with its snippet.
    "search_other_name": "Ratisbonne",
    # Many results, each with its words marked.
    "search_highlights": {"fr": "jumelage", "en": "twinned"},
}
NOT_FOUND = {"fr": "/fr/cette-page-n-existe-pas/", "en": "/en/this-page-does-not-exist/"}
PRIVATE_DOCUMENT_TITLE = {"fr": "Mot de passe requis", "en": "Password required"}


def _content(language_urls):
    """Makes the content the seed lacks; returns (urls, what to remove afterwards)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone, translation

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, CollectionViewRestriction

    from cied.constants import LoanStatus
    from cied.models import (
        CiedPage,
        EventIndexPage,
        ExhibitionIndexPage,
        ExhibitionPage,
        ExhibitionPhoto,
        LoanRequest,
    )
    from clermont_intl.content.demo import make_image
    from clermont_intl.models import (
        AccessibilityStatementPage,
        ContactFormPage,
        ContentPage,
        HomePage,
        LegalNoticePage,
        MissionPage,
        PrivacyNoticePage,
        Theme,
    )
    from clermont_intl.news.models import NewsIndexPage, NewsPage, NewsRelatedPage
    from partners.models import (
        MichelinNetworkPage,
        PartnerCityPage,
        PartnerHistoryEntry,
        PartnerIndexPage,
        PartnerRelationship,
        TwinningCommittee,
    )
    from projects.models import (
        CallDocument,
        CallForProjectsPage,
        CallIndexPage,
        ProjectIndexPage,
        ProjectPage,
        ProjectSupportFormPage,
    )

    made = {"pages": [], "images": [], "documents": [], "committees": [], "collections": []}

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        made["pages"].append(page.pk)
        return page

    now = timezone.now()
    today = timezone.localdate()
    evening = now.replace(hour=18, minute=30, second=0, microsecond=0)
    agenda = EventIndexPage.objects.get()
    event = publish(
        agenda,
        european_cafe(evening),
    )
    # A second upcoming event, of another kind and without a place, that the home page lists.
    publish(
        agenda,
        studying_workshop(evening),
    )
    # The seed has no plain content page of its own: one made as an editor would.
    content = publish(
        MissionPage.objects.get(),
        ContentPage(
            title="Bourses de mobilité",
            title_fr="Bourses de mobilité",
            title_en="Mobility grants",
            slug="bourses-navigateur",
            slug_fr="bourses-navigateur",
            slug_en="mobility-grants-browser",
            intro_fr="Les aides au départ à l'étranger des jeunes Clermontois.",
            intro_en="Grants that help young people from Clermont-Ferrand to go abroad.",
            body_fr=[{"type": "paragraph", "value": "<p>Renseignez-vous au CIED.</p>"}],
            body_en=[{"type": "paragraph", "value": "<p>Ask at the Europe Direct centre.</p>"}],
        ),
    )

    # Calls for projects: open, closing soon, upcoming and closed, each with its rules.
    calls = CallIndexPage.objects.get()
    rules = get_document_model().objects.create(
        title="Règlement fictif", file=ContentFile(b"%PDF-1.4 essai", name="reglement.pdf")
    )
    made["documents"].append(rules.pk)
    open_call = None
    for n, (opens, deadline) in enumerate([(-10, 30), (-10, 3), (5, 40), (-60, -2)]):
        call = publish(
            calls,
            CallForProjectsPage(
                title=f"Appel fictif {n}",
                title_fr=f"Appel fictif {n}",
                title_en=f"Fictitious call {n}",
                slug=f"appel-fictif-navigateur-{n}",
                slug_fr=f"appel-fictif-navigateur-{n}",
                slug_en=f"fictitious-call-browser-{n}",
                intro_fr="Un appel fictif pour les essais.",
                opens_on=today + timedelta(days=opens),
                deadline=now + timedelta(days=deadline),
                funding_fr="Jusqu'à 5 000 €",
                funding_en="Up to €5,000",
                eligibility_fr="<p>Associations clermontoises.</p>",
                how_to_apply_fr="<p>Remplir le formulaire.</p>",
                how_to_apply_en="<p>Fill in the form.</p>",
                apply_url="https://example.org/candidater",
                documents=[CallDocument(document=rules, title_fr="Règlement", title_en="Rules")],
            ),
        )
        open_call = open_call or call

    # An exhibition on loan, with its photo and a confirmed booking.
    catalogue = ExhibitionIndexPage.objects.get()
    panels = get_image_model().objects.create(
        title="Panneaux", file=get_test_image_file(size=(960, 640))
    )
    made["images"].append(panels.pk)
    exhibition = publish(
        catalogue,
        ExhibitionPage(
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
                    image=panels,
                    alt_text_fr="Les douze panneaux dépliés",
                    alt_text_en="The twelve panels unrolled",
                )
            ],
        ),
    )
    LoanRequest.objects.create(
        exhibition=exhibition,
        start=today + timedelta(days=3),
        end=today + timedelta(days=12),
        status=LoanStatus.CONFIRMED,
    )

    # News: one with an image, a theme and related pages, one in French only.
    salford = PartnerCityPage.objects.get(slug_fr="salford")
    techtown = ProjectPage.objects.get(slug_fr="techtown")
    news_index = NewsIndexPage.objects.get()
    picture = make_image("Délégation (essai)", "news-browser")
    made["images"].append(picture.pk)
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
        image=picture,
        image_alt_text_fr="Un aplat de couleur.",
        image_alt_text_en="A plain colour.",
        related_pages=[NewsRelatedPage(target=salford), NewsRelatedPage(target=techtown)],
    )
    news_index.add_child(instance=news)
    news.themes = [Theme.objects.get(slug="culture")]
    news.save_revision().publish()
    made["pages"].append(news.pk)
    french_only = publish(
        news_index,
        NewsPage(
            title="Nouvelle en français seulement",
            title_fr="Nouvelle en français seulement",
            slug="nouvelle-francais-navigateur",
            slug_fr="nouvelle-francais-navigateur",
            date=today - timedelta(days=1),
            intro_fr="Pas encore traduite.",
            body_fr=[{"type": "paragraph", "value": "<p>Texte en français.</p>"}],
            related_pages=[NewsRelatedPage(target=salford)],
        ),
    )

    # A partner city with its history (one entry in French only), committee and references.
    committee = TwinningCommittee.objects.create(
        name="Comité d'essai",
        name_fr="Comité d'essai",
        name_en="Test committee",
        description_fr="Une association d'essai pour les tests du navigateur.",
        email="essai@example.org",
        phone="+33 4 00 00 00 00",
        address="1 place d'Essai\n63000 Clermont-Ferrand",
        website="https://example.org/essai/",
    )
    made["committees"].append(committee.pk)
    view = make_image("Vue d'essai", seed=42)
    made["images"].append(view.pk)
    partners = PartnerIndexPage.objects.get()
    with_history = publish(
        partners,
        PartnerCityPage(
            title="Ville-essai-histoire",
            title_fr="Ville-essai-histoire",
            title_en="History test town",
            slug="ville-essai-histoire",
            slug_fr="ville-essai-histoire",
            slug_en="history-test-town",
            intro_fr="Une ville d'essai.",
            intro_en="A test town.",
            country="IT",
            latitude=Decimal("45.1"),
            longitude=Decimal("9.2"),
            official_website="https://example.org/",
            wikidata_id="Q1",
            twinning_committee=committee,
            relationships=[PartnerRelationship(kind="michelin_network", since=2017)],
            history_entries=[
                PartnerHistoryEntry(
                    sort_order=0,
                    year=1990,
                    title="Premier échange",
                    title_fr="Premier échange",
                    title_en="First exchange",
                    text_fr="Un échange d'essai.\n\nEn deux paragraphes.",
                    text_en="A test exchange.",
                    image=view,
                    image_alt_text_fr="Une vue d'essai",
                    image_alt_text_en="A test view",
                ),
                # No English: shown in French, marked as French.
                PartnerHistoryEntry(
                    sort_order=1, year=2017, title="Visite", title_fr="Visite", text_fr="Texte."
                ),
            ],
        ),
    )

    # A document in a collection behind a password.
    confidential = Collection.get_first_root_node().add_child(name="Dossier confidentiel")
    made["collections"].append(confidential.pk)
    CollectionViewRestriction.objects.create(
        collection=confidential, restriction_type="password", password="mot-de-passe-du-dossier"
    )
    private = get_document_model().objects.create(
        title="Compte rendu confidentiel",
        collection=confidential,
        # Not test_private_document.py's file name: parallel workers share the media folder,
        # and that test checks the name the download gets.
        file=ContentFile(b"%PDF-1.4 contenu confidentiel", name="releve-confidentiel.pdf"),
    )
    made["documents"].append(private.pk)

    pages = {
        "home": HomePage.objects.get(),
        "mission": MissionPage.objects.get(),
        "content": content,
        "accessibility": AccessibilityStatementPage.objects.get(),
        "privacy": PrivacyNoticePage.objects.get(),
        "legal": LegalNoticePage.objects.get(),
        "contact": ContactFormPage.objects.get(),
        "partner_index": partners,
        "partner_city": salford,
        "partner_city_with_history_and_committee": with_history,
        "partner_city_with_other_names": PartnerCityPage.objects.get(slug_fr="regensburg"),
        "michelin_network": MichelinNetworkPage.objects.get(),
        "project_index": ProjectIndexPage.objects.get(),
        "project": techtown,
        "support_form": ProjectSupportFormPage.objects.get(),
        "call_index": calls,
        "call": open_call,
        "cied": CiedPage.objects.get(),
        "event_index": agenda,
        "event": event,
        "exhibition_index": catalogue,
        "exhibition": exhibition,
        "news_index": news_index,
        "news": news,
        "news_in_french_only": french_only,
    }
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            for name, page in pages.items():
                urls[name, language] = page.get_url()
        urls["partner_index_filtered_to_nothing", language] = (
            urls["partner_index", language] + "?relationship=solidarity&country=GB"
        )
        urls["partner_index_with_filter_errors", language] = (
            urls["partner_index", language] + "?country=ZZ"
        )
        urls["open_data", language] = urls["partner_index", language] + "open-data/"
        urls["call_archive", language] = urls["call_index", language] + "archive/"
        urls["event_index_past", language] = urls["event_index", language] + "?period=past"
        urls["news_index_with_filter_errors", language] = (
            urls["news_index", language] + "?theme=inconnu&page=x"
        )
        for name, query in QUERIES.items():
            query = query[language] if isinstance(query, dict) else query
            urls[name, language] = f"{SEARCH[language]}?{urlencode({'q': query})}"
        urls["search_without_query", language] = SEARCH[language]
        urls["site_map", language] = {"fr": "/fr/plan-du-site/", "en": "/en/site-map/"}[language]
        urls["not_found", language] = NOT_FOUND[language]
        # The same address in both languages: the browser's Accept-Language chooses.
        urls["private_document", language] = private.url
        urls["unavailable", language] = f"/{language}/unavailable-page-test/"
        for state, form in SENT_EMPTY.items():
            urls[state, language] = urls[form, language]
    language_urls.update(urls)
    return made


def _remove(made):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page

    from partners.models import TwinningCommittee

    for page in Page.objects.filter(pk__in=made["pages"]):
        page.delete()
    TwinningCommittee.objects.filter(pk__in=made["committees"]).delete()
    for document in get_document_model().objects.filter(pk__in=made["documents"]):
        document.file.delete(save=False)
        document.delete()
    get_image_model().objects.filter(pk__in=made["images"]).delete()
    Collection.objects.filter(pk__in=made["collections"]).delete()


@pytest.fixture(scope="module")
def urls(live_site, django_db_blocker):
    """{(page, language): path} of every case, with the content they need, removed afterwards.

    Module-scoped: the partner city made here would otherwise be on the map that
    test_partner_map_taps.py counts."""
    found = {}
    with django_db_blocker.unblock():
        made = committed(lambda: _content(found))
    assert set(found) == {(name, language) for name in PAGES for language in LANGUAGES}
    yield found
    with django_db_blocker.unblock():
        committed(lambda: _remove(made))


def outage_html(language):
    """The "temporarily unavailable" page (503) as the site renders it when the database is
    unreachable."""
    from clermont_intl.db.unavailable import unavailable_response

    response = unavailable_response(RequestFactory().get(f"/{language}/"))
    assert response.status_code == 503
    return response.content.decode()


@pytest.fixture(scope="module")
def tabs(browser, live_site):
    """tab(language, viewport): one tab per language and viewport, kept for the module. A phone's
    takes taps; its Accept-Language is the language (the private document's address has none).
    Any request to another host is blocked and recorded in ``tab.outside``. The outage page is
    served at /<language>/unavailable-page-test/, so that the site's stylesheet loads with it."""
    opened = {}

    def tab(language, viewport):
        if (language, viewport) in opened:
            return opened[language, viewport]
        phone = viewport == "mobile"
        # bypass_csp: the site's Content-Security-Policy forbids inline scripts, and axe-core is
        # injected as one; the policy itself is tested elsewhere.
        context = browser.new_context(
            base_url=live_site,
            viewport=VIEWPORTS[viewport],
            has_touch=phone,
            is_mobile=phone,
            bypass_csp=True,
            extra_http_headers={"Accept-Language": language},
        )
        tab = context.new_page()
        tab.outside = []

        def block_outside(route):
            if route.request.url.startswith((live_site, "data:")):
                route.continue_()
            else:
                tab.outside.append(route.request.url)
                route.abort()

        def outage(route):
            route.fulfill(
                status=503, body=outage_html(language), content_type="text/html; charset=utf-8"
            )

        context.route("**/*", block_outside)
        context.route(f"{live_site}/{language}/unavailable-page-test/", outage)
        opened[language, viewport] = tab
        return tab

    yield tab
    for tab in opened.values():
        tab.context.close()


def send_empty(tab, url):
    assert tab.goto(url).status == 200
    with tab.expect_navigation():
        tab.locator("main form.form button[type=submit]").click()
    tab.wait_for_load_state("load")


def show(tab, urls, name, language):
    """Opens the case's page in its state, and checks that it is in that state."""
    url = urls[name, language]
    if name in SENT_EMPTY:
        send_empty(tab, url)
    else:
        assert tab.goto(url).status == STATUS.get(name, 200), url
    assert tab.evaluate("document.documentElement.lang") == language

    def shown(selector):
        return tab.locator(selector).first.is_visible()

    if name in SENT_EMPTY:
        assert shown("[data-error-summary]") and shown("main [role=alert]")
    elif name in ("mission", "call_index", "call_archive"):
        assert tab.locator(".call-state").count() >= 1
    elif name in ("partner_city", "project"):
        assert shown("#news-heading")
    elif name == "partner_city_with_history_and_committee":
        assert tab.locator("ol.partner-history > li").count() == 2
        assert shown("#committee-heading")
    elif name == "home":
        assert tab.locator(".event-card").count() >= 1
    elif name == "search_suggestion":
        assert tab.locator(".search-suggestion a").inner_text() == "Regensburg"
    elif name in ("search_without_accents", "search_other_name", "search_highlights"):
        assert tab.locator(".search-result mark").count() >= 1
    elif name == "private_document":
        assert tab.locator("h1").inner_text() == PRIVATE_DOCUMENT_TITLE[language]
    elif name == "unavailable":
        # The site's stylesheet applied: the header has the site's colours, not the browser's.
        background = tab.locator(".site-header").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def described(violations):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in violations
    ]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_accessibility_violation_of_any_impact(tabs, urls, name, language, viewport):
    tab = tabs(language, viewport)
    tab.outside.clear()
    show(tab, urls, name, language)
    violations = described(run_axe(tab, tags=TAGS))
    assert not violations, "\n".join(violations)
    assert not tab.outside, f"The page requested resources outside the site: {tab.outside}"


def served(live_site, path, language):
    """(status, HTML) of a page as the server sends it."""
    request = Request(live_site + path, headers={"Accept-Language": language})
    try:
        with urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_every_page_is_valid_html(live_site, tabs, urls):
    documents = {}
    for name in PAGES:
        for language in LANGUAGES:
            path = urls[name, language]
            if name in SENT_EMPTY:
                tab = tabs(language, "desktop")
                show(tab, urls, name, language)
                html = tab.content()
            elif name == "unavailable":
                html = outage_html(language)
            else:
                status, html = served(live_site, path, language)
                assert status == STATUS.get(name, 200), path
            documents[f"{name} ({language}) {path}"] = html
    # One Java start for them all.
    errors = {name: found for name, found in check_many_html(documents).items() if found}
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(e) for name, e in errors.items())
