"""Fictitious projects for the benchmark and the query-count tests (clermont_intl.content.demo)."""

from clermont_intl.content.demo import DemoSection

from .models import Programme, ProjectIndexPage, ProjectPage


def build_projects(demo, count):
    index = ProjectIndexPage.objects.get()
    programmes = list(Programme.objects.all())
    partners = demo.made.get("partners", [])
    made = []
    for n in range(count):
        title = f"{demo.title_prefix} projet {n:03d}"
        slug = f"{demo.prefix}-projet-{n:03d}"
        page = ProjectPage(
            title=title,
            title_fr=title,
            title_en=f"{demo.title_prefix} project {n:03d}",
            slug=slug,
            slug_fr=slug,
            slug_en=slug,
            intro_fr="Un projet européen de coopération entre villes.",
            intro_en="A European cooperation project between cities.",
            programme=programmes[n % len(programmes)] if programmes else None,
            body_fr=demo.body("Le projet réunit des villes autour de la culture."),
            body_en=demo.body("The project brings cities together around culture."),
        )
        page.themes = demo.themes[n % 2 : n % 2 + 2]
        page.partner_cities = partners[n : n + 3]
        made.append(demo.published(index, page))
    return made


DEMO_SECTIONS = [DemoSection("projects", order=20, default_count=60, build=build_projects)]
