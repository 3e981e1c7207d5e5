"""The release: a fingerprint of the code, templates and translations that render pages.

It is the cache's KEY_PREFIX (settings): a release that changes a template, a template tag or a
translation reads none of the fragments the previous one wrote, even from a Redis that outlived
it. Computed from the files' contents, not their dates, so that every worker and every container
of one release agree on it.
"""

import hashlib
from pathlib import Path

# What renders a page: Python code (views, template tags), templates, compiled translations.
SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}
# Folders of the repository that hold them; tests, benchmarks and virtualenvs do not render.
FOLDERS = ("clermont_intl", "partners", "projects", "cied", "templates", "locale")


def fingerprint(base_dir):
    """A short hash of every rendering file under base_dir's FOLDERS, in a fixed order."""
    digest = hashlib.blake2b(digest_size=6)
    base = Path(base_dir)
    files = sorted(
        path
        for folder in FOLDERS
        for path in (base / folder).rglob("*")
        if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts
    )
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
