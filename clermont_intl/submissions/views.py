"""The admin listing of a form page's submissions, whose exports are safe to open."""

from wagtail.contrib.forms.views import SubmissionsListView

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..exports import spreadsheet_safe as neutralise_formula


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing, whose CSV export cannot carry a formula to the editor's
    spreadsheet. (Its XLSX export already stores every cell as text.)"""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        if isinstance(value, str):
            # Control characters a citizen typed would make the whole XLSX export fail.
            return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        return value
