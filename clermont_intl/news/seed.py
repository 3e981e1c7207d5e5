"""The news index of the seed (clermont_intl.content.seed): the page only. The seed text
announces no news; editors write them, and the page says there is none yet."""

from ..content.seed import SeedSection
from .models import NewsIndexPage

NEWS_INDEX = {
    "title_fr": "Actualités",
    "title_en": "News",
    "slug_fr": "actualites",
    "slug_en": "news",
    "intro_fr": "Les nouvelles des villes partenaires, des projets et du centre Europe Direct.",
    "intro_en": "News of the partner cities, the projects and the Europe Direct centre.",
}


def seed_news(loader, mission):
    # Under the home page, next to the mission: where citizens look for a site's news.
    index, _created = loader.page(mission.get_parent().specific, NewsIndexPage, NEWS_INDEX)
    return {"news": index}


SEED_SECTIONS = [SeedSection("news", order=40, build=seed_news)]
