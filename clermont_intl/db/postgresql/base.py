"""Django's PostgreSQL backend, bounded in how long a request may wait for the database.

When PostgreSQL restarts (an upgrade, a failover), new connections are refused for a second or
two. Django's persistent connections with health checks already drop the dead connection at the
next request; this backend then retries *opening* the new one once, after
``DB_CONNECT_RETRY_DELAY_SECONDS``. Only the connection is retried, never a query: nothing can
run twice.

A server that does not answer at all (a host gone, a dropped route) costs ``connect_timeout``
(``DB_CONNECT_TIMEOUT_SECONDS``, in the settings' OPTIONS) and is not retried: waiting twice
would not make it answer. Once the database has failed during a request, any later attempt in
the same request fails at once: code that catches the error and carries on (the health check,
an error page) does not wait again. A worker is thus held a few seconds, never tens.
"""

import logging
import time

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)

# Signs of a server that is restarting, where a second attempt a moment later may succeed; any
# other error (wrong password, no such database, a timeout) is raised at once.
RESTARTING = (
    "connection refused",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "no such file or directory",  # the Unix socket is gone while the server restarts
    "server closed the connection",
)


def is_restarting(error):
    message = str(error).lower()
    return any(sign in message for sign in RESTARTING)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by the request signals (clermont_intl/db/request_scope.py): outside a request (a
        # management command), every connection attempt gets its own retry.
        self.in_request = False
        self.failure = None

    def get_new_connection(self, conn_params):
        if self.failure is not None:
            raise base.Database.OperationalError(
                f"The database already failed during this request: {self.failure}"
            )
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError as error:
            if not is_restarting(error):
                self._remember(error)
                raise
            delay = getattr(settings, "DB_CONNECT_RETRY_DELAY_SECONDS", 1)
            logger.warning("Database unavailable (%s); retrying once in %.2f s.", error, delay)
        time.sleep(delay)
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError as error:
            self._remember(error)
            raise

    def _remember(self, error):
        if self.in_request:
            self.failure = str(error).splitlines()[0]

    def begin_request(self):
        self.in_request, self.failure = True, None

    def end_request(self):
        self.in_request, self.failure = False, None
