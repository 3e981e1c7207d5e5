"""Names shared by the roles migration, the admin hooks and the translation status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Group and workflow names are data (created by migration 0002, given their French names by
# migration 0005, since the admin shows them as they are); keep them in step with it.
EDITORS_GROUP = "Équipe communication"
TRANSLATORS_GROUP = "Traducteurs"
MODERATORS_GROUP = "Modérateurs"
WORKFLOW_NAME = "Relations internationales : modération"


class FieldGroup(models.TextChoices):
    """How the translated fields of a page are grouped in the translation status."""

    HEADING = "heading", _("Title and address")
    CONTENT = "content", _("Content")
    SEARCH = "search", _("Search engines")


class TranslationStatus(models.TextChoices):
    """The state of a page's English (or of a group of its fields). Complete means live: English
    written but not published yet says where it waits."""

    COMPLETE = "complete", _("Complete")
    DRAFT = "draft", _("English in a draft")
    IN_MODERATION = "in_moderation", _("English in moderation")
    SENT_BACK = "sent_back", _("English sent back")
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Outdated")


# Page fields (from wagtail-modeltranslation) that are not part of the content group;
# url_path is derived from the slugs and never edited.
HEADING_FIELDS = ("title", "slug")
SEARCH_FIELDS = ("seo_title", "search_description")
IGNORED_FIELDS = ("url_path",)


# Languages an editor can mark a passage in (editorial.rich_text), with the toolbar's
# description of each.
PASSAGE_LANGUAGES = {
    "en": _("Passage in English"),
    "de": _("Passage in German"),
    "es": _("Passage in Spanish"),
    "pt": _("Passage in Portuguese"),
    "it": _("Passage in Italian"),
    "fr": _("Passage in French"),
}
# Feature names to add to a rich text field's or block's ``features``.
LANGUAGE_FEATURES = [f"lang-{code}" for code in PASSAGE_LANGUAGES]
