"""System checks of the deployment that Django's own do not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Several gunicorn workers need one cache: the page tree's generation lives there."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is each process's own memory: a page published through one gunicorn "
                "worker would reach the others' menus and cached fragments only when they "
                "expire.",
                hint="Set REDIS_URL (the Compose stack gives redis://cache:6379/0).",
                id="clermont_intl.W001",
            )
        ]
    return []
