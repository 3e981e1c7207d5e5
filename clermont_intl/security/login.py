"""Logins: the client's address behind the proxy, the lockouts and the locked-out answer.

django-axes locks a user+address pair after a few failures (``AXES_FAILURE_LIMIT``, counted in
the database by its database handler); this module adds the limit per address across accounts,
counted in the database by ``rate_limits``, so that no cache flush or Redis outage lifts either.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied

from .rate_limits import login_address_limit


@lru_cache(maxsize=8)
def _trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse_ip(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address):
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    return any(address in network for network in networks)


def client_ip(request):
    """The visitor's address, read from X-Forwarded-For only when the request came from our proxy.

    Anyone can send an X-Forwarded-For header; believing it from an unknown address would let an
    attacker pick the address that the login lockout and the form rate limit count against.
    Behind trusted proxies, the client is the right-most address that is not one of them.
    """
    remote = _parse_ip(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not _is_trusted(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        address = _parse_ip(hop)
        if address is None:
            break  # a garbled chain: stop at the last address a trusted proxy vouched for
        if not _is_trusted(address):
            return str(address)
        remote = address
    return str(remote)


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, plus the limit per address across accounts, for web logins.

    Code that authenticates without a request (the test client's ``login()``, a shell) is not a
    login attempt from an address, and axes would refuse it outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if login_address_limit().exceeded(client_ip(request)):
            # The same answer as axes' own lockout (AxesMiddleware renders login_locked).
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="clermont_intl.security.count_address_failure")
def count_address_failure(sender, credentials, request=None, **kwargs):
    """Counts a failed login against the client's address, whatever the account.

    A refused attempt of an address already locked out is not counted: the table then holds at
    most the limit's number of rows per address and window, whatever an attacker sends.
    """
    if request is None or getattr(request, "axes_locked_out", False):
        return
    login_address_limit().count(client_ip(request))


def login_locked(request, original_response=None, credentials=None):
    """The answer to a locked-out login: a page in the visitor's language, HTTP 429."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "clermont_intl/login_locked.html", context, status=429)
