"""Logins: the client's address behind the proxy, the lockouts and the locked-out answer.

django-axes locks a user+address pair after a few failures (``AXES_FAILURE_LIMIT``, counted in
the database by its database handler); this module adds the limit per address across accounts,
counted in the database by ``rate_limits``, so that no cache flush or Redis outage lifts either.
Each attempt is counted before its password is checked, in the same step as the check of the
limit (``Limit.take``), and uncounted once it succeeds: many attempts sent at the same moment
get no more tries than the limit.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
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
        result = super().authenticate(request, username=username, password=password, **kwargs)
        # Counted as a failure until it succeeds (uncount_successful_login). A refused attempt
        # is not counted: the table holds at most the limit's number of rows per address and
        # window, whatever an attacker sends.
        attempt = login_address_limit().take(client_ip(request))
        if attempt is None:
            # The same answer as axes' own lockout (AxesMiddleware renders login_locked).
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        request.address_attempt = attempt
        return result


@receiver(user_logged_in, dispatch_uid="clermont_intl.security.uncount_successful_login")
def uncount_successful_login(sender, request=None, user=None, **kwargs):
    """A login that succeeded is not a failure of its address."""
    attempt = getattr(request, "address_attempt", None)
    if attempt is not None:
        login_address_limit().give_back(attempt)


def login_locked(request, original_response=None, credentials=None):
    """The answer to a locked-out login: a page in the visitor's language, HTTP 429."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "clermont_intl/login_locked.html", context, status=429)
