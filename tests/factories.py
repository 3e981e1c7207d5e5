"""Small builders for content the seed does not have."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cied.models import EventPage
from partners.constants import Relationship
from partners.models import PartnerCityPage, PartnerRelationship


def add_partner(
    index, name, country="IT", kind=Relationship.MICHELIN_NETWORK, since=2017, **fields
):
    page = PartnerCityPage(
        title=name,
        title_fr=name,
        slug=name.lower(),
        slug_fr=name.lower(),
        slug_en=name.lower(),
        country=country,
        latitude=Decimal("45.1"),
        longitude=Decimal("9.2"),
        relationships=[PartnerRelationship(kind=kind, since=since)],
        **fields,
    )
    index.add_child(instance=page)
    return page


def add_event(index, title, starts_in_days, hours=2, **fields):
    start = timezone.now() + timedelta(days=starts_in_days)
    slug = title.lower().replace(" ", "-")
    page = EventPage(
        title=title,
        title_fr=title,
        slug=slug,
        slug_fr=slug,
        kind="talk",
        start=start,
        end=start + timedelta(hours=hours),
        **fields,
    )
    index.add_child(instance=page)
    return page


def add_news(index, title, date, title_en="", about=(), themes=(), **fields):
    """A published news item of that date, tagged with the pages in about."""
    from clermont_intl.news.models import NewsPage, NewsRelatedPage

    slug = title.lower().replace(" ", "-")
    page = NewsPage(
        title=title,
        title_fr=title,
        title_en=title_en,
        slug=slug,
        slug_fr=slug,
        slug_en=slug,
        date=date,
        related_pages=[NewsRelatedPage(target=target) for target in about],
        **fields,
    )
    index.add_child(instance=page)
    page.themes = list(themes)
    page.save_revision().publish()
    return page
