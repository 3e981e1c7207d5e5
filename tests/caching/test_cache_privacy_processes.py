"""Privacy is never decided by a cache, whatever process answers.

gunicorn serves the site in two worker processes sharing Redis, as in production, and has
rendered every page and list while they were public, keeping its fragments (menu, cards, map)
there. An editor then makes a partner city and an event private through the admin's privacy
view, in another process. The very next requests to gunicorn refuse the pages to anonymous
visitors (Wagtail reads the restrictions from the database) and drop them from the lists, the
search, the site map, the sitemap, the feeds and the open data (the change renewed the site
version once committed: no fragment from before is read again).
"""

import subprocess
import sys

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.factories import add_event
from tests.loopback import (
    ROOT,
    committed,
    database_url,
    fetch,
    free_port,
    require_postgresql,
    shared_redis,
    wait_for,
)

pytestmark = pytest.mark.processes

PARTNERS = "/fr/relations-internationales/villes-partenaires/"
SALFORD = PARTNERS + "salford/"
AGENDA = "/fr/relations-internationales/cied-clermont-puy-de-dome/agenda/"
EVENT = AGENDA + "rencontre-confidentielle/"
# Where each page is listed while public, as anonymous visitors fetch it.
LISTS = {
    SALFORD: [
        PARTNERS,
        PARTNERS + "?sort=year",
        PARTNERS + "open-data/csv/",
        PARTNERS + "open-data/json/",
        PARTNERS + "open-data/geojson/",
        "/fr/recherche/?q=Salford",
        "/fr/plan-du-site/",
        "/sitemap.xml",
    ],
    EVENT: [AGENDA, AGENDA + "calendar/", AGENDA + "rss/", AGENDA + "atom/", "/fr/plan-du-site/"],
}


def set_privacy(page_pk, restriction_type):
    """What the editor does in the admin: the privacy dialog of the page, posted."""
    from django.contrib.auth import get_user_model

    editor, _created = get_user_model().objects.get_or_create(
        username="editeur-confidentialite", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page_pk]),
        {"restriction_type": restriction_type, "password": "", "groups": []},
    )
    assert response.status_code == 200
    return PageViewRestriction.objects.filter(page_id=page_pk).exists()


@pytest.fixture
def private_event(db):
    """An upcoming event, committed for gunicorn to see, removed afterwards."""
    from cied.models import EventIndexPage

    def create():
        event = add_event(EventIndexPage.objects.get(), "Rencontre confidentielle", 10)
        event.save_revision().publish()
        return event.pk

    pk = committed(create)
    yield pk
    committed(lambda: Page.objects.get(pk=pk).delete())


@pytest.fixture
def redis_cache(settings):
    """The editor's process (this one) and gunicorn's workers share one Redis."""
    url = shared_redis()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": settings.CACHE_RELEASE,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
    }
    return url


@pytest.fixture
def gunicorn(db, redis_cache):
    """Two gunicorn workers sharing the Redis cache."""
    require_postgresql()
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "clermont_intl.settings.test",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "STACK_REDIS_URL": redis_cache,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clermont_intl.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz/")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(port, path):
    status, headers, body = fetch(port, path)
    return status, headers.get("Location", ""), body


def test_a_page_made_private_is_refused_and_unlisted_by_every_worker_at_once(
    gunicorn, private_event
):
    from partners.models import PartnerCityPage

    salford = PartnerCityPage.objects.get(slug_fr="salford").pk
    pages = {SALFORD: salford, EVENT: private_event}
    # Every worker renders and keeps each page and list while public (several rounds, since
    # requests are spread over the two workers).
    for _round in range(4):
        for url, lists in LISTS.items():
            assert get(gunicorn, url)[0] == 200, url
            for listing in lists:
                status, _location, body = get(gunicorn, listing)
                assert status == 200 and url.rstrip("/").rsplit("/", 1)[-1] in body, listing

    try:
        for page_pk in pages.values():
            assert committed(lambda pk=page_pk: set_privacy(pk, PageViewRestriction.LOGIN))

        for _round in range(4):
            for url, lists in LISTS.items():
                status, location, _body = get(gunicorn, url)
                assert status == 302 and "login" in location, f"{url} still served"
                for listing in lists:
                    status, _location, body = get(gunicorn, listing)
                    slug = url.rstrip("/").rsplit("/", 1)[-1]
                    assert status == 200, listing
                    assert slug not in body, f"{listing} still lists {slug}"
    finally:
        for page_pk in pages.values():
            committed(lambda pk=page_pk: set_privacy(pk, PageViewRestriction.NONE))
