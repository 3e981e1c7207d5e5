"""Fictitious news for the benchmark and the query-count tests (clermont_intl.content.demo),
each tagged with a demo partner city and a demo project made before them."""

from datetime import timedelta

from django.utils import timezone

from ..content.demo import DemoSection
from .models import NewsIndexPage, NewsPage, NewsRelatedPage


def build_news(demo, count):
    index = NewsIndexPage.objects.get()
    partners = demo.made.get("partners") or []
    projects = demo.made.get("projects") or []
    today = timezone.localdate()
    made = []
    for n in range(count):
        page = demo.page(
            NewsPage,
            f"{n:04d}",
            title=("nouvelle fictive", "fictitious news"),
            slug="nouvelle",
            intro=(
                "Une nouvelle inventée pour les essais du site.",
                "A news item made up to test the site.",
            ),
            body=(
                "Texte fictif d'une nouvelle de démonstration.",
                "Fictitious text of a demonstration news item.",
            ),
            date=today - timedelta(days=n),
        )
        if n % 4 == 0:
            page.image = demo.image(f"{page.title} (image)", f"{demo.prefix}-news-{n}")
            page.image_alt_text_fr = "Un aplat de couleur, image fictive."
            page.image_alt_text_en = "A plain colour, a fictitious picture."
        tags = [pages[n % len(pages)] for pages in (partners, projects) if pages]
        page.related_pages = [NewsRelatedPage(target=target) for target in tags]
        page.themes = demo.themes[n % 3 : n % 3 + 1]
        made.append(demo.published(index, page))
    return made


DEMO_SECTIONS = [DemoSection("news", order=40, default_count=200, build=build_news)]
