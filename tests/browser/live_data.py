"""Writing data that the live server (tests/browser/conftest.py) must see at once."""


def committed(function):
    """Run ``function`` so that the live server's thread sees its writes at once.

    With SQLite in memory the server shares this test's connection (a second connection would
    find the tables locked by the first); with PostgreSQL it has its own, which cannot see this
    test's transaction: the work is then done, and committed, from a thread of its own (its own
    connection, in autocommit).
    """
    from django.db import connection

    from tests.loopback import committed as in_own_connection

    if connection.vendor == "sqlite":
        return function()
    return in_own_connection(function)


def superuser_account(username, **names):
    """Yields (username, password) of a superuser the live server sees, deleted afterwards:
    the body of the browser tests' account fixtures (``yield from superuser_account(…)``)."""
    import secrets

    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(16)
    model = get_user_model()
    user_id = committed(
        lambda: (
            model.objects.create_superuser(
                username, f"{username}@example.org", password, **names
            ).pk
        )
    )
    yield username, password
    committed(lambda: model.objects.filter(pk=user_id).delete())


def log_in(browser, live_site, account):
    """A tab of a new French browser context, signed in to the admin as ``account``
    ((username, password))."""
    context = browser.new_context(base_url=live_site, locale="fr-FR")
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", account[0])
    tab.fill("input[name=password]", account[1])
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")
    return tab
