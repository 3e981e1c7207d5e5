"""The Europe Direct information centre (CIED Clermont Puy-de-Dôme) and its events."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from clermont_intl.blocks import BodyBlock
from clermont_intl.caching.clock import ChangesWithTheClock  # noqa: F401 (migrations name it here)
from clermont_intl.models import SectionPage, SectionPageQuerySet, Theme

from . import feeds
from .constants import Audience, EventKind
from .forms import EventFilterForm

EVENTS_PER_PAGE = 12
UPCOMING_ON_CENTRE_PAGE = 3


@register_setting(icon="site")
class CiedContactSettings(BaseSiteSetting):
    """How citizens reach the Europe Direct centre, shown on its page ("Practical information"),
    each detail only when it is filled in: nothing is shown that has not been checked."""

    address = models.TextField(_("postal address of the centre"), blank=True)
    email = models.EmailField(_("e-mail of the centre"), blank=True)
    phone = models.CharField(_("telephone of the centre"), max_length=40, blank=True)
    opening_hours = models.TextField(
        _("opening hours of the centre"), blank=True, help_text=_("One line per day or period.")
    )
    map_url = models.URLField(_("map link of the centre"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("opening_hours"),
                FieldPanel("map_url"),
            ],
            heading=_("Europe Direct centre (its page)"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details of the CIED")

    @property
    def has_details(self):
        return any([self.address, self.email, self.phone, self.opening_hours, self.map_url])


class CiedPage(ChangesWithTheClock, SectionPage):
    """The centre's own page: mission, label, partnership, practical information, next events."""

    label_year = models.PositiveSmallIntegerField(
        _("labelled Europe Direct since"), null=True, blank=True
    )
    partnership = models.TextField(
        _("partnership"),
        blank=True,
        help_text=_("Who runs the centre with the City (the Conseil départemental…)."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    # The centre's address, e-mail, telephone and opening hours are site settings
    # (CiedContactSettings below), shown on this page.
    website = models.URLField(
        _("official website"),
        blank=True,
        help_text=_("The centre's own website, checked before it is given here."),
    )
    # Per language: the European Union's pages exist in each of its languages.
    network_url = models.URLField(
        _("the Europe Direct network's page"),
        blank=True,
        help_text=_(
            "The European Union's page on the Europe Direct centres, in the page's language."
        ),
    )

    content_panels = SectionPage.content_panels + [
        FieldRowPanel([FieldPanel("label_year")]),
        FieldPanel("partnership"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The centre's address, e-mail, telephone and opening hours are in "
                        "Settings › Contact details."
                    )
                ),
                FieldPanel("website"),
                FieldPanel("network_url"),
            ],
            heading=_("Practical information"),
        ),
        InlinePanel("resources", label=_("Documentation resource")),
    ]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "partnership", "body"]

    parent_page_types = ["clermont_intl.MissionPage"]
    subpage_types = [
        "cied.EventIndexPage",
        "cied.ExhibitionIndexPage",
        "clermont_intl.ContentPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Europe Direct centre page")

    def get_context(self, request, *args, **kwargs):
        """The next events (which are upcoming depends on the clock), the agenda and its feeds,
        the documentation."""
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = upcoming_events(self, UPCOMING_ON_CENTRE_PAGE)
        event_index = EventIndexPage.objects.live().public().child_of(self).first()
        context["event_index"] = event_index
        # The agenda's feeds, without the visitor's query string: this page has no filters.
        context["feed_links"] = (
            event_index.feed_links(request, keep_filters=False) if event_index else None
        )
        context["resources"] = self.resources.select_related("document")
        # What the centre offers on pages of its own: the agenda, the exhibitions on loan…
        context["offers"] = self.get_teasers()
        return context


class CiedResource(Orderable):
    """A document of the centre's documentation (brochure, guide…) offered for download."""

    page = ParentalKey(CiedPage, on_delete=models.CASCADE, related_name="resources")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("description")]


