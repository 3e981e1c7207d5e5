"""Which texts of the admin are English: learned from the gettext catalogues, not from a list.

A text is English when it equals (or holds as a whole sentence) a msgid of a catalogue the site
loads (Django's, each installed app's, the project's ``locale/``) whose French, as the site
translates it, is missing or different, and when it is not itself a French translation ("Date",
"Collection" and "Message" are the same words in both languages). Apps that ship no catalogue
(modeltranslation, wagtail-modeltranslation) and the project's own code are read as
``makemessages`` would read them (xgettext over the Python files, Django's ``templatize`` over
the templates), so a string wrapped in ``gettext`` but never translated is learned too.

Content (page titles, partner names) is not in any catalogue, so it is never flagged.
"""

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# "%(name)s", "%s", "%d", "{name}", "{0}", "{}": whatever fills them is not the interface's.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}")
# What fills a placeholder: a number for %d, a short text (a title, a name) otherwise.
FILLER = {"d": r"[\d\s.,]+", "i": r"[\d\s.,]+", "f": r"[\d\s.,]+"}
FILLER.update(dict.fromkeys("srx}", r".{1,80}?"))
TAG = re.compile(r"<[^>]+>")
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]{3,}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# The French catalogues are read per domain as the site reads them (DjangoTranslation).
DOMAINS = ("django", "djangojs")
XGETTEXT_KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]


@dataclass(frozen=True)
class Entry:
    """One msgid (or msgid_plural) of a catalogue, with the French the site shows for it."""

    msgid: str
    french: str | None  # None: no catalogue translates it
    source: str  # the catalogue it was learned from, for the failure message


def normalise(text):
    """Whitespace collapsed (no-break spaces included), case folded, the trailing colon or
    required-field star of a label dropped."""
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()
    text = re.sub(r"\s*[:*]+$", "", text).strip()
    return text.casefold()


def read_po(path):
    """[(context, msgid, msgid_plural)] of a .po or .pot file (its translations are not
    needed: the French comes from the site's own translation objects)."""
    entries = []
    current = {}
    key = None

    def flush():
        if current.get("msgid"):
            entries.append((current.get("msgctxt"), current["msgid"], current.get("msgid_plural")))
        current.clear()

    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if line.startswith("#~"):
                continue  # obsolete entries are not loaded
            if current.get("msgstr_seen"):
                flush()
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if match:
            key = match.group(1)
            if key == "msgctxt" or (key == "msgid" and current.get("msgstr_seen")):
                flush()
            value = _unquote(match.group(2))
            if key.startswith("msgstr"):
                current["msgstr_seen"] = True
                key = None
            else:
                current[key] = value
        elif line.startswith('"') and key:
            current[key] = current.get(key, "") + _unquote(line)
    flush()
    return entries


def _unquote(quoted):
    body = quoted[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def catalogue_sources():
    """{label: [.po paths]} of every catalogue the site loads, as Django looks for them."""
    import django
    from django.apps import apps
    from django.conf import settings

    folders = [Path(django.__file__).parent / "conf" / "locale"]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    folders += [Path(folder) for folder in settings.LOCALE_PATHS]
    sources = {}
    for folder in folders:
        for domain in DOMAINS:
            # The English catalogue lists every msgid; the French one may be newer.
            paths = [folder / lang / "LC_MESSAGES" / f"{domain}.po" for lang in ("en", "fr")]
            paths = [path for path in paths if path.exists()]
            if paths:
                sources[f"{folder} ({domain})"] = paths
    return sources


def uncatalogued_code():
    """{label: (python files, template files)}: the apps that ship no catalogue of their own,
    and the project's code (whose catalogue is ``locale/``), read as makemessages reads them."""
    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR)
    code = {}
    for app in apps.get_app_configs():
        folder = Path(app.path)
        if (folder / "locale").exists():
            continue
        if (base in folder.parents or folder == base) and "site-packages" not in folder.parts:
            label = "the project's code"
        else:
            label = f"{app.name} (no catalogue of its own)"
        python, templates = code.setdefault(label, (set(), set()))
        for path in folder.rglob("*.py"):
            if not {"migrations", "tests"} & set(path.relative_to(folder).parts):
                python.add(path)
        templates.update(p for p in (folder / "templates").rglob("*.html") if p.is_file())
    project = code.setdefault("the project's code", (set(), set()))
    for folder in settings.TEMPLATES[0]["DIRS"]:
        project[1].update(Path(folder).rglob("*.html"))
    return code


def extract(python_files, template_files):
    """[(context, msgid, msgid_plural)] that xgettext finds, as makemessages would."""
    from django.utils.translation.template import templatize

    with tempfile.TemporaryDirectory() as tmp:
        sources = [str(path) for path in sorted(python_files)]
        for number, path in enumerate(sorted(template_files)):
            converted = Path(tmp) / f"template{number}.py"
            converted.write_text(
                templatize(path.read_text(encoding="utf-8"), origin=str(path)),
                encoding="utf-8",
            )
            sources.append(str(converted))
        if not sources:
            return []
        output = Path(tmp) / "messages.pot"
        subprocess.run(
            ["xgettext", "--language=Python", "--from-code=UTF-8", "--force-po", "-o",
             str(output), *XGETTEXT_KEYWORDS, *sources],
            check=True, capture_output=True,
        )  # fmt: skip
        return read_po(output)


