"""A large section built on top of the seed: many partners, projects and events, with images.

Used by the benchmark (`manage.py build_large_site`, run by `make bench`) and by the query-count
tests, which check that a page costs the same number of queries at ten times the content.
Pages are created live and then go through what publishing does for them (search index and
image renditions), without a revision each: building 1,000 pages stays under a minute.
"""

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model

from PIL import Image as PILImage

from cied.models import EventIndexPage, EventPage
from partners.constants import Relationship
from partners.models import (
    PartnerCityPage,
    PartnerGalleryImage,
    PartnerIndexPage,
    PartnerRelationship,
)
from projects.models import Programme, ProjectIndexPage, ProjectPage

from .models import Theme
from .renditions import prepare_renditions
from .search import index_page

COUNTRIES = ["DE", "GB", "IT", "ES", "PT", "PL", "US", "GA", "BF", "JP", "CA", "MA", "SN", "RO"]
KINDS = [Relationship.TWIN_CITY, Relationship.MICHELIN_NETWORK, Relationship.SOLIDARITY]


def make_image(title, seed):
    """A small generated picture (a plain colour), stored like an editor's upload."""
    colour = random.Random(seed).choices(range(256), k=3)
    buffer = io.BytesIO()
    PILImage.new("RGB", (960, 640), tuple(colour)).save(buffer, format="JPEG", quality=80)
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"bench-{seed}.jpg")
    )


def _published(parent, page):
    """Add a live page and do what publishing would: index it, prepare its renditions."""
    page.live = True
    parent.add_child(instance=page)
    index_page(page)
    prepare_renditions(page)
    return page


def _body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@transaction.atomic
def build_large_site(partners=200, projects=60, events=800, prefix="grand"):
    """Add the given numbers of pages under the seeded indexes; returns the counts added."""
    partner_index = PartnerIndexPage.objects.get()
    project_index = ProjectIndexPage.objects.get()
    event_index = EventIndexPage.objects.get()
    themes = list(Theme.objects.all())
    programmes = list(Programme.objects.all())
    made = {"partners": [], "projects": [], "events": []}

    for n in range(partners):
        name = f"{prefix.capitalize()} ville {n:04d}"
        slug = f"{prefix}-ville-{n:04d}"
        page = PartnerCityPage(
            title=name,
            title_fr=name,
            title_en=f"{prefix.capitalize()} city {n:04d}",
            slug=slug,
            slug_fr=slug,
            slug_en=slug,
            intro_fr=f"Une ville partenaire de Clermont-Ferrand, numéro {n}.",
            intro_en=f"A partner city of Clermont-Ferrand, number {n}.",
            description_fr="<p>Échanges culturels, jeunesse et coopération universitaire.</p>",
            description_en="<p>Cultural exchanges, youth and university cooperation.</p>",
            country=COUNTRIES[n % len(COUNTRIES)],
            latitude=Decimal("45.77") + Decimal(n % 40),
            longitude=Decimal("3.08") + Decimal(n % 90),
            relationships=[PartnerRelationship(kind=KINDS[n % len(KINDS)], since=1960 + n % 60)],
            gallery_images=[
                PartnerGalleryImage(
                    image=make_image(name, f"{prefix}-{n}"),
                    alt_text_fr=f"Vue de {name}",
                    alt_text_en=f"View of {name}",
                )
            ],
        )
        page.cooperation_areas = themes[: 1 + n % 3]
        made["partners"].append(_published(partner_index, page))

    for n in range(projects):
        title = f"{prefix.capitalize()} projet {n:03d}"
        slug = f"{prefix}-projet-{n:03d}"
        page = ProjectPage(
            title=title,
            title_fr=title,
            title_en=f"{prefix.capitalize()} project {n:03d}",
            slug=slug,
            slug_fr=slug,
            slug_en=slug,
            intro_fr="Un projet européen de coopération entre villes.",
            intro_en="A European cooperation project between cities.",
            programme=programmes[n % len(programmes)] if programmes else None,
            body_fr=_body("Le projet réunit des villes autour de la culture."),
            body_en=_body("The project brings cities together around culture."),
        )
        page.themes = themes[n % 2 : n % 2 + 2]
        page.partner_cities = made["partners"][n : n + 3]
        made["projects"].append(_published(project_index, page))

    now = timezone.now()
    for n in range(events):
        title = f"{prefix.capitalize()} conférence {n:04d}"
        slug = f"{prefix}-conference-{n:04d}"
        # Half in the past (the archive), half to come.
        start = now + timedelta(days=n - events // 2, hours=n % 8)
        page = EventPage(
            title=title,
            title_fr=title,
            title_en=f"{prefix.capitalize()} talk {n:04d}",
            slug=slug,
            slug_fr=slug,
            slug_en=slug,
            intro_fr="Une conférence du centre Europe Direct.",
            intro_en="A talk at the Europe Direct centre.",
            kind="talk",
            start=start,
            end=start + timedelta(hours=2),
            place="Maison de l'Europe, Clermont-Ferrand",
            body_fr=_body("Entrée libre, dans la limite des places disponibles."),
            body_en=_body("Free entry, subject to available seats."),
        )
        page.themes = themes[n % 3 : n % 3 + 1]
        made["events"].append(_published(event_index, page))

    return {kind: len(pages) for kind, pages in made.items()}
