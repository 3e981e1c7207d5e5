"""Wagtail's page views, with what moderators need to review a change.

Moderators hold no page permission (migration 0003): they reach a page through the task the
workflow gives their group, which opens its editor and its approve and reject actions. Wagtail's
revisions comparison ("Compare with live version" on the dashboard's "Awaiting your review")
checks the page the same way, but its view first asks for some page permission anywhere in the
tree, which moderators do not have: they were sent back to the dashboard. Granting them one
(lock, say) would also open the page explorer and let them lock any page.
"""

from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.viewsets.pages import PageViewSet


class ReviewerRevisionsCompareView(RevisionsCompareView):
    """The comparison of two revisions of a page, for whoever may edit the page: its editors,
    and the moderators while the page waits for their review (``get_object`` checks
    ``can_edit()``, which includes the workflow task's groups, as the editor view does)."""

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's page view decorates its own dispatch with user_has_any_page_permission: the
        # one step skipped here. The admin's access check still applies (its URLs are wrapped
        # in require_admin_access), and get_object refuses anyone who may not edit the page.
        return super(RevisionsCompareView, self).dispatch(request, *args, **kwargs)


class SectionPageViewSet(PageViewSet):
    """Wagtail's base page viewset, with the comparison moderators can reach."""

    revisions_compare_view_class = ReviewerRevisionsCompareView
