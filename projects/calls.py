"""Calls for projects and funding opportunities the service relays, and their index.

A call's state (upcoming, open, closing soon, closed) is never stored: it follows from its
opening date and deadline at the time of the request, so a call closes at its deadline without
anyone publishing. Pages that list calls read which calls to show on every request (one query),
and tell the caching proxy to keep them no longer than until the next call opens, starts closing
or closes (clermont_intl.caching.clock).
"""

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from clermont_intl.caching.clock import ChangesWithTheClock, changes_at
from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from clermont_intl.models import SectionPage, SectionPageQuerySet
from clermont_intl.timezones import PARIS

from .constants import CallState

CALLS_PER_PAGE = 12
# How many open calls the home and mission pages show (the calls index shows them all).
OPEN_CALLS_LISTED = 3
CLOSING_SOON = timedelta(days=7)
TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol", *LANGUAGE_FEATURES]


def opening_moment(opens_on):
    """The moment a call opens: midnight in Clermont-Ferrand on its opening date."""
    return datetime.combine(opens_on, time.min, tzinfo=PARIS) if opens_on else None


def closing_soon_from(deadline):
    """The moment a call starts "closing soon": the same time of day in Clermont-Ferrand, seven
    days before its deadline (168 hours, give or take the change of time)."""
    return (deadline.astimezone(PARIS) - CLOSING_SOON).astimezone(PARIS)


def call_state(opens_on, deadline, now):
    """The state of a call at now (an aware datetime). The deadline is the last moment to
    apply: at the deadline itself the call is closed."""
    if now >= deadline:
        return CallState.CLOSED
    if opens_on and now < opening_moment(opens_on):
        return CallState.UPCOMING
    if now >= closing_soon_from(deadline):
        return CallState.CLOSING_SOON
    return CallState.OPEN


def next_change(opens_on, deadline, now):
    """The next moment after now at which the call's state changes, or None once closed."""
    moments = [opening_moment(opens_on), closing_soon_from(deadline), deadline]
    return min((m for m in moments if m and m > now), default=None)


class CallQuerySet(SectionPageQuerySet):
    def not_closed(self, now):
        return self.filter(deadline__gt=now)

    def closed(self, now):
        """Closed calls, the most recent deadline first: they are kept as an archive."""
        return self.filter(deadline__lte=now).order_by("-deadline", "pk")


CallManager = PageManager.from_queryset(CallQuerySet)


def current_calls(root, *, children_only=False, limit=None):
    """{"open": […], "upcoming": […]}: the live, public calls below root not yet closed, each
    with its state now (page.state): open ones by deadline, soonest first, then upcoming ones by
    opening date. Notes when the first of them changes state (clermont_intl.caching.clock). One
    query: calls not yet closed are a handful a year."""
    now = timezone.now()
    calls = CallForProjectsPage.objects.live().public().not_closed(now)
    calls = calls.child_of(root) if children_only else calls.descendant_of(root)
    open_calls, upcoming = [], []
    for call in calls.order_by("deadline", "pk"):
        call.state = call_state(call.opens_on, call.deadline, now)
        changes_at(next_change(call.opens_on, call.deadline, now))
        (upcoming if call.state == CallState.UPCOMING else open_calls).append(call)
    upcoming.sort(key=lambda call: (opening_moment(call.opens_on), call.deadline, call.pk))
    return {"open": open_calls[:limit], "upcoming": upcoming[:limit]}


def open_calls_context(root, request, entries):
    """The context of the open calls section of the home and mission pages (hooks
    construct_home_page_context, construct_mission_page_context)."""
    return {
        "open_calls": current_calls(root, limit=OPEN_CALLS_LISTED)["open"],
        "call_index": entries.first(CallIndexPage),
    }


