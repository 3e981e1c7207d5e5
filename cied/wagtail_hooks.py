"""The CIED's part of the admin: its dashboard panel."""

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


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    panels.append(UpcomingEventsPanel())


@hooks.register("register_demo_content")
def cied_demo_content():
    from .demo import DEMO_SECTIONS

    return DEMO_SECTIONS
