"""The CIED Clermont Puy-de-Dôme of the seed text, its (empty) agenda and its (empty) catalogue
of exhibitions on loan (clermont_intl.content.seed)."""

from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import SeedSection, french, stream

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
    cied, created = loader.page(mission, CiedPage, fields)
    if created:
        cied.body_fr = stream(french(content.CIED["body_fr"]), {})
        cied.body_en = stream(content.CIED["body_en"], {})
        cied.save_revision().publish()
    loader.page(cied, EventIndexPage, content.EVENT_INDEX)
    exhibitions, _created = loader.page(
        cied, ExhibitionIndexPage, EXHIBITION_INDEX, subject="Demande de prêt d'exposition"
    )
    return {"cied": cied, "exhibitions": exhibitions}


SEED_SECTIONS = [SeedSection("cied", order=30, build=seed_cied)]