class CallIndexPage(ChangesWithTheClock, RoutablePageMixin, SectionPage):
    """The calls for projects and funding opportunities: open ones first, upcoming ones apart,
    closed ones in the archive; their deadlines as a calendar and the list as open data."""

    lists_children = True
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = ["projects.CallForProjectsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("calls for projects index")

    def calls(self):
        return CallForProjectsPage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(current_calls(self, children_only=True) | self.service_links(request))
        context["calls_section"] = "current"
        return context

    def service_links(self, request):
        base = self.get_url(request)
        return {
            "archive_url": base + self.reverse_subpage("archive"),
            "calendar_url": base + self.reverse_subpage("ics"),
            "data_urls": {name: base + self.reverse_subpage(name) for name in ("csv", "json")},
        }

    @path("archive/", name="archive")
    def archive(self, request):
        """Closed calls, the most recent deadline first, a page at a time. A page number that
        is not one shows the first page; one past the last is not found."""
        paginator = Paginator(self.calls().closed(timezone.now()), CALLS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            raise Http404 from None
        for call in page:
            call.state = CallState.CLOSED
        # (get_context reads the open calls too: the next one to close changes this list.)
        return self.render(
            request,
            template="projects/call_index_page_archive.html",
            context_overrides={"page_obj": page, "calls_section": "archive"},
        )

    @path("calendar/", name="ics")
    def calendar_feed(self, request):
        from . import call_data

        return call_data.ics_response(self, request)

    @path("open-data/csv/", name="csv")
    def calls_csv(self, request):
        from . import call_data

        return call_data.csv_response(self, request)

    @path("open-data/json/", name="json")
    def calls_json(self, request):
        from . import call_data

        return call_data.json_response(self, request)


class CallForProjectsPage(ChangesWithTheClock, SectionPage):
    """A call for projects or funding opportunity: who may apply, for how much, until when, how."""

    opens_on = models.DateField(
        _("opening date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if applications are already open."),
    )
    deadline = models.DateTimeField(
        _("deadline"),
        help_text=_("Date and time (Paris time) after which applications are refused."),
    )
    eligibility = RichTextField(_("who may apply"), blank=True, features=TEXT_FEATURES)
    funding = models.CharField(
        _("amount or co-funding rate"),
        max_length=250,
        blank=True,
        help_text=_("For example: up to €5,000, or 50% of eligible costs."),
    )
    how_to_apply = RichTextField(_("how to apply"), blank=True, features=TEXT_FEATURES)
    apply_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("application page on this site"),
        help_text=_("The project support form, for example."),
    )
    apply_url = models.URLField(
        _("application website"),
        blank=True,
        help_text=_("Where to apply, when it is another website."),
    )
    programme = models.ForeignKey(
        "projects.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        verbose_name=_("programme"),
    )
    themes = ParentalManyToManyField(
        "clermont_intl.Theme", blank=True, related_name="calls", verbose_name=_("themes")
    )

    objects = CallManager()

    content_panels = SectionPage.content_panels + [
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The call shows as upcoming, open, closing soon (seven days before "
                        "the deadline) or closed by itself: it moves to the archive at its "
                        "deadline, with nothing to publish."
                    )
                ),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("deadline")]),
                FieldPanel("funding"),
                FieldPanel("programme"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Key facts"),
        ),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_apply"),
                PageChooserPanel("apply_page", ["projects.ProjectSupportFormPage"]),
                FieldPanel("apply_url"),
            ],
            heading=_("How to apply"),
        ),
        InlinePanel("documents", label=_("Document to download")),
    ]
    search_fields = SectionPage.search_fields + [
        index.SearchField("eligibility"),
        index.SearchField("how_to_apply"),
    ]
    search_text_fields = ["intro", "eligibility", "funding", "how_to_apply"]

    parent_page_types = ["projects.CallIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        indexes = [models.Index(fields=["deadline"])]

    def clean(self):
        super().clean()
        if self.apply_page_id and self.apply_url:
            raise ValidationError(
                {"apply_url": _("Give either a page of this site or another website, not both.")}
            )
        if self.opens_on and self.deadline and opening_moment(self.opens_on) >= self.deadline:
            raise ValidationError({"deadline": _("The deadline must come after the opening.")})

    @cached_property
    def state(self):
        return call_state(self.opens_on, self.deadline, timezone.now())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        changes_at(next_change(self.opens_on, self.deadline, now))
        context["documents"] = self.documents.select_related("document")
        context["themes"] = self.themes.all()
        return context


class CallDocument(Orderable):
    """A document of a call offered for download: its rules, its application form…"""

    page = ParentalKey(CallForProjectsPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example: rules, application form.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]
