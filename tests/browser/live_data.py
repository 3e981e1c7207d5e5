"""Writing data that the live server (tests/browser/conftest.py) must see at once."""

import threading


def committed(function):
    """Run ``function`` so that the live server's thread sees its writes at once.

    With SQLite in memory the server shares this test's connection (a second connection would
    find the tables locked by the first); with PostgreSQL it has its own, which cannot see this
    test's transaction: the work is then done, and committed, from a thread of its own (its own
    connection, in autocommit).
    """
    from django.db import connection, connections

    if connection.vendor == "sqlite":
        return function()
    result = {}

    def work():
        try:
            result["value"] = function()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return result["value"]
