"""Fictitious CIED events and exhibitions on loan for the benchmark and the query-count tests
(clermont_intl.content.demo): events half in the past (the archive), half to come; exhibitions
with a photo, each with a confirmed loan to come and a request waiting for an answer."""

from datetime import timedelta

from django.utils import timezone

from clermont_intl.content.demo import DemoSection

from .constants import LoanStatus
from .models import (
    EventIndexPage,
    EventPage,
    ExhibitionIndexPage,
    ExhibitionPage,
    ExhibitionPhoto,
    LoanRequest,
)


def build_events(demo, count):
    index = EventIndexPage.objects.get()
    now = timezone.now()
    made = []
    for n in range(count):
        start = now + timedelta(days=n - count // 2, hours=n % 8)
        page = demo.page(
            EventPage,
            f"{n:04d}",
            title=("conférence", "talk"),
            slug="conference",
            intro=(
                "Une conférence du centre Europe Direct.",
                "A talk at the Europe Direct centre.",
            ),
            body=(
                "Entrée libre, dans la limite des places disponibles.",
                "Free entry, subject to available seats.",
            ),
            kind="talk",
            start=start,
            end=start + timedelta(hours=2),
            place="Maison de l'Europe, Clermont-Ferrand",
        )
        page.themes = demo.themes[n % 3 : n % 3 + 1]
        made.append(demo.published(index, page))
    return made


def build_exhibitions(demo, count):
    """Fictitious exhibitions ("Exposition fictive…"), with fictitious loans: no requester's
    details (the form stores those; a demo has none to show)."""
    index = ExhibitionIndexPage.objects.get()
    today = timezone.localdate()
    made = []
    for n in range(count):
        title = demo.title("exposition fictive", f"{n:04d}")
        page = demo.page(
            ExhibitionPage,
            f"{n:04d}",
            title=("exposition fictive", "fictitious exhibition"),
            slug="exposition",
            intro=(
                "Une exposition fictive, pour les essais du site.",
                "A fictitious exhibition, for testing the site.",
            ),
            body=(
                "Une exposition imaginaire sur l'Union européenne.",
                "An imaginary exhibition about the European Union.",
            ),
            panel_count=10 + n % 15,
            dimensions_fr="Kakémonos, 85 × 200 cm",
            dimensions_en="Roll-up banners, 85 × 200 cm",
            languages_fr="Français, anglais",
            languages_en="French, English",
            gallery_images=[
                ExhibitionPhoto(
                    image=demo.image(title, f"{demo.prefix}-exhibition-{n}"),
                    alt_text_fr=f"Les panneaux de l'{title}",
                    alt_text_en=f"The panels of the {title}",
                )
            ],
        )
        page.themes = demo.themes[n % 3 : n % 3 + 1]
        demo.published(index, page)
        start = today + timedelta(days=n % 20)
        LoanRequest.objects.create(
            exhibition=page,
            start=start,
            end=start + timedelta(days=13),
            status=LoanStatus.CONFIRMED,
        )
        LoanRequest.objects.create(
            exhibition=page, start=start + timedelta(days=30), end=start + timedelta(days=40)
        )
        made.append(page)
    return made


DEMO_SECTIONS = [
    DemoSection("events", order=30, default_count=800, build=build_events),
    DemoSection("exhibitions", order=31, default_count=40, build=build_exhibitions),
]
