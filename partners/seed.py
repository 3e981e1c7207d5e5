"""The partner cities of the seed text: the seven twin cities (also in the Michelin network)
and Oyem, the solidarity partner; and the page of the Michelin cities network
(clermont_intl.content.seed)."""

from decimal import Decimal

from clermont_intl.content import seed_text as content
from clermont_intl.content.seed import (
    SeedSection,
    french_fields,
    link_words,
    publish_body,
)

from .constants import Relationship
from .models import (
    MichelinNetworkPage,
    PartnerCityPage,
    PartnerHistoryEntry,
    PartnerIndexPage,
    PartnerRelationship,
)


def seed_partners(loader, mission):
    index, _ = loader.page(mission, PartnerIndexPage, content.PARTNER_INDEX)
    twin_areas = [loader.themes[slug] for slug in content.TWIN_CITY_AREAS]
    for name, country, since, lat, lon, country_fr, country_en in content.TWIN_CITIES:
        _partner(
            loader,
            index,
            name,
            country,
            lat,
            lon,
            relationships=[
                (Relationship.TWIN_CITY, since),
                (Relationship.MICHELIN_NETWORK, content.MICHELIN_NETWORK_SINCE),
            ],
            areas=twin_areas,
            texts=content.twin_city_texts(name, since, country_fr, country_en),
            history=[content.twinning_history(name, since), content.MICHELIN_NETWORK_HISTORY],
        )
    oyem = content.OYEM
    oyem_page = _partner(
        loader,
        index,
        oyem["name"],
        oyem["country"],
        oyem["latitude"],
        oyem["longitude"],
        relationships=[(Relationship.SOLIDARITY, oyem["solidarity_since"])],
        areas=[],
        texts={k: v for k, v in oyem.items() if k.endswith(("_fr", "_en"))},
        history=[content.OYEM_HISTORY],
    )
    network = seed_network_page(loader, mission)
    return {"partners": index, "network": network, "oyem": oyem_page}


def seed_network_page(loader, mission):
    """The network's page, beside the directory; on a site seeded before it existed, the
    mission page's words for the network become a link to it."""
    network, created = loader.page(
        mission,
        MichelinNetworkPage,
        content.MICHELIN_NETWORK_PAGE,
        network_size=content.MICHELIN_NETWORK_SIZE,
    )
    if created:
        publish_body(network, content.MICHELIN_NETWORK_BODY_FR, content.MICHELIN_NETWORK_BODY_EN)
        link_words(loader, mission, network, content.MISSION_NETWORK_WORDS)
    return network


def _partner(loader, index, name, country, lat, lon, relationships, areas, texts, history):
    slug = name.lower()
    page, created = loader.page(
        index,
        PartnerCityPage,
        {"title_fr": name, "title_en": name, "slug_fr": slug, "slug_en": slug, **texts},
        country=country,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        relationships=[PartnerRelationship(kind=k, since=y) for k, y in relationships],
        history_entries=_entries(history),
        cooperation_areas=areas,
    )
    if not created:
        _history_of_existing(loader, page, history)
    return page


def _entries(history):
    return [
        PartnerHistoryEntry(sort_order=n, title=e["title_fr"], **french_fields(e))
        for n, e in enumerate(history)
    ]


def _history_of_existing(loader, page, history):
    """A page seeded before partners had a history gets the seed's entries, unless editors
    have been there: entries of their own, an unpublished draft, or a version saved since the
    history existed (they may have removed the seeded entries)."""
    label = f"{PartnerHistoryEntry._meta.verbose_name_plural}: {page.title}"
    edited = (
        page.history_entries.exists()
        or page.has_unpublished_changes
        or page.revisions.filter(content__has_key="history_entries").exists()
    )
    if edited:
        loader.report.existing.append(label)
        return
    page.history_entries = _entries(history)
    page.save_revision().publish()
    loader.report.created.append(label)


SEED_SECTIONS = [SeedSection("partners", order=10, build=seed_partners)]
