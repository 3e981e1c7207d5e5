"""The partner cities as open data: CSV, JSON and GeoJSON with one stable schema.

The schema is documented in docs/open-data.md and on the site's open data page
(templates/partners/open_data.html); change them together, and raise SCHEMA_VERSION when a field
changes meaning or disappears. The content does not depend on the
language of the address it is requested from: every text is given in French and in English.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import translation

from clermont_intl.exports import spreadsheet_safe_row
from clermont_intl.opendata import LANGUAGES, attach, in_each_language
from clermont_intl.public_urls import page_url

from .constants import Relationship

SCHEMA_VERSION = 1
FORMATS = ("csv", "json", "geojson")
# The relationships of the first schema. The "<kind>_since" columns of those added later come
# after every other column, so that a program reading the CSV by position still finds each
# earlier column where it was.
FIRST_KINDS = (Relationship.TWIN_CITY, Relationship.MICHELIN_NETWORK, Relationship.SOLIDARITY)
CSV_COLUMNS = [
    "id",
    *[f"name_{code}" for code in LANGUAGES],
    "country_code",
    *[f"country_name_{code}" for code in LANGUAGES],
    "relationships",
    *[f"{kind}_since" for kind in FIRST_KINDS],
    "latitude",
    "longitude",
    *[f"url_{code}" for code in LANGUAGES],
    "wikidata_id",
    "official_website",
    *[f"{kind}_since" for kind in Relationship.values if kind not in FIRST_KINDS],
]


def partner_record(partner, request):
    """One partner city as a plain dict: the JSON schema, from which the other formats derive."""
    return {
        "id": partner.pk,
        "name": in_each_language(lambda: partner.title),
        "country": {
            "code": str(partner.country.code),
            "name": in_each_language(lambda: str(partner.country.name)),
        },
        "relationships": [
            {
                "kind": relationship.kind,
                "label": in_each_language(lambda r=relationship: str(r.get_kind_display())),
                "since": relationship.since,
            }
            for relationship in partner.relationships.all()
        ],
        "latitude": float(partner.latitude),
        "longitude": float(partner.longitude),
        "url": in_each_language(lambda: page_url(partner, request)),
        "wikidata_id": partner.wikidata_id or None,
        "official_website": partner.official_website or None,
    }


def csv_row(record):
    row = {"id": record["id"], "country_code": record["country"]["code"]}
    for code in LANGUAGES:
        row[f"name_{code}"] = record["name"][code]
        row[f"country_name_{code}"] = record["country"]["name"][code]
        row[f"url_{code}"] = record["url"][code]
    row["relationships"] = ";".join(r["kind"] for r in record["relationships"])
    for relationship in record["relationships"]:
        row[f"{relationship['kind']}_since"] = relationship["since"] or ""
    row["wikidata_id"] = record["wikidata_id"] or ""
    row["official_website"] = record["official_website"] or ""
    row["latitude"], row["longitude"] = record["latitude"], record["longitude"]
    return spreadsheet_safe_row(row)


def csv_response(partners, request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for partner in partners:
        writer.writerow(csv_row(partner_record(partner, request)))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attach(response, "partner-cities.csv")


def json_response(partners, request):
    document = {
        "schema_version": SCHEMA_VERSION,
        "partners": [partner_record(partner, request) for partner in partners],
    }
    return attach(
        HttpResponse(_dumps(document), content_type="application/json"),
        "partner-cities.json",
        "inline",
    )


def geojson_response(partners, request):
    """RFC 7946: a FeatureCollection of Points, longitude first, WGS 84 (no "crs" member)."""
    features = []
    for partner in partners:
        properties = partner_record(partner, request)
        longitude, latitude = properties.pop("longitude"), properties.pop("latitude")
        features.append(
            {
                "type": "Feature",
                "id": properties["id"],
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": properties,
            }
        )
    document = {"type": "FeatureCollection", "features": features}
    document["schema_version"] = SCHEMA_VERSION  # a foreign member, allowed by RFC 7946
    return attach(
        HttpResponse(_dumps(document), content_type="application/geo+json"),
        "partner-cities.geojson",
        "inline",
    )


def bad_request(form):
    """400 with the reasons, in plain text: a program asked for something that does not exist."""
    lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
    message = translation.gettext("Invalid parameters:") + "\n" + "\n".join(lines) + "\n"
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _dumps(document):
    return json.dumps(document, ensure_ascii=False, indent=1)
