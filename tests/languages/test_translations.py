"""The French catalogue is complete: every interface string has its translation."""

import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def entries(text):
    """(msgid, [msgstr…], flags) for each entry of a .po file, header excluded."""
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        body = "\n".join(line for line in lines if not line.startswith("#"))
        msgid = "".join(re.findall(r'"(.*)"', body.split("msgid_plural")[0].split("msgstr")[0]))
        msgstrs = ["".join(re.findall(r'"(.*)"', part)) for part in body.split("msgstr")[1:]]
        if msgid:
            yield msgid, msgstrs, flags


def test_every_french_string_is_translated_and_none_is_fuzzy():
    missing, fuzzy = [], []
    for msgid, msgstrs, flags in entries(PO.read_text(encoding="utf-8")):
        if not msgstrs or not all(msgstrs):
            missing.append(msgid)
        if "fuzzy" in flags:
            fuzzy.append(msgid)
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_the_catalogue_covers_the_templates():
    msgids = {msgid for msgid, _, _ in entries(PO.read_text(encoding="utf-8"))}
    for expected in ("Skip to content", "Search the site", "search/", "Twin city"):
        assert expected in msgids
