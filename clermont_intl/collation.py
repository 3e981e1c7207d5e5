"""Alphabetical order as a reader of the page's language expects it, on every database.

Python compares code points: "Biélorussie" would come after "Bulgarie", and "États-Unis" after
"Zambie". Folding accents and case first gives the dictionary order of French and English
(the languages of the site) without depending on the server's locales or the database's
collation (SQLite has none for French).
"""

import unicodedata


def collation_key(text):
    """A sort key: accents folded (é → e, Œ stays œ), case ignored, then the text itself so
    that "Cote" and "Côte" keep a stable order."""
    text = str(text)
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (folded.casefold(), text)


def alphabetical(items, name=str):
    """items sorted by name(item) in dictionary order."""
    return sorted(items, key=lambda item: collation_key(name(item)))
