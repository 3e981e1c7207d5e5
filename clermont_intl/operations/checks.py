"""System checks of the deployment that Django's own do not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from clermont_intl.caching import redis


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Every web process must share one cache: the site version that a change renews lives
    there (clermont_intl.caching.fragments)."""
    if not redis.shared():
        return [
            Warning(
                "The cache is not Redis: it is kept in this machine's files (or a process's "
                "memory). The processes of this machine share it, but a change made on another "
                "web container would not reach the menus and fragments cached here.",
                hint="Set REDIS_URL (the Compose stack gives redis://cache:6379/0).",
                id="clermont_intl.W001",
            )
        ]
    return []


# Settings that say the site is reached through a reverse proxy or a caching proxy.
PROXY_SIGNS = ("USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT", "SECURE_PROXY_SSL_HEADER")


@register(Tags.security, deploy=True)
def trusted_proxies(app_configs, **kwargs):
    """Behind a proxy, every request comes from the proxy's address: unless the site knows its
    proxies, it cannot tell its visitors apart (clermont_intl.security.login.client_ip)."""
    signs = [name for name in PROXY_SIGNS if getattr(settings, name, None)]
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        signs.append("FRONTEND_CACHE_URL")
    if not signs or settings.TRUSTED_PROXIES:
        return []
    return [
        Warning(
            f"The site runs behind a proxy ({', '.join(signs)}) but TRUSTED_PROXIES is empty: "
            "every visitor then has the proxy's address, so one visitor's failed logins and "
            "password tries lock every visitor out, and the forms' limits count them all as one.",
            hint="Set TRUSTED_PROXIES to the addresses of the reverse proxies in front of the "
            "site (the Compose stack gives nginx's and Varnish's).",
            id="clermont_intl.W002",
        )
    ]
