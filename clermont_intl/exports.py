"""Every CSV the site writes goes through here: no cell can carry a formula to a spreadsheet.

A spreadsheet runs a cell that starts with one of ``FORMULA_STARTS`` as a formula, so text a
citizen typed into a form, or a name an editor typed, could open a link or read other cells when
the service opens an export ("CSV injection", OWASP). Such text cells are written with a leading
apostrophe, which spreadsheets show as text. The same definition refuses such text on the way
in: ``partners.imports`` refuses a file whose names start a formula.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
