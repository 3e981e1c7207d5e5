"""The pages every footer and form links to: the accessibility statement, the privacy and legal
notices and the contact page."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from .caching.generation import remember
from .caching.privacy import public
from .models import AccessibilityStatementPage, ContactFormPage, LegalNoticePage, PrivacyNoticePage


def legal_pages(site):
    """The live pages every footer and form links to: {"accessibility", "privacy", "legal",
    "contact"}, each a page or None, from the shared cache while the tree is unchanged."""
    if site is None:
        return {}
    return remember(f"legal-pages:{site.pk}", lambda: _legal_pages(site))


def _legal_pages(site):
    """One query: the four pages as Wagtail pages (the footer needs their titles and
    addresses), joined to the statement's own fields (its status is computed from them)."""
    models = {
        "accessibility": AccessibilityStatementPage,
        "privacy": PrivacyNoticePage,
        "legal": LegalNoticePage,
        "contact": ContactFormPage,
    }
    found = {}
    names = {ContentType.objects.get_for_model(model).pk: name for name, model in models.items()}
    pages = public(Page.objects.live().descendant_of(site.root_page).type(*models.values()))
    for page in pages.select_related("accessibilitystatementpage").order_by("path"):
        found.setdefault(names[page.content_type_id], page)
    statement = found.get("accessibility")
    if statement is not None:
        # The statement as its own model (Django fills the Page fields from the same row).
        found["accessibility"] = statement.accessibilitystatementpage
    return {name: found.get(name) for name in models}
