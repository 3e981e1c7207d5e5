"""Django's PostgreSQL backend, waiting a few seconds for the server instead of failing at once.

When PostgreSQL restarts (an upgrade, a failover), new connections are refused for a second or
two. Django's persistent connections with health checks already drop the dead connection at the
next request; this backend then retries *opening* the new one, with a short backoff, for up to
``DB_CONNECT_RETRY_SECONDS``. Only the connection is retried, never a query: nothing can run twice.
"""

import logging
import time

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)

# Signs of a server that is down or restarting; any other error (wrong password, no such
# database) is raised at once, as retrying would not help.
TRANSIENT = (
    "connection refused",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "no such file or directory",  # the Unix socket is gone while the server restarts
    "server closed the connection",
    "timeout expired",
)


def is_transient(error):
    message = str(error).lower()
    return any(sign in message for sign in TRANSIENT)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        deadline = time.monotonic() + getattr(settings, "DB_CONNECT_RETRY_SECONDS", 10)
        delay = 0.05
        while True:
            try:
                return super().get_new_connection(conn_params)
            except base.Database.OperationalError as error:
                if not is_transient(error) or time.monotonic() + delay > deadline:
                    raise
                logger.warning("Database unavailable (%s); retrying in %.2f s.", error, delay)
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
