"""Private sections (pages with a view restriction) without a query on every page request.

Wagtail asks the database on each request which pages are restricted: once to check the page
being served and once for every `.public()` list on it. Restrictions change rarely, so their
paths come from the shared cache (clermont_intl.tree_cache, refreshed when a restriction or the
tree changes). With no private section, which is the usual case, nothing else is asked.
"""

from django.db.models import Q

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from .tree_cache import remember


def private_paths():
    """The tree paths of the pages that carry a view restriction."""
    return remember(
        "private-sections",
        lambda: tuple(
            PageViewRestriction.objects.order_by().values_list("page__path", flat=True).distinct()
        ),
    )


def private_q():
    """Matches the pages in a private section (the restricted pages and their descendants)."""
    q = Q()
    for path in private_paths():
        q |= Q(path__startswith=path)
    # Matches no page when no private section exists, as Wagtail's own does.
    return q if q else Q(pk__in=[])


def public(pages):
    """pages without those of the private sections: PageQuerySet.public(), from the cache."""
    return pages.exclude(private_q())


class SectionPageQuerySet(PageQuerySet):
    """The pages' queryset: .public() reads the private sections from the cache."""

    def private_q(self):
        return private_q()


def view_restrictions(uncached):
    """The view restrictions that apply to a page: none when no section is private, else
    uncached(), Wagtail's own lookup of the page's and its ancestors' restrictions."""
    if not private_paths():
        return PageViewRestriction.objects.none()
    return uncached()
