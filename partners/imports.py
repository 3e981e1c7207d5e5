"""Import of partner cities from a CSV file in the open data's format (partners.opendata), so
that an export can be corrected in a spreadsheet and imported again.

Files come as a French office's spreadsheet saves them: UTF-8 (with or without a byte-order
mark) or Windows-1252, columns separated by commas or semicolons (found on the first line),
decimal commas in numbers. A text cell that a spreadsheet would run as a formula is refused
(``clermont_intl.exports.starts_formula``, the definition the exports' guard uses).

Reading a file gives a preview: for each line, the page it will create (with its address) or
update (matched by its Wikidata identifier, else by its French name and country), its errors
(line, column, message) and its warnings: a name that differs from another page's or line's only
by case and accents, in the same country, or an address that would get a number because another
page has it. Importing applies every line in one transaction, and only when no line has an
error: created pages are drafts under the partner index, updated pages get a new draft
revision; nothing is published, editors review and publish. ``Preview.digest`` sums up the file
and what its preview announced, so that a confirmation can be refused when the import would now
do something else than the editor saw.

Columns the file does not have leave their fields as they are; so do empty cells of the
optional columns (English name, Wikidata identifier, official website). The derived columns of
the export (id, country names, page addresses) are read and ignored.
"""

import csv
import functools
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Page

from django_countries import countries

from clermont_intl.exports import starts_formula

from .constants import WIKIDATA_ID_PATTERN, Relationship
from .models import PartnerCityPage, PartnerRelationship
from .opendata import CSV_COLUMNS

MAX_BYTES = 1024 * 1024
MAX_LINES = 2000
REQUIRED_COLUMNS = ("name_fr", "country_code", "latitude", "longitude", "relationships")
SINCE_COLUMNS = {f"{kind}_since": kind for kind in Relationship.values}
TITLE_MAX_LENGTH = PartnerCityPage._meta.get_field("title").max_length
COORDINATE = Decimal("0.00001")
# The columns whose cells are text (a name, a code, a list, an address): none may start a formula.
TEXT_COLUMNS = (
    "name_fr", "name_en", "country_code", "relationships", "wikidata_id", "official_website"
)  # fmt: skip
DELIMITERS = (",", ";")
# Spaces a spreadsheet may write inside a number (thousands), no-break ones in French.
NUMBER_SPACES = re.compile("[ \u00a0\u202f]")
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileRefused(Exception):
    """The file cannot be read as a partner-city CSV; the message says why, for the editor."""


@dataclass
class LineError:
    column: str
    message: str


@dataclass
class Line:
    """One line of the file: its values once checked, what importing it will do, its errors and
    the warnings the editor confirms before importing."""

    number: int
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    action: str = ""  # "create", "update" or "unchanged" once checked without error
    page: PartnerCityPage | None = None
    changes: list = field(default_factory=list)
    slug_fr: str = ""  # the addresses of a page to create
    slug_en: str = ""

    def error(self, column, message):
        self.errors.append(LineError(column, message))

    def warn(self, message):
        self.warnings.append(message)

    @property
    def name(self):
        return self.values.get("name_fr", "")