class EnglishTexts:
    """Finds the English texts among those a screen shows."""

    def __init__(self, entries, french_texts):
        self.exact = {}
        self.patterns = {}  # word -> [(regex, entry)]
        self.french_texts = french_texts
        from django.conf.locale import LANG_INFO

        self.native_language_names = {
            normalise(info["name_local"]) for info in LANG_INFO.values() if "name_local" in info
        }
        for entry in entries:
            self._add(entry)

    def _add(self, entry):
        plain = html.unescape(TAG.sub("", entry.msgid)).replace("%%", "%")
        literal = PLACEHOLDER.sub(" ", plain)
        if len(LETTER.findall(literal)) < 2:
            return  # nothing but placeholders and punctuation
        if entry.french is not None and normalise(entry.french) == normalise(entry.msgid):
            return  # the same in French
        if not PLACEHOLDER.search(plain):
            self.exact.setdefault(normalise(plain), entry)
            return
        words = WORD.findall(literal)
        if len(words) < 2:
            return  # "%(count)s selected", "Status %(status)s": too little to tell
        parts = PLACEHOLDER.split(normalise(plain))
        fillers = [FILLER[m.group(0)[-1]] for m in PLACEHOLDER.finditer(normalise(plain))]
        pattern = re.escape(parts[0])
        for filler, part in zip(fillers, parts[1:], strict=True):
            pattern += filler + re.escape(part)
        regex = re.compile(pattern + "$")
        key = max(words, key=len).casefold()
        self.patterns.setdefault(key, []).append((regex, entry))

    def candidates(self, text):
        """The text, and each of its sentences."""
        whole = normalise(text)
        yield whole
        for sentence in SENTENCE_END.split(text):
            sentence = normalise(sentence)
            if sentence and sentence != whole:
                yield sentence

    def find(self, text, choice=False):
        """The catalogue entry that makes ``text`` English, or None. A ``choice`` of a select
        may be a language named in its own language ("English", "Deutsch"), as language
        pickers show them."""
        for candidate in self.candidates(text):
            if not candidate or candidate in self.french_texts:
                continue
            if choice and candidate in self.native_language_names:
                continue
            entry = self.exact.get(candidate)
            if entry:
                return entry
            for word in set(WORD.findall(candidate)):
                for regex, entry in self.patterns.get(word, ()):
                    if regex.match(candidate):
                        return entry
        return None


@cache
def english_texts():
    """The detector for the French admin, built from every catalogue the site loads."""
    from django.utils.translation.trans_real import DjangoTranslation

    french = {domain: DjangoTranslation("fr", domain=domain) for domain in DOMAINS}
    french_texts = set()
    for translation in french.values():
        for _key, value in translation._catalog.items():  # gettext's merged catalogue
            french_texts.add(normalise(html.unescape(TAG.sub("", value))))

    def to_french(context, msgid, plural, n=1):
        """The French the site shows for a msgid, or None when no catalogue translates it.
        djangojs strings are looked up in the djangojs catalogue first, as the admin's
        JavaScript does; a msgid of both domains gets the same French."""
        key = f"{context}\x04{msgid}" if context else msgid
        for translation in (french["djangojs"], french["django"]):
            catalogue = translation._catalog  # gettext's merged catalogue: no public lookup
            if (key, 0) in catalogue or key in catalogue:
                if plural:
                    if context:
                        return translation.npgettext(context, msgid, plural, n)
                    return translation.ngettext(msgid, plural, n)
                return (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
        return None

    entries = []
    sources = {
        label: [e for p in paths for e in read_po(p)]
        for label, paths in catalogue_sources().items()
    }
    for label, (python, templates) in uncatalogued_code().items():
        sources[label] = extract(python, templates)
    for label, found in sources.items():
        for context, msgid, plural in found:
            entries.append(Entry(msgid, to_french(context, msgid, plural), label))
            if plural:
                entries.append(Entry(plural, to_french(context, msgid, plural, 5), label))
    entries += code_names()
    return EnglishTexts(entries, french_texts)


def code_names():
    """The English that Django derives from the code where a label is missing: a field without
    a verbose name ("created at"), a property or method listed without one ("Form page"), a
    model without a verbose name ("projectsupportformpage"). No catalogue holds these."""
    from django.apps import apps
    from django.contrib.admin.utils import pretty_name
    from django.db import models

    base_names = set(dir(models.Model))
    entries = []
    for model in apps.get_models():
        label = model._meta.label
        entries.append(Entry(model._meta.model_name, None, f"{label} (its code name)"))
        for cls in model.__mro__:
            if cls is models.Model or not issubclass(cls, models.Model):
                continue
            for name in vars(cls):
                if name.startswith("_") or name in base_names:
                    continue
                source = f"{label}.{name} (a code name, shown for want of a translated label)"
                entries.append(Entry(pretty_name(name), None, source))
    return entries
