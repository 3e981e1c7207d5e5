"""Every spreadsheet the site writes goes through here: it opens in a French spreadsheet as it is,
and no cell can carry a formula to it.

A spreadsheet runs a cell that starts with one of ``FORMULA_STARTS`` as a formula, so text a
citizen typed into a form, or a name an editor typed, could open a link or read other cells when
the service opens an export ("CSV injection", OWASP). Such text cells are written with a leading
apostrophe, which spreadsheets show as text. The same definition refuses such text on the way
in: ``partners.imports`` refuses a file whose names start a formula.

The admin's exports (``FrenchSpreadsheetExportMixin``: the form submissions of the Forms menu,
the Requests' follow-up) are also written for the service's French Excel and LibreOffice: CSV in
UTF-8 with a byte order mark (without it, Excel reads UTF-8 as Windows-1252: "DemandÃ©"), ";"
between columns (a French spreadsheet's list separator: "," is the decimal mark there), and
times in Paris time to the second, as ``2027-01-15 18:30:05``. That form is read as a date and
time by Excel and LibreOffice whatever their language (ISO 8601 order, with the space they both
accept in place of the "T"), whereas ``15/01/2027`` is read as the 1st of a 15th month by a
spreadsheet set to English, and the offset and microseconds Django writes by default
(``16:17:09.633567+00:00``) make both read plain text.
"""

import codecs
import csv
import datetime

from django.utils import timezone

from wagtail.admin.views.mixins import Echo

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# How a CSV export writes a date and time (Paris time, to the second): see the docstring.
CSV_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def starts_formula(value):
    """Whether a spreadsheet would run this text cell as a formula: the one definition that the
    exports' guard and the imports' check share."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def spreadsheet_safe(value):
    """A text cell that no spreadsheet runs as a formula; other values pass unchanged (numbers,
    dates, None: a negative number is a number, not a formula)."""
    if starts_formula(value):
        return "'" + value
    return value


def spreadsheet_safe_row(row):
    """A ``csv.DictWriter`` row with each of its cells made safe."""
    return {key: spreadsheet_safe(value) for key, value in row.items()}


def paris_time(value):
    """A stored (UTC) date and time as the service reads it: in the site's time zone (Paris),
    to the second, without a time zone (spreadsheets have none). Whatever time zone the editor
    chose in their account: the headings say Paris time."""
    if timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return value.replace(tzinfo=None, microsecond=0)


class FrenchSpreadsheetExportMixin:
    """For a Wagtail listing with CSV and XLSX exports (``SpreadsheetExportMixin``): files that a
    French spreadsheet opens as they are, and no cell a person typed runs as a formula.

    CSV: UTF-8 with a byte order mark, ";" between columns, times as ``CSV_DATETIME_FORMAT`` in
    Paris time, every text cell through ``spreadsheet_safe``. XLSX: times are real date cells in
    Paris time (Wagtail writes them in UTC), text cells are stored as text (Wagtail turns a cell
    openpyxl takes for a formula back into text), and the control characters XLSX cannot hold
    are replaced rather than failing the whole file.
    """

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = paris_time(value)
            if export_format == self.FORMAT_CSV:
                return local.strftime(CSV_DATETIME_FORMAT)
            return local
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(value)
        # A control character a citizen typed would make openpyxl refuse the whole workbook.
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)

    def stream_csv(self, queryset):
        yield codecs.BOM_UTF8.decode()
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
