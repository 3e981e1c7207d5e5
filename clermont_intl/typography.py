"""French typography: the no-break spaces that French puts before : ; ! ? and inside « ».

A no-break space (U+00A0) before the colon and inside the guillemets, a narrow no-break space
(U+202F) before ; ! and ? (the Imprimerie nationale's rules): the punctuation never starts a
line on its own. Used on the seeded French text (clermont_intl.content.seed); the templates'
French comes from the translations, written the same way.
"""

import re

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"

_ENTITY = re.compile(r"&#?\w+$")
_TAG = re.compile(r"(<[^>]*>)")


def french_spacing(text):
    """text (plain or HTML) with French spacing; tags and their attributes are left alone."""
    if not text:
        return text
    parts = _TAG.split(text)
    return "".join(
        part if part.startswith("<") else _text(part, opening=index == 0)
        for index, part in enumerate(parts)
    )


def _text(text, opening):
    """Punctuation followed by a space or the end: not the colon of "https://", "18:30" or
    "?q=", nor the semicolon of an entity ("&amp;")."""
    out = []
    position = 0
    for index, char in enumerate(text):
        if char not in ":;!?":
            continue
        following = text[index + 1 : index + 2]
        if following and not following.isspace():
            continue
        left = text[position:index]
        stripped = left.rstrip(" \t")
        if opening and not out and not stripped:
            continue  # punctuation opening the text: nothing to bind it to
        if _ENTITY.search(stripped):
            continue
        if stripped.endswith((NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE)):
            out.append(left)
        else:
            space = NO_BREAK_SPACE if char == ":" else NARROW_NO_BREAK_SPACE
            out.append(stripped + space)
        out.append(char)
        position = index + 1
    out.append(text[position:])
    result = "".join(out)
    result = re.sub(r"«[ \t]*", "«" + NO_BREAK_SPACE, result)
    return re.sub(r"[ \t]*»", NO_BREAK_SPACE + "»", result)
