"""Tells the database backend (postgresql/base.py) where a request begins and ends: a database
that failed once during a request is not waited for again in the same request.

Connected when the project's app is ready, before the first request: the backend's own module is
only imported at the first connection, too late for the first request of a process.
"""

from django.core.signals import request_finished, request_started
from django.db import connections


def _scoped():
    # all() creates this thread's wrappers if needed (no connection is opened): the first
    # request of a new thread is bounded too.
    return (conn for conn in connections.all() if hasattr(conn, "begin_request"))


def _request_started(**kwargs):
    for conn in _scoped():
        conn.begin_request()


def _request_finished(**kwargs):
    for conn in _scoped():
        conn.end_request()


def connect():
    request_started.connect(_request_started, dispatch_uid="clermont_intl.db.request_started")
    request_finished.connect(_request_finished, dispatch_uid="clermont_intl.db.request_finished")
