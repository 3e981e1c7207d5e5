"""The centre's page leads to what it offers (its agenda, its exhibitions on loan) and to the
outside sites of the seed text (the centre's own, the Europe Direct network's; the programmes'
on the projects), each an editor's link field seeded with an address checked at its source."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from cied.models import CiedPage
from clermont_intl.content.seed import SeedLoader
from projects.models import Programme
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

CIED = {
    "fr": "/fr/relations-internationales/cied-clermont-puy-de-dome/",
    "en": "/en/international-relations/europe-direct-clermont-puy-de-dome/",
}
OFFERS = {
    "fr": ["agenda/", "expositions-en-pret/"],
    "en": ["events/", "exhibitions-on-loan/"],
}
PROJECTS = {
    "fr": "/fr/relations-internationales/projets-europeens-et-internationaux/",
    "en": "/en/international-relations/european-and-international-projects/",
}
NETWORK = "https://european-union.europa.eu/contact-eu/meet-us/find-closest-europe-direct-centre_"


def main(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").find("main")


@pytest.mark.parametrize(
    "language, heading, titles",
    [
        ("fr", "Ce que propose le centre", ["Agenda", "Expositions en prêt"]),
        ("en", "What the centre offers", ["Events", "Exhibitions on loan"]),
    ],
)
def test_the_centre_links_its_agenda_and_its_exhibitions_on_loan(client, language, heading, titles):
    page = main(client, CIED[language])
    section = page.find("h2", string=heading).find_parent("section")
    links = {a.get_text(strip=True): a["href"] for a in section.find_all("a")}
    assert links == {
        title: CIED[language] + path for title, path in zip(titles, OFFERS[language], strict=True)
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_centre_links_its_official_site_and_the_europe_direct_network(client, language):
    page = main(client, CIED[language])
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "https://europedirectclermont63.eu/" in hrefs
    assert NETWORK + language in hrefs
    official = page.find("a", href="https://europedirectclermont63.eu/")
    assert official["hreflang"] == "fr"


@pytest.mark.parametrize(
    "project, url",
    [
        ("techtown/", "https://urbact.eu/"),
        (
            "creart/",
            "https://culture.ec.europa.eu/creative-europe/about-the-creative-europe-programme",
        ),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_project_links_its_programmes_official_site(client, language, project, url):
    assert main(client, PROJECTS[language] + project).find("a", href=url)


def test_editors_change_the_links_and_a_wrong_address_is_refused_with_a_message(client, editor):
    page = CiedPage.objects.get()
    client.force_login(editor)
    url = f"/admin/pages/{page.pk}/edit/"
    # The bodies as the editor's browser posts them (the admin draws them with JavaScript).
    bodies = nested_form_data(
        {
            "body_fr": streamfield([("paragraph", rich_text("<p>Le CIED est là.</p>"))]),
            "body_en": streamfield([("paragraph", rich_text("<p>The centre is here.</p>"))]),
        }
    )
    publish = {"action-publish": "action-publish", **bodies}
    response = client.post(url, form_data(client.get(url), website="pas une adresse", **publish))
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert CiedPage.objects.get().website == "https://europedirectclermont63.eu/"
    response = client.post(
        url,
        form_data(client.get(url), network_url_en="https://example.org/europe-direct", **publish),
    )
    assert response.status_code == 302
    client.logout()
    assert main(client, CIED["en"]).find("a", href="https://example.org/europe-direct")
    assert main(client, CIED["fr"]).find("a", href=NETWORK + "fr")


def test_the_seed_gives_the_links_an_earlier_seed_left_out_and_only_those():
    page = CiedPage.objects.get()
    # As an earlier seed left the page: no link in any version.
    for revision in page.revisions.all():
        for name in ("website", "network_url", "network_url_fr", "network_url_en"):
            revision.content.pop(name, None)
        revision.save(update_fields=["content"])
    CiedPage.objects.filter(pk=page.pk).update(website="", network_url_fr="", network_url_en="")
    Programme.objects.update(url="")

    SeedLoader().run()
    page = CiedPage.objects.get()
    assert page.website == "https://europedirectclermont63.eu/"
    assert page.network_url_fr == NETWORK + "fr" and page.network_url_en == NETWORK + "en"
    assert Programme.objects.get(acronym="URBACT").url == "https://urbact.eu/"
    assert not SeedLoader().run().created

    # An editor removes the centre's site: the seed does not put it back.
    page.website = ""
    page.save_revision().publish()
    SeedLoader().run()
    assert CiedPage.objects.get().website == ""
