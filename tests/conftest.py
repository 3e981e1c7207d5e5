from django.utils import translation

from wagtail.contrib.frontend_cache.backends import BaseBackend

import pytest

# Tests whose other processes (gunicorn, a second Django process) commit their changes to the
# seeded PostgreSQL database: they publish, retitle and restore pages, which leaves translation
# states and revisions behind.
COMMITTING_MODULES = (
    "tests/operations/test_stack.py",
    "tests/caching/test_cache_privacy_processes.py",
    "tests/security/test_document_privacy_stack.py",
    "tests/security/test_security_shared_cache.py",
    "tests/operations/test_client_addresses_stack.py",
    "tests/security/test_rate_limit_concurrency.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that commit to the database run after those that expect the seeded content as the
    seed left it: first the browser tests (on PostgreSQL the live server's admin edits are
    committed), then those that change it from other processes. In parallel (make test), each
    worker has a test database of its own and runs its share of the tests in this order."""

    def group(item):
        if item.nodeid.startswith(COMMITTING_MODULES):
            return 2
        return 1 if item.nodeid.startswith("tests/browser/") else 0

    items.sort(key=group)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The seeded section, built once for the whole run; each test rolls back its own changes."""
    from clermont_intl.content.seed import SeedLoader

    with django_db_blocker.unblock():
        SeedLoader().run()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave its menu there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in French, as a request without a language prefix would."""
    with translation.override("fr"):
        yield


@pytest.fixture
def site_pages(db):
    """The seeded pages, looked up by type."""
    from cied.models import CiedPage, EventIndexPage
    from clermont_intl.models import HomePage, MissionPage
    from partners.models import PartnerIndexPage
    from projects.models import ProjectIndexPage, ProjectSupportFormPage

    return {
        "home": HomePage.objects.get(),
        "mission": MissionPage.objects.get(),
        "partners": PartnerIndexPage.objects.get(),
        "projects": ProjectIndexPage.objects.get(),
        "support_form": ProjectSupportFormPage.objects.get(),
        "cied": CiedPage.objects.get(),
        "events": EventIndexPage.objects.get(),
    }


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editeur", "editeur@example.org", "a-long-test-password"
    )


@pytest.fixture
def make_user(django_user_model):
    """A member of one editorial group, as an administrator adds one: make_user(name, group)."""
    from django.contrib.auth.models import Group

    def make(username, group, **fields):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "a-long-test-password", **fields
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def communication(make_user):
    """A member of the communication team: publishes, manages media and requests."""
    from clermont_intl.editorial.constants import EDITORS_GROUP

    return make_user("communication", EDITORS_GROUP, first_name="Léa", last_name="Faure")


@pytest.fixture
def moderator(make_user):
    """A moderator: reviews what translators submit."""
    from clermont_intl.editorial.constants import MODERATORS_GROUP

    return make_user("moderatrice", MODERATORS_GROUP)


@pytest.fixture
def translator(make_user):
    """A translator: edits both languages, submits for moderation, publishes nothing."""
    from clermont_intl.editorial.constants import TRANSLATORS_GROUP

    return make_user("traductrice", TRANSLATORS_GROUP, first_name="Inès", last_name="Roy")


@pytest.fixture
def admin(editor):
    """A client signed in as the editor, for the admin's own views."""
    from django.test import Client

    client = Client()
    client.force_login(editor)
    return client


class RecordingProxy(BaseBackend):
    """A frontend-cache backend that records the URLs it is asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def purged(settings):
    """What the caching proxy would be told to forget (Wagtail's frontend cache, recorded)."""
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "tests.conftest.RecordingProxy"}}
    RecordingProxy.purged.clear()
    return RecordingProxy.purged