@dataclass
class Preview:
    lines: list
    text: str = ""

    @property
    def errors(self):
        return [(line, error) for line in self.lines for error in line.errors]

    @property
    def has_errors(self):
        return any(line.errors for line in self.lines)

    @property
    def warnings(self):
        return [(line, warning) for line in self.lines for warning in line.warnings]

    @property
    def has_warnings(self):
        return any(line.warnings for line in self.lines)

    def count(self, action):
        return sum(1 for line in self.lines if line.action == action and not line.errors)

    @property
    def digest(self):
        """A fingerprint of the file and of everything its preview announces: two previews with
        the same digest import the same way."""
        announced = [
            [line.number, line.action, line.page.pk if line.page else None,
             [str(label) for label in line.changes], line.slug_fr, line.slug_en,
             [str(warning) for warning in line.warnings],
             [[error.column, str(error.message)] for error in line.errors]]
            for line in self.lines
        ]  # fmt: skip
        data = json.dumps([self.text, announced], ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()


# --- Reading the upload ---------------------------------------------------------------------


def read_upload(upload):
    """The uploaded file's text, or FileRefused (too big, binary, neither UTF-8 nor
    Windows-1252)."""
    if upload is None:
        raise FileRefused(_("Choose a CSV file to import."))
    if upload.size > MAX_BYTES:
        raise FileRefused(
            _("The file is too large (%(size)s bytes): the limit is %(limit)s bytes.")
            % {"size": upload.size, "limit": MAX_BYTES}
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRefused(
            _("The file is too large: the limit is %(limit)s bytes.") % {"limit": MAX_BYTES}
        )
    return decode(data)


def decode(data):
    """The text of the file: UTF-8 when the bytes are valid UTF-8 (a Windows-1252 text with
    accents almost never is), else Windows-1252, what French Excel's plain "CSV" writes."""
    binary = FileRefused(
        _("This is not a CSV file (it contains binary data). Export the spreadsheet as CSV.")
    )
    if b"\x00" in data:
        raise binary
    try:
        # With or without the byte-order mark some spreadsheets write.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRefused(
                _(
                    "The file's encoding is neither UTF-8 nor Windows-1252. Save it from your "
                    "spreadsheet as “CSV UTF-8” or as “CSV” and try again."
                )
            ) from None
    if CONTROL_CHARACTERS.search(text):
        raise binary
    return text


def delimiter(text):
    """The columns' separator: the one of DELIMITERS found most on the first line (the column
    names, which contain neither); the comma when there is none."""
    first_line = text.split("\n", 1)[0]
    return max(DELIMITERS, key=first_line.count)


def read_rows(text, separator=","):
    """(header, [(line number, cells)]) of the text, or FileRefused."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows = []
    start = 1
    try:
        for cells in reader:
            if cells and any(cell.strip() for cell in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
            if len(rows) > MAX_LINES + 1:
                raise FileRefused(
                    _("The file has more than %(limit)s lines: split it into several files.")
                    % {"limit": MAX_LINES}
                )
    except csv.Error as error:
        raise FileRefused(
            _("The file is not a valid CSV file (line %(line)s: %(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not rows:
        raise FileRefused(_("The file is empty."))
    (_number, header), *lines = rows
    header = [cell.strip().lstrip("\ufeff").strip().lower() for cell in header]
    return header, lines


def check_header(header):
    if len(header) == 1 and re.search(r"[\t|]", header[0]):
        raise FileRefused(
            _(
                "The columns are not separated by commas or semicolons. Save the file as CSV "
                "with the comma or the semicolon as separator."
            )
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FileRefused(
            _("Columns missing from the first line: %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(CSV_COLUMNS)}
        )
    unknown = [column for column in header if column and column not in CSV_COLUMNS]
    if unknown:
        raise FileRefused(
            _("Unknown columns: %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(unknown), "expected": ", ".join(CSV_COLUMNS)}
        )
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        raise FileRefused(_("Columns given twice: %(columns)s.") % {"columns": ", ".join(repeated)})


# --- Checking the lines ---------------------------------------------------------------------


def unescape(value):
    """The cell's text, without the apostrophe the export puts before a formula-like text."""
    value = value.strip()
    if value.startswith("'") and starts_formula(value[1:]):
        return value[1:]
    return value


def formula_refused(value):
    shown = value if len(value) <= 60 else value[:59] + "…"
    return _(
        "“%(value)s” starts with “%(start)s”: a spreadsheet would run it as a formula. No text "
        "of the file may start with =, +, -, @ or a tab: correct the cell."
    ) % {"value": shown, "start": value[:1]}


def number(text):
    """The Decimal a spreadsheet's number cell gives: a decimal comma or point, spaces between
    the thousands; InvalidOperation otherwise."""
    text = NUMBER_SPACES.sub("", text)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def check_line(number_, header, cells, separator=","):
    line = Line(number_)
    if len(cells) != len(header):
        message = _("This line has %(cells)s values, the first line %(columns)s columns.") % {
            "cells": len(cells),
            "columns": len(header),
        }
        if separator == "," and len(cells) > len(header):
            message += " " + _(
                "In a file separated by commas, a number with a decimal comma must be in "
                "quotes: save the file with the semicolon as separator."
            )
        line.error("", message)
        return line
    raw = {column: unescape(cell) for column, cell in zip(header, cells, strict=True) if column}
    refused = set()
    for column in TEXT_COLUMNS:
        if starts_formula(raw.get(column)):
            line.error(column, formula_refused(raw[column]))
            refused.add(column)
    values = line.values
    if "name_fr" not in refused:
        values["name_fr"] = _name(line, raw, "name_fr", required=True)
    if "name_en" in raw and "name_en" not in refused:
        values["name_en"] = _name(line, raw, "name_en", required=False)
    code = raw["country_code"].upper()
    if code not in countries and "country_code" not in refused:
        line.error(
            "country_code",
            _("Unknown country code “%(code)s” (expected two letters, ISO 3166-1, e.g. GB).")
            % {"code": raw["country_code"]},
        )
    values["country"] = code
    values["latitude"] = _coordinate(line, raw, "latitude", 90)
    values["longitude"] = _coordinate(line, raw, "longitude", 180)
    if values["latitude"] == 0 and values["longitude"] == 0:
        line.error("latitude", _("0, 0 lies in the ocean: give the city's real coordinates."))
    if "relationships" not in refused:
        values["relationships"] = _relationships(line, raw)
    if raw.get("wikidata_id") and "wikidata_id" not in refused:
        if re.match(WIKIDATA_ID_PATTERN, raw["wikidata_id"]):
            values["wikidata_id"] = raw["wikidata_id"]
        else:
            line.error(
                "wikidata_id",
                _("“%(value)s” is not a Wikidata identifier (Q followed by digits, e.g. Q79869).")
                % {"value": raw["wikidata_id"]},
            )
    if raw.get("official_website") and "official_website" not in refused:
        try:
            URLValidator(schemes=["http", "https"])(raw["official_website"])
            values["official_website"] = raw["official_website"]
        except ValidationError:
            line.error(
                "official_website",
                _("“%(value)s” is not a web address (it starts with https://).")
                % {"value": raw["official_website"]},
            )
    return line


def _name(line, raw, column, required):
    value = " ".join(raw.get(column, "").split())
    if not value and required:
        line.error(column, _("The French name is missing."))
    elif len(value) > TITLE_MAX_LENGTH:
        line.error(
            column, _("The name is longer than %(max)s characters.") % {"max": TITLE_MAX_LENGTH}
        )
    return value


def _coordinate(line, raw, column, limit):
    try:
        value = number(raw[column])
    except InvalidOperation:
        line.error(
            column, _("“%(value)s” is not a number in decimal degrees.") % {"value": raw[column]}
        )
        return None
    if not -limit <= value <= limit:
        line.error(
            column,
            _("%(value)s is out of range: between -%(limit)s and %(limit)s.")
            % {"value": raw[column], "limit": limit},
        )
        return None
    return value.quantize(COORDINATE)


def _year(text):
    """The year of a cell ("1966", or "1966,0" from a number cell), or None."""
    try:
        value = number(text)
    except InvalidOperation:
        return None
    if value != value.to_integral_value() or not 1900 <= value <= 2100:
        return None
    return int(value)


def _label_key(text):
    """A relationship's name as typed, compared without case and with either apostrophe."""
    return " ".join(text.replace("’", "'").casefold().split())


@functools.lru_cache(maxsize=1)
def _kinds_by_name():
    """{value or name in French or English, as _label_key gives it: kind}, so that a line
    written by hand ("Accord d'amitié", "Twin city") is read as the export's value."""
    names = {_label_key(kind): kind for kind in Relationship.values}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.update({_label_key(str(label)): kind for kind, label in Relationship.choices})
    return names


def _kind_named(text):
    return _kinds_by_name().get(_label_key(text))


def _relationships(line, raw):
    """[(kind, since)] in the file's order."""
    kinds = []
    for text in (part.strip() for part in raw["relationships"].split(";")):
        kind = _kind_named(text)
        if not text or kind in kinds:
            continue
        if kind is None:
            line.error(
                "relationships",
                _("Unknown relationship “%(kind)s” (expected: %(known)s).")
                % {"kind": text, "known": ", ".join(Relationship.values)},
            )
            continue
        kinds.append(kind)
    if not kinds and not any(e.column == "relationships" for e in line.errors):
        line.error(
            "relationships",
            _("At least one relationship is needed (expected: %(known)s).")
            % {"known": ", ".join(Relationship.values)},
        )
    years = {}
    for column, kind in SINCE_COLUMNS.items():
        text = raw.get(column, "")
        if not text:
            continue
        year = _year(text)
        if year is None:
            line.error(
                column, _("“%(value)s” is not a year between 1900 and 2100.") % {"value": text}
            )
        elif kind not in kinds:
            line.error(column, _("A year is given for a relationship the line does not list."))
        else:
            years[kind] = year
    return [(kind, years.get(kind)) for kind in kinds]


# --- Matching the lines with the pages ------------------------------------------------------


def name_key(name, country):
    return (" ".join(name.split()).casefold(), country)


def folded_key(name, country):
    """The name without case nor accents: “Hakodaté” and “hakodate” are nearly the same."""
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    return ("".join(c for c in decomposed if not unicodedata.combining(c)), country)


def preview(text, index):
    """The Preview of the file's text (FileRefused when the file cannot be read at all)."""
    separator = delimiter(text)
    header, rows = read_rows(text, separator)
    check_header(header)
    if len(rows) > MAX_LINES:
        raise FileRefused(
            _("The file has more than %(limit)s lines: split it into several files.")
            % {"limit": MAX_LINES}
        )
    if not rows:
        raise FileRefused(_("The file has the column names but no city after them."))
    lines = [check_line(number_, header, cells, separator) for number_, cells in rows]
    pages = list(PartnerCityPage.objects.descendant_of(index).prefetch_related("relationships"))
    by_wikidata = {page.wikidata_id: page for page in pages if page.wikidata_id}
    by_name = {name_key(page.title_fr or page.title, page.country.code): page for page in pages}
    by_folded = {}
    for page in pages:
        by_folded.setdefault(folded_key(page.title_fr or page.title, page.country.code), page)
    seen = {}
    seen_folded = {}
    for line in lines:
        if line.errors:
            continue
        keys = [name_key(line.values["name_fr"], line.values["country"])]
        if line.values.get("wikidata_id"):
            keys.append(line.values["wikidata_id"])
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier:
            line.error("", _("The same city as line %(line)s.") % {"line": earlier})
            continue
        seen.update((key, line.number) for key in keys)
        _match(line, by_wikidata, by_name)
        folded = folded_key(line.values["name_fr"], line.values["country"])
        if folded in seen_folded:
            other = seen_folded[folded]
            line.warn(
                _(
                    "Nearly the same name as line %(line)s (“%(name)s”), in the same country: "
                    "if it is the same city, keep one of the two lines."
                )
                % {"line": other.number, "name": other.name}
            )
        else:
            seen_folded[folded] = line
        similar = by_folded.get(folded)
        if line.action == "create" and similar and not _told_apart(line, similar):
            line.warn(
                _(
                    "A partner city with nearly the same name, “%(title)s” (%(country)s), is "
                    "already on the site: if it is the same city, write its name as on the site, "
                    "or give its Wikidata identifier, and the line will update it."
                )
                % {"title": similar.title, "country": similar.country.code}
            )
    _addresses(lines, index)
    return Preview(lines, text)


def _told_apart(line, page):
    """Whether Wikidata says that the line and the page are two cities."""
    wikidata_id = line.values.get("wikidata_id")
    return bool(wikidata_id and page.wikidata_id and wikidata_id != page.wikidata_id)


def _match(line, by_wikidata, by_name):
    values = line.values
    page = by_wikidata.get(values.get("wikidata_id"))
    if page is None:
        page = by_name.get(name_key(values["name_fr"], values["country"]))
        if page is not None and page.wikidata_id and values.get("wikidata_id"):
            line.error(
                "wikidata_id",
                _("“%(title)s” (%(country)s) already has another Wikidata identifier, %(id)s.")
                % {"title": page.title, "country": page.country.code, "id": page.wikidata_id},
            )
            return
    if page is None:
        line.action = "create"
        return
    line.page = page
    # Compared with what editors will review: the latest draft when there is one.
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    line.changes = [label for label, _value in changes(draft, values)]
    line.action = "update" if line.changes else "unchanged"


def _addresses(lines, index):
    """The addresses of the pages to create, in French and English, unique among the partner
    index's children; a number added to one is a warning, never silent."""
    children = Page.objects.child_of(index)
    taken = {
        "fr": set(children.values_list("slug_fr", flat=True)),
        "en": set(children.values_list("slug_en", flat=True)),
    }
    for line in lines:
        if line.action != "create" or line.errors:
            continue
        base_fr = slugify(line.values["name_fr"])
        line.slug_fr = unique_slug(base_fr, taken["fr"])
        line.slug_en = unique_slug(slugify(line.values.get("name_en") or line.name), taken["en"])
        if line.slug_fr != (base_fr or "ville") and not line.warnings:
            line.warn(
                _(
                    "Its address will end in “%(slug)s”, since another page under the partner "
                    "cities already has “%(base)s”: check that it is not the same city."
                )
                % {"slug": line.slug_fr, "base": base_fr}
            )


# --- Applying -------------------------------------------------------------------------------


def changes(page, values):
    """[(field label, apply function)] of what the line changes on the page (a draft copy)."""
    found = []

    def change(label, current, new, apply):
        if current != new:
            found.append((label, apply))

    def setter(**fields):
        def apply(target):
            for name, value in fields.items():
                setattr(target, name, value)

        return apply

    change(_("French name"), page.title_fr, values["name_fr"],
           setter(title_fr=values["name_fr"], title=values["name_fr"],
                  draft_title=values["name_fr"]))  # fmt: skip
    name_en = values.get("name_en")
    # The export gives the French name as the English one when the page has none.
    if name_en and not (name_en == values["name_fr"] and not page.title_en):
        change(_("English name"), page.title_en, name_en, setter(title_en=name_en))
    change(_("Country"), page.country.code, values["country"], setter(country=values["country"]))
    change(_("Latitude"), page.latitude, values["latitude"], setter(latitude=values["latitude"]))
    change(_("Longitude"), page.longitude, values["longitude"],
           setter(longitude=values["longitude"]))  # fmt: skip
    current = [(r.kind, r.since) for r in page.relationships.all()]
    change(_("Relationships"), current, values["relationships"],
           lambda target: _set_relationships(target, values["relationships"]))  # fmt: skip
    for name, label in (("wikidata_id", _("Wikidata identifier")),
                        ("official_website", _("Official website"))):  # fmt: skip
        if values.get(name):
            change(label, getattr(page, name), values[name], setter(**{name: values[name]}))
    return found


def _set_relationships(page, relationships):
    """The page's relationships as the line lists them, keeping the existing rows of a kind."""
    existing = {relationship.kind: relationship for relationship in page.relationships.all()}
    kept = []
    for kind, since in relationships:
        relationship = existing.get(kind) or PartnerRelationship(kind=kind)
        relationship.since = since
        kept.append(relationship)
    page.relationships = kept


def unique_slug(base, taken):
    base = base or "ville"
    slug = base
    number_ = 2
    while slug in taken:
        slug = f"{base}-{number_}"
        number_ += 1
    taken.add(slug)
    return slug


def apply(result, index, user):
    """Create and update the pages of a Preview without errors, all or nothing, with the
    addresses it announced; returns (created, updated) counts. Run it in the transaction that
    made the Preview, so that nothing changes in between."""
    if result.has_errors:
        raise ValueError("a file with errors is never imported")
    created = updated = 0
    with transaction.atomic():
        for line in result.lines:
            if line.action == "create":
                _create(line, index, user)
                created += 1
            elif line.action == "update":
                page = line.page.get_latest_revision_as_object()
                for _label, change_page in changes(page, line.values):
                    change_page(page)
                page.save_revision(user=user, log_action=True)
                updated += 1
    return created, updated


def _create(line, index, user):
    values = line.values
    name_fr = values["name_fr"]
    page = PartnerCityPage(
        title=name_fr,
        title_fr=name_fr,
        title_en=values.get("name_en") or "",
        slug=line.slug_fr,
        slug_fr=line.slug_fr,
        slug_en=line.slug_en,
        live=False,
        has_unpublished_changes=True,
        country=values["country"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        wikidata_id=values.get("wikidata_id", ""),
        official_website=values.get("official_website", ""),
        relationships=[
            PartnerRelationship(kind=kind, since=since) for kind, since in values["relationships"]
        ],
        owner=user,
    )
    # Saving a new page logs its creation, by its owner.
    index.add_child(instance=page)
    page.save_revision(user=user)
    return page