class EventIndexPage(ChangesWithTheClock, RoutablePageMixin, SectionPage):
    """The centre's events: upcoming first, past ones kept as an archive; filterable by theme and
    audience, with the same filters on its feeds (iCalendar, RSS, Atom)."""

    lists_children = True
    parent_page_types = ["cied.CiedPage"]
    subpage_types = ["cied.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events index")

    def events(self):
        return EventPage.objects.live().public().child_of(self)

    def filter_form(self, data):
        return EventFilterForm(data, themes=Theme.objects.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        show_past = request.GET.get("period") == "past"
        form = self.filter_form(request.GET)
        form.is_valid()
        # Which events are listed depends on the clock: one that ended a minute ago is gone.
        events = form.filter(self.events())
        events = events.past() if show_past else events.upcoming()
        paginator = Paginator(events, EVENTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        if paginator.count or not any(form.cleaned_data.get(name) for name in form.fields):
            has_events = bool(paginator.count)
        else:
            period = self.events().past() if show_past else self.events().upcoming()
            has_events = period.exists()
        context.update(
            events=page,
            show_past=show_past,
            filter_form=form,
            # Events of this period to choose from, whatever the filters: without any, no
            # filter form.
            has_events=has_events,
            feed_links=self.feed_links(request),
        )
        return context

    def feed_links(self, request, keep_filters=True):
        """The feeds' addresses, keeping the current theme and audience filters (unless
        keep_filters is False: links shown on another page)."""
        query = request.GET.copy() if keep_filters else QueryDict(mutable=True)
        for name in ("page", "period"):
            query.pop(name, None)
        suffix = f"?{query.urlencode()}" if query else ""
        base = self.get_url(request)
        return {name: base + self.reverse_subpage(name) + suffix for name in ("ics", "rss", "atom")}

    def upcoming_for_feed(self, request):
        """(upcoming filtered events, None) or (None, a 400 response listing the bad filters)."""
        form = self.filter_form(request.GET)
        if not form.is_valid():
            lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
            message = gettext("Invalid parameters:") + "\n" + "\n".join(lines) + "\n"
            return None, HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return form.filter(self.events()).upcoming(), None

    @path("calendar/", name="ics")
    def calendar_feed(self, request):
        events, error = self.upcoming_for_feed(request)
        if error:
            return error
        name = gettext("Events of the Europe Direct centre — City of Clermont-Ferrand")
        return feeds.ics_response(events, request, name, "cied-events.ics")

    @path("rss/", name="rss")
    def rss_feed(self, request):
        events, error = self.upcoming_for_feed(request)
        return error or feeds.EventsRssFeed(self, events)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        events, error = self.upcoming_for_feed(request)
        return error or feeds.EventsAtomFeed(self, events)(request)


class EventQuerySet(SectionPageQuerySet):
    def upcoming(self):
        """Events not yet over, soonest first."""
        return self.filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        """Archived events, most recent first: past events are kept, never deleted."""
        return self.filter(end__lt=timezone.now()).order_by("-start")


EventManager = PageManager.from_queryset(EventQuerySet)


class EventPage(ChangesWithTheClock, RoutablePageMixin, SectionPage):
    """An exhibition, talk or workshop of the Europe Direct centre."""

    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    themes = ParentalManyToManyField(
        "clermont_intl.Theme", blank=True, related_name="events", verbose_name=_("themes")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    objects = EventManager()

    content_panels = SectionPage.content_panels + [FieldPanel("body")]
    practical_panels = [
        HelpPanel(
            content=_(
                "The event stays in the agenda until its end, then moves to the past events "
                "on its own: there is nothing to delete."
            )
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("registration_url"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("When and where"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(practical_panels, heading=_("When and where")),
            ObjectList(SectionPage.promote_panels, heading=_("Promote")),
            ObjectList(SectionPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "place", "body"]

    parent_page_types = ["cied.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def reverse_subpage_ics(self):
        return self.reverse_subpage("ics")

    @path("calendar/", name="ics")
    def calendar_file(self, request):
        """This event alone, to add it to one's calendar."""
        return feeds.ics_response([self], request, self.title, f"event-{self.pk}.ics")


def upcoming_events(root, limit):
    """The first limit live, public events below root that are not over, soonest first."""
    return list(EventPage.objects.live().public().descendant_of(root).upcoming()[:limit])


# The exhibitions the centre lends and their loan requests (models of this app).
from .exhibitions import (  # noqa: E402, F401
    ExhibitionIndexPage,
    ExhibitionPage,
    ExhibitionPhoto,
    LoanRequest,
)
