"""The European and international projects of the seed text (TechTown under URBACT, CreArt
under Creative Europe), their programmes, and the project support form
(clermont_intl.content.seed)."""

from django.conf import settings

from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import SeedSection

from .models import (
    CallIndexPage,
    Programme,
    ProjectIndexPage,
    ProjectPage,
    ProjectSupportFormField,
    ProjectSupportFormPage,
)


def seed_projects(loader, mission):
    programmes = _programmes(loader)
    index, _ = loader.page(mission, ProjectIndexPage, content.PROJECT_INDEX)
    pages = {}
    for item in content.PROJECTS:
        fields = {k: v for k, v in item.items() if k.endswith(("_fr", "_en"))}
        page, created = loader.page(
            index, ProjectPage, fields, programme=programmes[item["programme"]]
        )
        if created:
            page.themes = [loader.themes[slug] for slug in item["themes"]]
            page.save_revision().publish()
        pages[item["key"]] = page
    form_fields = loader.form_fields(ProjectSupportFormField, content.SUPPORT_FORM_FIELDS)
    support, _ = loader.page(
        index,
        ProjectSupportFormPage,
        content.SUPPORT_FORM,
        to_address=settings.SERVICE_EMAIL,
        from_address=settings.DEFAULT_FROM_EMAIL,
        form_fields=form_fields,
    )
    loader.order_form_fields(support, content.SUPPORT_FORM_FIELDS)
    # The seed text names no call: the index only, with its empty state (from its template).
    calls, _ = loader.page(index, CallIndexPage, CALL_INDEX)
    return {"projects": index, "support": support, "calls": calls, **pages}


# The service "orients towards co-funding" (seed text): the page where the calls for projects
# and funding opportunities it relays are published.
CALL_INDEX = {
    "title_fr": "Appels à projets",
    "title_en": "Calls for projects",
    "slug_fr": "appels-a-projets",
    "slug_en": "calls-for-projects",
    "intro_fr": (
        "Les appels à projets et possibilités de co-financement vers lesquels le pôle oriente "
        "les porteurs de projets internationaux."
    ),
    "intro_en": (
        "The calls for projects and co-funding opportunities the service points international "
        "project leaders to."
    ),
}


def _programmes(loader):
    programmes = {}
    for item in content.PROGRAMMES:
        programme = Programme.objects.filter(name_fr=item["name_fr"]).first()
        if programme and not programme.url:
            # Seeded before its official site was known.
            programme.url = item["url"]
            programme.save(update_fields=["url"])
            loader.report.created.append(f"programme: official website of {programme.name}")
        elif programme:
            loader.report.existing.append(f"programme: {programme.name}")
        else:
            programme = Programme.objects.create(
                name=item["name_fr"],
                name_fr=item["name_fr"],
                name_en=item["name_en"],
                acronym=item["acronym"],
                url=item["url"],
            )
            loader.report.created.append(f"programme: {programme.name}")
        programmes[item["key"]] = programme
    return programmes


SEED_SECTIONS = [SeedSection("projects", order=20, build=seed_projects)]
