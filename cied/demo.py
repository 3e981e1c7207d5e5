"""Fictitious CIED events for the benchmark and the query-count tests
(clermont_intl.content.demo): half in the past (the archive), half to come."""

from datetime import timedelta

from django.utils import timezone

from clermont_intl.content.demo import DemoSection

from .models import EventIndexPage, EventPage


def build_events(demo, count):
    index = EventIndexPage.objects.get()
    now = timezone.now()
    made = []
    for n in range(count):
        title = f"{demo.title_prefix} conférence {n:04d}"
        slug = f"{demo.prefix}-conference-{n:04d}"
        start = now + timedelta(days=n - count // 2, hours=n % 8)
        page = EventPage(
            title=title,
            title_fr=title,
            title_en=f"{demo.title_prefix} talk {n:04d}",
            slug=slug,
            slug_fr=slug,
            slug_en=slug,
            intro_fr="Une conférence du centre Europe Direct.",
            intro_en="A talk at the Europe Direct centre.",
            kind="talk",
            start=start,
            end=start + timedelta(hours=2),
            place="Maison de l'Europe, Clermont-Ferrand",
            body_fr=demo.body("Entrée libre, dans la limite des places disponibles."),
            body_en=demo.body("Free entry, subject to available seats."),
        )
        page.themes = demo.themes[n % 3 : n % 3 + 1]
        made.append(demo.published(index, page))
    return made


DEMO_SECTIONS = [DemoSection("events", order=30, default_count=800, build=build_events)]
