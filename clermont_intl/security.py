"""Site-wide protections: the client's address behind the proxy, login lockout, security headers.

Each protection, and the test that proves it, is listed in docs/security.md.
"""

import ipaddress
import secrets
from functools import lru_cache

from django.conf import settings
from django.shortcuts import render

from axes.backends import AxesStandaloneBackend


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
    """django-axes' lockout check, for web logins only.

    Code that authenticates without a request (the test client's ``login()``, a shell) is not a
    login attempt from an address, and axes would refuse it outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_locked(request, original_response=None, credentials=None):
    """The answer to a locked-out login: a page in the visitor's language, HTTP 429."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "clermont_intl/login_locked.html", context, status=429)


# --- Content-Security-Policy ------------------------------------------------------------------

# Public pages: no inline script or style at all; a per-response nonce exists for the rare
# script that must be inline (`request.csp_nonce` in templates), so 'unsafe-inline' is never needed.
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Wagtail's admin writes inline styles and a few inline scripts: it gets them, but still loads
# nothing from another origin, cannot be framed by another site, and posts only to itself.
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
# Uploaded documents are someone else's files: never run anything from them on our domain.
DOCUMENT_POLICY = "default-src 'none'; sandbox"

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


def policy_for(path):
    if path.startswith("/admin/"):
        return ADMIN_POLICY
    if path.startswith("/documents/"):
        return DOCUMENT_POLICY
    return PUBLIC_POLICY


class SecurityHeadersMiddleware:
    """Content-Security-Policy (per area of the site) and Permissions-Policy on every response.

    HSTS, nosniff, Referrer-Policy and X-Frame-Options come from Django's own middlewares.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        policy = policy_for(request.path)
        response["Content-Security-Policy"] = policy.format(nonce=request.csp_nonce)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
