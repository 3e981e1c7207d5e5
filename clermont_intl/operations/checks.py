"""System checks of the deployment that Django's own do not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Several gunicorn workers should share one cache, or each renders every fragment itself."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is each process's own memory: every gunicorn worker renders the "
                "menu and the page fragments for itself after each change (correct, but "
                "slower than one shared Redis).",
                hint="Set REDIS_URL (the Compose stack gives redis://cache:6379/0).",
                id="clermont_intl.W001",
            )
        ]
    return []
