"""The pages every footer and form links to: the accessibility statement, the privacy and legal
notices and the contact page."""

from django.contrib.contenttypes.models import ContentType

from .models import (
    AccessibilityStatementPage,
    ContactFormPage,
    LegalNoticePage,
    PrivacyNoticePage,
    all_pages,
)


def legal_pages(site):
    """The live pages every footer and form links to: {"accessibility", "privacy", "legal",
    "contact"}, each a page or None. One query: the four pages as Wagtail pages (the footer
    needs their titles and addresses), joined to the statement's own fields (its status is
    computed from them)."""
    if site is None:
        return {}
    models = {
        "accessibility": AccessibilityStatementPage,
        "privacy": PrivacyNoticePage,
        "legal": LegalNoticePage,
        "contact": ContactFormPage,
    }
    found = {}
    names = {ContentType.objects.get_for_model(model).pk: name for name, model in models.items()}
    pages = all_pages().live().public().descendant_of(site.root_page).type(*models.values())
    for page in pages.select_related("accessibilitystatementpage").order_by("path"):
        found.setdefault(names[page.content_type_id], page)
    statement = found.get("accessibility")
    if statement is not None:
        # The statement as its own model (Django fills the Page fields from the same row).
        found["accessibility"] = statement.accessibilitystatementpage
    return {name: found.get(name) for name in models}
