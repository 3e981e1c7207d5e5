"""What the security counters store: one row per counted event, in the database."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RateEvent(models.Model):
    """One event counted against a limit (an accepted form, a failed login, a reset request).

    Kept in the database rather than the cache: a cache flush, a restore or Redis evicting keys
    under memory pressure must not lift a limit, and the counters must work while Redis is down.
    ``key`` is a client address or a keyed hash of an account, never an e-mail address in clear.
    Rows older than their window are deleted as new events of the same kind are counted.
    """

    scope = models.CharField(_("scope"), max_length=64)
    key = models.CharField(_("key"), max_length=128)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("rate-limit event")
        verbose_name_plural = _("rate-limit events")
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="rate_event_lookup")]

    def __str__(self):
        return f"{self.scope} {self.key} {self.created_at:%Y-%m-%d %H:%M:%S}"
