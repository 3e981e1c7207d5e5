"""Counting a page's queries before and after the content grows.

Pages keep a few fragments in the cache until a change is published (clermont_intl.caching),
so each URL is measured twice: on the first render after a change ("cold", every fragment built
again) and on the next request ("warm"). Neither may grow with the content.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from clermont_intl.caching.fragments import renew


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def cold_and_warm(client, urls):
    """([queries of a first render after a change], [queries of the next request]) per URL."""
    for url in urls:
        count_queries(client, url)  # Wagtail's own caches (the site's root paths) are warm
    renew()
    cold = [count_queries(client, url) for url in urls]
    warm = [count_queries(client, url) for url in urls]
    return cold, warm
