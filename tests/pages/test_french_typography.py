"""French typography on every French page of the seeded site: a no-break space (U+00A0) or a
narrow no-break space (U+202F) before : ; ! ? and inside « », in the templates' text, the
translations and the seeded content, including error messages and what screen readers read
(aria-label, title, alt)."""

import re

from django.utils import translation

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from clermont_intl.models import ContactFormPage
from projects.models import ProjectSupportFormPage
from tests.site_urls import routable_paths

pytestmark = pytest.mark.django_db

NO_BREAK = "\u00a0\u202f"
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# Punctuation that takes a space before it in French.
HIGH_PUNCTUATION = re.compile(r"[:;!?]")


def typography_errors(text):
    """The places in text where French punctuation lacks its no-break space, with context."""
    errors = []
    for match in HIGH_PUNCTUATION.finditer(text):
        start = match.start()
        before = text[start - 1] if start else ""
        if before in NO_BREAK:
            continue
        if _in_address_or_time(text, start):
            continue
        errors.append(_context(text, start))
    for match in re.finditer("«", text):
        after = text[match.end() : match.end() + 1]
        if after not in NO_BREAK:
            errors.append(_context(text, match.start()))
    for match in re.finditer("»", text):
        before = text[match.start() - 1] if match.start() else ""
        if before not in NO_BREAK:
            errors.append(_context(text, match.start()))
    return errors


def _in_address_or_time(text, position):
    """A colon or question mark inside a web address, an e-mail, a time (18:30) or a file
    path written as text: not punctuation."""
    left = re.search(r"\S*$", text[:position]).group()
    right = re.match(r"\S*", text[position + 1 :]).group()
    token = left + text[position] + right
    if "://" in token or token.startswith(("/", "www.", "mailto:", "tel:")) or "@" in token:
        return True
    return bool(left[-1:].isdigit() and right[:1].isdigit())


def _context(text, position):
    return repr(text[max(0, position - 40) : position + 20])


def read_texts(html):
    """The text a person sees or hears on the page: the title, the body's text (script and
    style left out) and the attributes screen readers read."""
    page = BeautifulSoup(html, "html.parser")
    for tag in page(["script", "style", "template"]):
        tag.decompose()
    texts = [page.title.get_text("") if page.title else ""]
    # Without a separator: "<a>Lien</a>?" is read "Lien?".
    texts.append(page.body.get_text(""))
    for attribute in READ_ATTRIBUTES:
        texts.extend(tag[attribute] for tag in page.body.find_all(attrs={attribute: True}))
    return texts


def french_urls():
    """Every live page in French, with the routes of the routable pages (open data, feeds'
    descriptions, archives) and the site's own views."""
    urls = []
    with translation.override("fr"):
        for page in Page.objects.live().public().specific().order_by("path"):
            url = page.get_url()
            if not url:
                continue
            urls.append(url)
            for sub in routable_paths(page):
                if sub.rstrip("/").endswith(("csv", "json", "geojson", "rss", "atom", "calendar")):
                    continue  # data files, not pages
                urls.append(url.rstrip("/") + "/" + sub.lstrip("/"))
    return urls + [
        # The search page itself; its results' excerpts are the search index's text
        # (clermont_intl.search), which keeps its own spacing.
        "/fr/recherche/?q=zzzzqqq",
        "/fr/plan-du-site/",
        "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/?period=past",
        # Filters with values that do not exist: the form's errors.
        "/fr/relations-internationales/villes-partenaires/?country=ZZ&relationship=x",
        "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/?theme=x&audience=y",
    ]


def test_every_french_page_uses_french_punctuation(client):
    errors = {}
    for url in french_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        if "html" not in response["Content-Type"]:
            continue
        found = [
            error for text in read_texts(response.content) for error in typography_errors(text)
        ]
        if found:
            errors[url] = found
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    found = [e for text in read_texts(response.content) for e in typography_errors(text)]
    if found:
        errors["404"] = found
    assert not errors, "\n".join(f"{url}:\n  " + "\n  ".join(e) for url, e in errors.items())


@pytest.mark.parametrize("model", [ProjectSupportFormPage, ContactFormPage])
def test_refused_forms_in_french_use_french_punctuation(client, model):
    """A form sent empty: its summary of errors ("Nom de la structure : Ce champ est
    obligatoire.") and the fields' own messages."""
    with translation.override("fr"):
        url = model.objects.live().get().get_url()
    response = client.post(url, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html, "the empty form was not refused"
    found = [e for text in read_texts(html) for e in typography_errors(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "text, errors",
    [
        ("Nom de la structure: Champ requis", 1),
        ("Salford (Royaume-Uni): Ville jumelle", 1),
        ("Salford (Royaume-Uni) : Ville jumelle", 1),  # an ordinary space may break the line
        ("Salford (Royaume-Uni)\u00a0: Ville jumelle", 0),
        ("Vous avez une question\u202f? Écrivez\u202f!", 0),
        ("label «\u00a0Centre d'Information Europe Direct\u00a0»", 0),
        ("label « Centre d'Information Europe Direct »", 2),
        ("à 18:30, https://www.example.org/?q=1 ou contact@example.org", 0),
    ],
)
def test_the_rule_itself(text, errors):
    assert len(typography_errors(text)) == errors


def test_the_seed_corrects_the_spacing_an_earlier_seed_wrote_and_only_that():
    """A site seeded before: its French texts had ordinary spaces (or none) before the
    punctuation. Running the seed again spaces the seed's own sentences, leaves an editor's
    text and a draft alone, and a third run changes nothing."""
    from clermont_intl.content.seed import SeedLoader
    from clermont_intl.models import HomePage, MissionPage
    from projects.models import ProjectIndexPage

    home = HomePage.objects.get()
    old_intro = home.intro_fr.replace("\u00a0", " ").replace("\u202f", " ")
    assert old_intro != home.intro_fr
    home.intro_fr = old_intro
    home.save_revision().publish()
    mission = MissionPage.objects.get()
    raw = [dict(block) for block in mission.body_fr.raw_data]
    for block in raw:
        if block["type"] == "paragraph":
            block["value"] = block["value"].replace("\u00a0»", " »").replace("«\u00a0", "« ")
    mission.body_fr = raw
    mission.save_revision().publish()
    # An editor's own sentence, and a draft on another page.
    projects = ProjectIndexPage.objects.get()
    projects.intro_fr = "Nos projets : voyez plutôt !"
    projects.save_revision().publish()

    report = SeedLoader().run()

    home.refresh_from_db()
    assert home.intro_fr == old_intro.replace(" : ", "\u00a0: ")
    mission.refresh_from_db()
    paragraphs = [b.value.source for b in mission.body_fr if b.block_type == "paragraph"]
    assert any("«\u00a0Centre d'Information Europe Direct\u00a0»" in p for p in paragraphs)
    assert not any("« " in p for p in paragraphs)
    projects.refresh_from_db()
    assert projects.intro_fr == "Nos projets : voyez plutôt !"
    assert any("typography" in line for line in report.corrected)
    again = SeedLoader().run()
    assert not again.corrected and not again.created
