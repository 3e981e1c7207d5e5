from django.db import models


class CacheGeneration(models.Model):
    """One row: the number every entry of the application's cache is keyed by.

    It lives in the database, not in the cache, so that it changes in the same transaction as
    the content it stands for and no process can read an entry written before that change.
    """

    value = models.BigIntegerField()

    class Meta:
        verbose_name = "cache generation"

    def __str__(self):
        return str(self.value)
