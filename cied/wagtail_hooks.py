"""The CIED's part of the admin: its dashboard panel and the loan requests of its exhibitions."""

from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import EventPage


class UpcomingEventsPanel(Component):
    """The next CIED events on the editors' dashboard, with their draft state."""

    name = "upcoming_events"
    order = 120
    template_name = "cied/panels/upcoming_events.html"

    def get_context_data(self, parent_context):
        events = EventPage.objects.filter(end__gte=timezone.now()).order_by("start")[:5]
        return {"events": events}


@hooks.register("register_admin_viewset")
def register_loan_requests():
    from .loan_admin import LoanRequestViewSet

    return LoanRequestViewSet("loan_requests")


@hooks.register("register_models_shown_on_pages")
def cied_models_shown_on_pages():
    # An exhibition's page shows the dates of its confirmed loans (never who borrows).
    from .models import LoanRequest

    return [LoanRequest]


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    panels.append(UpcomingEventsPanel())


@hooks.register("register_demo_content")
def cied_demo_content():
    from .demo import DEMO_SECTIONS

    return DEMO_SECTIONS


@hooks.register("register_seed_content")
def cied_seed_content():
    from .seed import SEED_SECTIONS

    return SEED_SECTIONS


# How many upcoming events the home page shows.
HOME_PAGE_EVENTS = 3


@hooks.register("construct_home_page_context")
def home_page_events(home, request, entries):
    """The next events: which are upcoming depends on the clock."""
    from .models import EventIndexPage, upcoming_events

    return {
        "upcoming_events": upcoming_events(home, HOME_PAGE_EVENTS),
        "event_index": entries.first(EventIndexPage),
    }


@hooks.register("construct_open_data_page_context")
def open_data_event_feeds(page, request, entries):
    """The events' feeds, described on the open data page."""
    from .models import EventIndexPage

    events = EventIndexPage.objects.live().public().first()
    return {"feed_urls": events.feed_links(request) if events else None}
