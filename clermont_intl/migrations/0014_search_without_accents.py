"""Search found whatever the accents: "reseau" finds "réseau", "bielorussie" "Biélorussie".

On PostgreSQL: the unaccent extension and, for each language's text search configuration, a
copy that removes accents before stemming (french_unaccent, english_unaccent); the stored
vectors hold both (clermont_intl.search). On SQLite the stems hold each word's stem as written
and without accents, and the new lead_stems ranks the pages that the query's words present (title,
names, lead) before those that only mention them.

The entries already indexed are indexed again here from their stored texts, the way
clermont_intl.search does it at this migration (its stemming is copied: a migration does not
follow later changes of the code).
"""

import functools
import re
import unicodedata

from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

import snowballstemmer

# The configurations copied, with the dictionary that stems their words.
STEMMERS = {"french": "french_stem", "english": "english_stem"}
# Language of the entries: (its configuration, the Snowball stemmer of SQLite's stems).
LANGUAGES = {"fr": ("french", "french"), "en": ("english", "english")}
WORD = re.compile(r"\w+", re.UNICODE)
LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})


class UnaccentExtensionOnPostgreSQL(UnaccentExtension):
    """The extension, created on PostgreSQL only as Django does; its removal too (Django would
    look for it in SQLite's tables when this migration is reversed)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config, stemmer in STEMMERS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}_unaccent")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {config}_unaccent (COPY = {config})"
        )
        # The mappings of words with letters beyond ASCII; ASCII words have no accent.
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {config}_unaccent "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in STEMMERS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}_unaccent")


def fold(word):
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=50_000)
def word_stems(word, stemmer_name):
    stemmer = snowballstemmer.stemmer(stemmer_name)
    lower = word.lower()
    written, plain = stemmer.stemWord(lower), stemmer.stemWord(fold(lower))
    return (written,) if written == plain else (written, plain)


def stems(text, stemmer_name):
    words = WORD.findall(text)
    return " " + " ".join(s for w in words for s in word_stems(w, stemmer_name)) + " "


def index_again(apps, schema_editor):
    PageSearchEntry = apps.get_model("clermont_intl", "PageSearchEntry")
    entries = list(PageSearchEntry.objects.all())
    for entry in entries:
        stemmer_name = LANGUAGES.get(entry.language, ("simple", "english"))[1]
        named = " ".join([entry.title, *entry.names.splitlines()])
        entry.stems = stems(f"{named} {entry.lead} {entry.text}", stemmer_name)
        entry.name_stems = stems(named, stemmer_name)
        entry.lead_stems = stems(f"{named} {entry.lead}", stemmer_name)
    PageSearchEntry.objects.bulk_update(
        entries, ["stems", "name_stems", "lead_stems"], batch_size=200
    )
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, (config, _stemmer) in LANGUAGES.items():
        vector = None
        for each in (config, f"{config}_unaccent"):
            part = (
                SearchVector("title", "names", weight="A", config=each)
                + SearchVector("lead", weight="B", config=each)
                + SearchVector("text", weight="C", config=each)
            )
            vector = part if vector is None else vector + part
        PageSearchEntry.objects.filter(language=language).update(vector=vector)


class Migration(migrations.Migration):
    dependencies = [
        ("clermont_intl", "0013_delete_cache_generation"),
    ]

    operations = [
        UnaccentExtensionOnPostgreSQL(),
        migrations.RunPython(create_configurations, drop_configurations),
        migrations.AddField(
            model_name="pagesearchentry",
            name="lead_stems",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(index_again, migrations.RunPython.noop),
    ]
