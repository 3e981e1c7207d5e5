"""News' part of the core's hooks: the seed's news index, the demo news and the home page's
latest news."""

from django.utils.functional import SimpleLazyObject

from wagtail import hooks

from .models import NewsIndexPage, latest_news

# How many news the home page shows.
HOME_PAGE_NEWS = 3


@hooks.register("register_seed_content")
def news_seed_content():
    from .seed import SEED_SECTIONS

    return SEED_SECTIONS


@hooks.register("register_demo_content")
def news_demo_content():
    from .demo import DEMO_SECTIONS

    return DEMO_SECTIONS


@hooks.register("construct_home_page_context")
def home_page_news(home, request, entries):
    """The latest news, looked up only when the home page's news fragment is rendered again
    (it depends on the published tree only)."""
    return {
        "latest_news": SimpleLazyObject(lambda: latest_news(home, HOME_PAGE_NEWS)),
        "news_index": entries.first(NewsIndexPage),
    }
