"""The CIED Clermont Puy-de-Dôme of the seed text, its (empty) agenda and its (empty) catalogue
of exhibitions on loan (clermont_intl.content.seed)."""

from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import SeedSection, publish_body

from .models import CiedPage, EventIndexPage, ExhibitionIndexPage

# The seed text says the centre offers exhibitions ("Informations, documentations, expositions,
# animations"): the catalogue is made, empty; editors add the exhibitions.
EXHIBITION_INDEX = {
    "title_fr": "Expositions en prêt",
    "title_en": "Exhibitions on loan",
    "slug_fr": "expositions-en-pret",
    "slug_en": "exhibitions-on-loan",
    "intro_fr": "Les expositions sur l'Union européenne que le CIED Clermont Puy-de-Dôme prête.",
    "intro_en": "The exhibitions about the European Union that Europe Direct Clermont "
    "Puy-de-Dôme lends.",
}


def seed_cied(loader, mission):
    fields = {k: v for k, v in content.CIED.items() if not k.startswith("body")}
    cied, created = loader.page(mission, CiedPage, {**fields, **content.CIED_LINKS})
    if not created:
        fill_links(loader, cied, content.CIED_LINKS)
    if created:
        publish_body(cied, content.CIED["body_fr"], content.CIED["body_en"])
    loader.page(cied, EventIndexPage, content.EVENT_INDEX)
    exhibitions, _created = loader.page(
        cied, ExhibitionIndexPage, EXHIBITION_INDEX, subject="Demande de prêt d'exposition"
    )
    return {"cied": cied, "exhibitions": exhibitions}


def fill_links(loader, page, links):
    """Outside links an earlier seed did not give, on the centre's page as it is: each only if
    it is empty and no version of the page ever had one (an editor who removed it keeps it
    removed), and never over an editor's draft."""
    if page.has_unpublished_changes:
        loader.report.existing.append(f"{page._meta.verbose_name}: links of {page.title}")
        return
    versions = [revision.content for revision in page.revisions.only("content")]
    missing = {
        name: url
        for name, url in links.items()
        if not getattr(page, name) and not any(version.get(name) for version in versions)
    }
    if not missing:
        loader.report.existing.append(f"{page._meta.verbose_name}: links of {page.title}")
        return
    for name, url in missing.items():
        setattr(page, name, url)
    page.save_revision().publish()
    loader.report.created.append(f"{page._meta.verbose_name}: links of {page.title}")


SEED_SECTIONS = [SeedSection("cied", order=30, build=seed_cied)]
