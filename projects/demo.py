"""Fictitious projects and calls for projects for the benchmark and the query-count tests
(clermont_intl.content.demo)."""

from datetime import timedelta

from django.utils import timezone

from clermont_intl.content.demo import DemoSection

from .models import CallForProjectsPage, CallIndexPage, Programme, ProjectIndexPage, ProjectPage


def build_projects(demo, count):
    index = ProjectIndexPage.objects.get()
    programmes = list(Programme.objects.all())
    partners = demo.made.get("partners", [])
    made = []
    for n in range(count):
        page = demo.page(
            ProjectPage,
            f"{n:03d}",
            title=("projet", "project"),
            slug="projet",
            intro=(
                "Un projet européen de coopération entre villes.",
                "A European cooperation project between cities.",
            ),
            body=(
                "Le projet réunit des villes autour de la culture.",
                "The project brings cities together around culture.",
            ),
            programme=programmes[n % len(programmes)] if programmes else None,
        )
        page.themes = demo.themes[n % 2 : n % 2 + 2]
        page.partner_cities = partners[n : n + 3]
        made.append(demo.published(index, page))
    return made


def build_calls(demo, count):
    """Fictitious calls in every state, in turn: upcoming, open, closing soon, closed."""
    index = CallIndexPage.objects.get()
    programmes = list(Programme.objects.all())
    today = timezone.localdate()
    now = timezone.now()
    made = []
    for n in range(count):
        kind = n % 4
        if kind == 0:  # upcoming
            opens_on, deadline = today + timedelta(days=10 + n), now + timedelta(days=60 + n)
        elif kind == 1:  # open
            opens_on, deadline = today - timedelta(days=10), now + timedelta(days=30 + n)
        elif kind == 2:  # closing soon
            opens_on, deadline = today - timedelta(days=30), now + timedelta(days=3, hours=n)
        else:  # closed
            opens_on, deadline = today - timedelta(days=90 + n), now - timedelta(days=1 + n)
        page = demo.page(
            CallForProjectsPage,
            f"{n:03d}",
            title=("appel fictif", "fictitious call"),
            slug="appel",
            intro=(
                "Un appel à projets fictif, pour les essais.",
                "A fictitious call for projects, for testing.",
            ),
            opens_on=opens_on,
            deadline=deadline,
            funding_fr="Jusqu'à 5 000 € (fictif)",
            funding_en="Up to €5,000 (fictitious)",
            eligibility_fr="<p>Associations clermontoises (exemple fictif).</p>",
            eligibility_en="<p>Associations of Clermont-Ferrand (fictitious example).</p>",
            apply_url="https://example.org/appel-fictif",
            programme=programmes[n % len(programmes)] if programmes else None,
        )
        page.themes = demo.themes[n % 2 : n % 2 + 1]
        made.append(demo.published(index, page))
    return made


DEMO_SECTIONS = [
    DemoSection("projects", order=20, default_count=60, build=build_projects),
    DemoSection("calls", order=25, default_count=40, build=build_calls),
]
