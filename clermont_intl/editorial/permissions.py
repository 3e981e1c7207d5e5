"""What a role may do to a page, as Wagtail's own views and buttons ask it.

Wagtail lets anyone with "change" on a page delete, move or copy it in some cases (a draft, a
leaf). Translators have "change" but edit text only, never the tree: this tester says no for
them, so that Wagtail itself hides the buttons and refuses the views (delete, move, copy, bulk
actions), for every page type that uses ``RolePermissionsMixin``.
"""

from wagtail.models import PagePermissionTester

from .constants import EDITORS_GROUP, TRANSLATORS_GROUP


def group_names(user):
    """The user's group names, looked up once per request's user object."""
    if not hasattr(user, "_editorial_group_names"):
        names = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._editorial_group_names = frozenset(names)
    return user._editorial_group_names


def is_translator_only(user):
    """A translator who is not also an editor: edits text, never the tree."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = group_names(user)
    return TRANSLATORS_GROUP in names and EDITORS_GROUP not in names


class RolePagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        return not is_translator_only(self.user) and super().can_delete(ignore_bulk)

    def can_move(self):
        return not is_translator_only(self.user) and super().can_move()

    def can_copy(self):
        return not is_translator_only(self.user) and super().can_copy()


class RolePermissionsMixin:
    """Page types whose admin permissions follow the editorial roles."""

    def permissions_for_user(self, user):
        return RolePagePermissionTester(user, self)
