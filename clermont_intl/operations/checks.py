"""System checks of the deployment that Django's own do not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Every web process must share one cache: the site version that a change renews lives
    there (clermont_intl.caching.fragments)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if not backend.startswith("django_redis."):
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
