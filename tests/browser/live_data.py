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


def european_cafe(evening):
    """The upcoming talk the browser tests show (event page, home page, agenda), ten days after
    ``evening``; not saved."""
    from datetime import timedelta

    from cied.models import EventPage

    return EventPage(
        title="Café européen : l'Europe et la jeunesse",
        title_fr="Café européen : l'Europe et la jeunesse",
        title_en="European café: Europe and young people",
        slug="cafe-europeen-navigateur",
        slug_fr="cafe-europeen-navigateur",
        slug_en="european-cafe-browser",
        intro_fr="Une soirée d'échanges sur les programmes européens pour les jeunes.",
        intro_en="An evening of discussion about European programmes for young people.",
        kind="talk",
        start=evening + timedelta(days=10),
        end=evening + timedelta(days=10, hours=2),
        place="CIED, 3 place de la Victoire, Clermont-Ferrand",
    )


def studying_workshop(evening):
    """An upcoming workshop without a place, six days after ``evening``; not saved."""
    from datetime import timedelta

    from cied.models import EventPage

    return EventPage(
        title="Atelier : étudier en Europe",
        title_fr="Atelier : étudier en Europe",
        title_en="Workshop: studying in Europe",
        slug="atelier-etudier-navigateur",
        slug_fr="atelier-etudier-navigateur",
        slug_en="workshop-studying-browser",
        kind="workshop",
        start=evening + timedelta(days=6),
        end=evening + timedelta(days=6, hours=2),
    )
