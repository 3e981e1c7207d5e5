"""The CIED Clermont Puy-de-Dôme of the seed text, and its (empty) agenda
(clermont_intl.content.seed)."""

from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import SeedSection, stream

from .models import CiedPage, EventIndexPage


def seed_cied(loader, mission):
    fields = {k: v for k, v in content.CIED.items() if not k.startswith("body")}
    cied, created = loader.page(mission, CiedPage, fields)
    if created:
        cied.body_fr = stream(content.CIED["body_fr"], {})
        cied.body_en = stream(content.CIED["body_en"], {})
        cied.save_revision().publish()
    loader.page(cied, EventIndexPage, content.EVENT_INDEX)
    return {"cied": cied}


SEED_SECTIONS = [SeedSection("cied", order=30, build=seed_cied)]
