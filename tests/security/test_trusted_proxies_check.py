"""`check --deploy` warns when the site runs behind a proxy it has not been told about
(clermont_intl.W002, clermont_intl.operations.checks.trusted_proxies)."""

import pytest

from clermont_intl.operations.checks import trusted_proxies

VARNISH = {"proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend"}}


def ids(settings):
    return [message.id for message in trusted_proxies(None)]


@pytest.fixture
def no_proxy(settings):
    settings.USE_X_FORWARDED_HOST = False
    settings.USE_X_FORWARDED_PORT = False
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.WAGTAILFRONTENDCACHE = {}
    settings.TRUSTED_PROXIES = []
    return settings


@pytest.mark.parametrize(
    "name, value",
    [
        ("USE_X_FORWARDED_HOST", True),
        ("USE_X_FORWARDED_PORT", True),
        ("SECURE_PROXY_SSL_HEADER", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("WAGTAILFRONTENDCACHE", VARNISH),
    ],
)
def test_a_proxy_without_trusted_proxies_is_reported(no_proxy, name, value):
    setattr(no_proxy, name, value)
    assert ids(no_proxy) == ["clermont_intl.W002"]
    no_proxy.TRUSTED_PROXIES = ["172.30.80.10", "172.30.80.11"]
    assert ids(no_proxy) == []


def test_a_site_reached_directly_needs_no_trusted_proxies(no_proxy):
    assert ids(no_proxy) == []
