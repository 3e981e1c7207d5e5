"""The projects index: filters by programme, theme and status, bad values, query count."""

import pytest

from clermont_intl.models import Theme
from projects.constants import ProjectStatus
from projects.models import Programme, ProjectPage
from tests.query_counting import cold_and_warm

pytestmark = pytest.mark.django_db

INDEX_FR = "/fr/relations-internationales/projets-europeens-et-internationaux/"
INDEX_EN = "/en/international-relations/european-and-international-projects/"


def add_project(index, name, programme=None, status="", themes=()):
    slug = name.lower().replace(" ", "-")
    page = ProjectPage(
        title=name, title_fr=name, slug=slug, slug_fr=slug, programme=programme, status=status
    )
    index.add_child(instance=page)
    if themes:
        page.themes.set(themes)
        page.save_revision().publish()
    return page


def titles(response):
    return [project.title for project in response.context["projects"]]


def test_filter_by_programme_theme_and_status(client, site_pages):
    urbact = Programme.objects.get(acronym="URBACT")
    add_project(site_pages["projects"], "Projet en cours", urbact, ProjectStatus.ONGOING)
    assert titles(client.get(INDEX_FR, {"programme": urbact.pk})) == [
        "Projet en cours",
        "TechTown",
    ]
    assert titles(client.get(INDEX_EN, {"theme": "culture"})) == ["CreArt"]
    assert titles(client.get(INDEX_FR, {"status": "ongoing"})) == ["Projet en cours"]
    combined = client.get(INDEX_FR, {"status": "ongoing", "theme": "culture"})
    assert titles(combined) == []
    assert "Aucun projet ne correspond" in combined.content.decode() or (
        "No project matches" in combined.content.decode()
    )


def test_filters_only_offer_what_published_projects_use(client):
    form = client.get(INDEX_FR).context["filter_form"]
    themes = [slug for slug, _ in form.fields["theme"].choices if slug]
    assert sorted(themes) == ["culture", "innovation"]
    assert len([pk for pk, _ in form.fields["programme"].choices if pk]) == 2


@pytest.mark.parametrize(
    "query",
    [
        "?programme=abc",
        "?programme=999999",
        "?programme=-1",
        "?theme=<script>alert(1)</script>",
        "?status=closed",
        "?status=%00",
        "?programme=1.5",
        "?theme=" + "x" * 5000,
    ],
)
def test_bad_values_are_reported_and_ignored_never_a_500(client, query):
    response = client.get(INDEX_FR + query)
    assert response.status_code == 200
    assert response.context["filter_form"].errors
    assert sorted(titles(response)) == ["CreArt", "TechTown"]
    html = response.content.decode()
    assert 'role="alert"' in html and "<script>alert(1)</script>" not in html


def test_project_page_shows_programme_period_funding_and_cities(client):
    html = client.get(INDEX_EN + "techtown/").content.decode()
    assert "Programme" in html and "URBACT" in html


@pytest.mark.slow
def test_query_count_does_not_grow_with_the_number_of_projects(client, site_pages):
    urbact = Programme.objects.get(acronym="URBACT")
    urls = [INDEX_FR, INDEX_EN + "?theme=culture", INDEX_FR + f"?programme={urbact.pk}"]
    with_2 = cold_and_warm(client, urls)
    themes = list(Theme.objects.all()[:3])
    for n in range(28):
        add_project(
            site_pages["projects"], f"Projet {n:02d}", urbact, ProjectStatus.ONGOING, themes
        )
    assert cold_and_warm(client, urls) == with_2
