"""The site's own date formats (FORMAT_MODULE_PATH): English pages write dates the British
way, as the en-GB locale they declare (7 December 2026, 18:30)."""
