"""Fictitious partner cities for the benchmark and the query-count tests
(clermont_intl.content.demo)."""

from decimal import Decimal

from clermont_intl.content.demo import DemoSection

from .constants import Relationship
from .models import (
    PartnerCityPage,
    PartnerGalleryImage,
    PartnerHistoryEntry,
    PartnerIndexPage,
    PartnerRelationship,
    TwinningCommittee,
)

COUNTRIES = ["DE", "GB", "IT", "ES", "PT", "PL", "US", "GA", "BF", "JP", "CA", "MA", "SN", "RO"]
KINDS = list(Relationship)  # every kind, in turn


def build_partners(demo, count):
    index = PartnerIndexPage.objects.get()
    committee = TwinningCommittee.objects.create(
        name=f"{demo.title_prefix} comité de jumelage (fictif)",
        name_fr=f"{demo.title_prefix} comité de jumelage (fictif)",
        name_en=f"{demo.title_prefix} twinning committee (fictitious)",
        description_fr="Une association fictive, pour les mesures de performance.",
        description_en="A fictitious association, for the performance measurements.",
        email="comite@example.org",
        phone="+33 4 00 00 00 00",
        address="1 place Fictive\n63000 Clermont-Ferrand",
        website="https://example.org/comite/",
    )
    made = []
    for n in range(count):
        name = demo.title("ville", f"{n:04d}")
        image = demo.image(name, f"{demo.prefix}-{n}")
        page = demo.page(
            PartnerCityPage,
            f"{n:04d}",
            title=("ville", "city"),
            slug="ville",
            intro=(
                f"Une ville partenaire de Clermont-Ferrand, numéro {n}.",
                f"A partner city of Clermont-Ferrand, number {n}.",
            ),
            # Fictitious other names, so that pages and search show and find them.
            alternative_names_fr=demo.title("cité", f"{n:04d}"),
            alternative_names_en=demo.title("town", f"{n:04d}"),
            description_fr="<p>Échanges culturels, jeunesse et coopération universitaire.</p>",
            description_en="<p>Cultural exchanges, youth and university cooperation.</p>",
            country=COUNTRIES[n % len(COUNTRIES)],
            latitude=Decimal("45.77") + Decimal(n % 40),
            longitude=Decimal("3.08") + Decimal(n % 90),
            relationships=[PartnerRelationship(kind=KINDS[n % len(KINDS)], since=1960 + n % 60)],
            official_website="https://example.org/",
            twinning_committee=committee,
            history_entries=[
                PartnerHistoryEntry(
                    sort_order=0,
                    year=1960 + n % 60,
                    title=f"Premier échange fictif avec {name}",
                    title_fr=f"Premier échange fictif avec {name}",
                    title_en=f"First fictitious exchange with {name}",
                    text_fr="Un événement inventé pour les mesures.",
                    text_en="An invented event for the measurements.",
                    image=image,
                    image_alt_text_fr=f"Vue de {name}",
                    image_alt_text_en=f"View of {name}",
                ),
                PartnerHistoryEntry(
                    sort_order=1,
                    year=2017,
                    title="Visite fictive",
                    title_fr="Visite fictive",
                    title_en="Fictitious visit",
                ),
            ],
            gallery_images=[
                PartnerGalleryImage(
                    image=image,
                    alt_text_fr=f"Vue de {name}",
                    alt_text_en=f"View of {name}",
                )
            ],
        )
        page.cooperation_areas = demo.themes[: 1 + n % 3]
        made.append(demo.published(index, page))
    return made


DEMO_SECTIONS = [DemoSection("partners", order=10, default_count=200, build=build_partners)]
