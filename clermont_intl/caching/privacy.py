"""Which pages are private: asked of the database on every request that needs it.

A cache never decides who may see a page. Wagtail asks the database once to check the page
being served and once for every `.public()` list on it; here one query per request, the same
that reads the cache generation (caching.generation), answers all of them, and is kept only for
that request. With no private section, which is the usual case, nothing else is asked.
"""

from django.db.models import Q

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from .generation import generation, in_request, request_state


def private_paths():
    """The tree paths of the pages that carry a view restriction, as the database says now."""
    state = request_state()
    if "private_paths" not in state and in_request():
        generation()  # reads them with the generation, in one query, once per request
    if "private_paths" not in state:
        state["private_paths"] = tuple(
            PageViewRestriction.objects.order_by().values_list("page__path", flat=True).distinct()
        )
    return state["private_paths"]


def private_q(path_field="path"):
    """Matches the pages in a private section (the restricted pages and their descendants);
    path_field names the tree path from another model ("page__path")."""
    q = Q()
    for path in private_paths():
        q |= Q(**{f"{path_field}__startswith": path})
    # Matches no page when no private section exists, as Wagtail's own does.
    return q if q else Q(pk__in=[])


def public(pages):
    """pages without those of the private sections: PageQuerySet.public() in one query a request."""
    return pages.exclude(private_q())


class SectionPageQuerySet(PageQuerySet):
    """The pages' queryset: .public() shares the request's answer about private sections."""

    def private_q(self):
        return private_q()


def view_restrictions(uncached):
    """The view restrictions that apply to a page: none when no section is private, else
    uncached(), Wagtail's own lookup of the page's and its ancestors' restrictions."""
    if not private_paths():
        return PageViewRestriction.objects.none()
    return uncached()
