"""The exhibitions the Europe Direct centre lends, their catalogue and the loan requests.

A request is sent from an exhibition's page with the protections and the e-mails of every form
of the site (clermont_intl.forms.ProtectedFormMixin): the catalogue page is the form page that
holds the notification address, and the requester's details are the stored form submission, so
that purge_personal_data deletes them as it does every other request's. The ``LoanRequest`` row
keeps what the service decides with: the exhibition, the dates and the answer. Pages show the
dates of the confirmed loans only, never who borrows.

Two confirmed loans of one exhibition never overlap: the public form refuses dates already taken
(with the next free ones), the admin refuses to confirm a loan over another (``LoanRequest.clean``,
re-checked under a lock when saving), and on PostgreSQL an exclusion constraint guards the table
(migration 0005).
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.forms.models import AbstractEmailForm, FormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from clermont_intl.admin_forms import SectionPageForm
from clermont_intl.blocks import BodyBlock
from clermont_intl.caching.clock import keep_until, next_midnight
from clermont_intl.forms import (
    ProtectedFormMixin,
    notification_email_panel,
    validate_notification_addresses,
)
from clermont_intl.images.models import alt_text_field, image_field
from clermont_intl.models import SectionPage
from clermont_intl.previews import language_preview_modes

from .constants import Audience, LoanStatus


def first_free_start(periods, start, days):
    """The first day, from ``start`` on, that begins ``days`` days free of every period.

    ``periods``: (first day, last day) pairs, both days taken, sorted by their first day.
    """
    candidate = start
    for taken_start, taken_end in periods:
        if taken_end < candidate:
            continue
        if taken_start > candidate + timedelta(days=days - 1):
            break
        candidate = taken_end + timedelta(days=1)
    return candidate


def format_day(day):
    return date_format(day, "DATE_FORMAT")


class ExhibitionCatalogueForm(SectionPageForm):
    """The catalogue's editor form: its notification address stays in the city's domains (as on
    every form page: clermont_intl.forms.SupportFormPageAdminForm)."""

    def clean_to_address(self):
        value = self.cleaned_data.get("to_address", "")
        validate_notification_addresses(value)
        return value


class ExhibitionIndexPage(ProtectedFormMixin, AbstractEmailForm, SectionPage):
    """ "Exhibitions on loan": the catalogue of the exhibitions the centre lends, and the form
    page of their loan requests (its notification address, its confirmation message)."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("loan conditions"),
        help_text=_("How to borrow an exhibition: who may, for how long, transport, insurance…"),
    )
    thank_you_text = RichTextField(
        _("confirmation message"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown once a loan request has been sent."),
    )

    content_panels = SectionPage.content_panels + [
        FieldPanel("body"),
        FieldPanel("thank_you_text"),
        notification_email_panel(_("Notification e-mail of the loan requests")),
        FormSubmissionsPanel(),
    ]
    base_form_class = ExhibitionCatalogueForm
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]
    # The form is shown by each exhibition's page, not by the catalogue: no "landing" preview,
    # the catalogue in each language.
    preview_modes = language_preview_modes(Page.DEFAULT_PREVIEW_MODES)

    lists_children = True
    parent_page_types = ["cied.CiedPage"]
    subpage_types = ["cied.ExhibitionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("exhibitions on loan")

    def serve(self, request, *args, **kwargs):
        # A catalogue, whatever the method: requests are sent from the exhibitions' pages. Which
        # exhibition is free next depends on the day: the proxy keeps it until midnight at most.
        return keep_until(Page.serve(self, request, *args, **kwargs), next_midnight())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitions"] = catalogue_cards(self)
        return context

    # --- The loan request form (clermont_intl.forms.ProtectedFormMixin does the rest).

    def get_form_class(self):
        from .forms import LoanRequestForm

        return LoanRequestForm

    def get_data_fields(self):
        from .forms import LoanRequestForm

        fields = LoanRequestForm.base_fields
        names = ["organisation", "contact_name", "email", "phone", "start", "end", "place"]
        return [
            ("submit_time", _("Submission date")),
            ("exhibition", _("Exhibition")),
            *((name, fields[name].label) for name in names),
            ("audience", fields["audience"].label),
            ("message", fields["message"].label),
        ]

    def store_submission(self, form):
        submission = super().store_submission(form)
        data = form.cleaned_data
        LoanRequest.objects.create(
            submission=submission,
            exhibition=form.exhibition,
            start=data["start"],
            end=data["end"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        return submission


def catalogue_cards(catalogue):
    """The catalogue's live, public exhibitions with their first photo and next free day, in
    tree order: three queries for the pages and photos, one for the loans."""
    pages = list(
        ExhibitionPage.objects.live()
        .public()
        .child_of(catalogue)
        .prefetch_related(
            models.Prefetch(
                "gallery_images",
                queryset=ExhibitionPhoto.objects.select_related("image").prefetch_related(
                    "image__renditions"
                ),
            )
        )
    )
    periods = LoanRequest.objects.confirmed_periods([page.pk for page in pages])
    today = timezone.localdate()
    for page in pages:
        page.next_free_day = first_free_start(periods.get(page.pk, []), today, 1)
        page.is_free_today = page.next_free_day == today
    return pages


class ExhibitionPage(SectionPage):
    """An exhibition about the European Union that the centre lends: what it is, what it is made
    of, when it is free, and the form to ask for it."""

    panel_count = models.PositiveSmallIntegerField(_("number of panels"), null=True, blank=True)
    dimensions = models.CharField(
        _("format and size"),
        max_length=250,
        blank=True,
        help_text=_("For example: roll-up banners, 85 × 200 cm, with their bags."),
    )
    languages = models.CharField(
        _("languages available"),
        max_length=250,
        blank=True,
        help_text=_("The languages its panels exist in, for example: French, English."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    themes = ParentalManyToManyField(
        "clermont_intl.Theme", blank=True, related_name="exhibitions", verbose_name=_("themes")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    content_panels = SectionPage.content_panels + [
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Photo"), heading=_("Photos")),
    ]
    practical_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("panel_count"), FieldPanel("audience")]),
                FieldPanel("dimensions"),
                FieldPanel("languages"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("The exhibition"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(practical_panels, heading=_("The exhibition")),
            ObjectList(SectionPage.promote_panels, heading=_("Promote")),
            ObjectList(SectionPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "dimensions", "languages", "body"]

    parent_page_types = ["cied.ExhibitionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exhibition on loan")
        verbose_name_plural = _("exhibitions on loan")

    @cached_property
    def catalogue(self):
        """The catalogue this exhibition is in: its loan requests are that form page's."""
        return ExhibitionIndexPage.objects.filter(path=self.path[: -self.steplen]).first()

    def confirmed_loans_between(self, start, end):
        """The confirmed loans of this exhibition that take a day of start…end."""
        return list(
            LoanRequest.objects.confirmed()
            .filter(exhibition=self)
            .overlapping(start, end)
            .order_by("start")
        )

    def unavailable_message(self, taken, start, end):
        """Why start…end cannot be lent, and the first free period of the same length."""
        days = (end - start).days + 1
        periods = LoanRequest.objects.confirmed_periods([self.pk]).get(self.pk, [])
        free = first_free_start(periods, start, days)
        loan = taken[0]
        return gettext(
            "This exhibition is already lent from %(taken_start)s to %(taken_end)s. "
            "The first free period of %(days)s from your start date is from %(free_start)s to "
            "%(free_end)s."
        ) % {
            "taken_start": format_day(loan.start),
            "taken_end": format_day(loan.end),
            "days": ngettext("%(count)s day", "%(count)s days", days) % {"count": days},
            "free_start": format_day(free),
            "free_end": format_day(free + timedelta(days=days - 1)),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context.update(
            today=today,
            availability=Availability(self.pk, today),
            # A list: the gallery and the og:image (seo_tags.social_image) share one lookup.
            gallery_images=list(
                self.gallery_images.select_related("image").prefetch_related("image__renditions")
            ),
        )
        return context

    def serve(self, request, *args, **kwargs):
        """The page and its loan request form: the catalogue's protections (robot traps, rate
        limit) and machinery (stored, then notified and acknowledged)."""
        from .forms import LoanRequestForm

        context = self.get_context(request, *args, **kwargs)
        context["retention_days"] = settings.PERSONAL_DATA_RETENTION_DAYS
        status = 200
        form = None
        catalogue = self.catalogue if request.method == "POST" else None
        attempt = catalogue.take_attempt(request) if catalogue is not None else None
        if catalogue is not None and attempt is None:
            context["rate_limited"] = True
            status = 429
        elif catalogue is not None:
            form = catalogue.get_form(
                request.POST, page=catalogue, user=request.user, exhibition=self
            )
            if form.is_valid():
                context["form_submission"] = catalogue.process_form_submission(form)
                context["catalogue"] = catalogue
                return TemplateResponse(request, "cied/exhibition_page_landing.html", context)
            catalogue.give_back(attempt)
        if form is None:
            # The catalogue's form (ExhibitionIndexPage.get_form_class), displayed.
            form = LoanRequestForm(user=request.user, exhibition=self)
            if status == 429:  # nothing lost: it comes back with what the visitor typed
                form.initial = form.kept_values(request.POST, request.FILES)
        context["form"] = form
        # Never kept by the proxy: its form carries the visitor's CSRF token
        # (clermont_intl.caching.proxy).
        return TemplateResponse(request, self.get_template(request), context, status=status)


class Availability:
    """When an exhibition is free: the periods of its confirmed loans still to come, dates only
    (who borrows it is never shown), and its next free day; read when first asked."""

    def __init__(self, exhibition_id, today):
        self.exhibition_id, self.today = exhibition_id, today

    @cached_property
    def booked_periods(self):
        periods = LoanRequest.objects.confirmed_periods([self.exhibition_id])
        return [
            (start, end) for start, end in periods.get(self.exhibition_id, []) if end >= self.today
        ]

    @cached_property
    def next_free_day(self):
        return first_free_start(self.booked_periods, self.today, 1)

    @property
    def free_today(self):
        return self.next_free_day == self.today


class ExhibitionPhoto(Orderable):
    """A photo of an exhibition (its panels, an installation), with its text alternative."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = image_field(required=True)
    alt_text = alt_text_field(blank=False)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class LoanRequestQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=LoanStatus.CONFIRMED)

    def overlapping(self, start, end):
        """Loans that take at least one day of start…end (both days included)."""
        return self.filter(start__lte=end, end__gte=start)

    def confirmed_periods(self, exhibition_ids):
        """{exhibition id: [(first day, last day)…]} of the confirmed loans, in date order, in
        one query: dates only."""
        periods = {}
        rows = (
            self.confirmed()
            .filter(exhibition_id__in=exhibition_ids)
            .order_by("start")
            .values_list("exhibition_id", "start", "end")
        )
        for exhibition_id, start, end in rows:
            periods.setdefault(exhibition_id, []).append((start, end))
        return periods


class LoanRequest(models.Model):
    """A request to borrow an exhibition, and the centre's answer.

    The requester's details are the form submission's (deleted by purge_personal_data after the
    retention period, which leaves this row and its dates): the notification, the
    acknowledgement and the follow-up of every form of the site come with them.
    """

    exhibition = models.ForeignKey(
        ExhibitionPage,
        on_delete=models.CASCADE,
        related_name="loan_requests",
        verbose_name=_("exhibition"),
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.REQUESTED
    )
    refusal_reason = models.TextField(
        _("reason for the refusal"),
        blank=True,
        help_text=_(
            "Required to refuse a loan. It is sent to the borrower, in the e-mail that tells "
            "them of the refusal: write it in the language of the request."
        ),
    )
    # The language of the public form the request was sent from: the centre's answer is in it.
    language = models.CharField(
        _("language of the request"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        editable=False,
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    submission = models.OneToOneField(
        FormSubmission,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="loan_request",
    )

    objects = LoanRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan request")
        verbose_name_plural = _("loan requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["exhibition", "status", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="cied_loan_ends_after_start"
            )
        ]

    def __str__(self):
        return gettext("%(exhibition)s, %(period)s") % {
            "exhibition": self.exhibition.title,
            "period": self.period,
        }

    @classmethod
    def from_db(cls, db, field_names, values):
        loan = super().from_db(db, field_names, values)
        loan._status_in_db = loan.__dict__.get("status")
        return loan

    def shown_on_pages(self):
        """Whether saving or deleting this row changes what visitors see: only confirmed loans
        show (their dates, on the exhibition's pages). A visitor's new request, or one refused,
        leaves every cache as it is (clermont_intl.caching.invalidation)."""
        return LoanStatus.CONFIRMED in (self.status, getattr(self, "_status_in_db", None))

    @property
    def period(self):
        return gettext("from %(start)s to %(end)s") % {
            "start": format_day(self.start),
            "end": format_day(self.end),
        }

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end of the loan cannot come before its start.")})
        if self.status == LoanStatus.REFUSED and not self.refusal_reason.strip():
            raise ValidationError(
                {
                    "refusal_reason": _(
                        "Give the reason for the refusal: it is sent to the borrower."
                    )
                },
                code="required",
            )
        if self.status == LoanStatus.CONFIRMED and self.exhibition_id and self.start and self.end:
            other = self.overlapping_confirmed().first()
            if other:
                message = gettext(
                    "This loan cannot be confirmed: the exhibition is already lent %(period)s."
                )
                raise ValidationError(
                    {"status": message % {"period": other.period}}, code="overlap"
                )

    def overlapping_confirmed(self):
        """The other confirmed loans of the same exhibition that take one of its days."""
        return (
            LoanRequest.objects.confirmed()
            .filter(exhibition_id=self.exhibition_id)
            .overlapping(self.start, self.end)
            .exclude(pk=self.pk)
            .order_by("start")
        )

    # --- The centre's answer, e-mailed to the requester.

    @property
    def answered(self):
        """Whether the status has just become an answer (confirmed or refused)."""
        return self.status in (LoanStatus.CONFIRMED, LoanStatus.REFUSED) and self.status != getattr(
            self, "_status_in_db", None
        )

    def answer_email(self):
        """(subject, body) of the answer in the language of the request: the exhibition, the
        dates, the request's reference and, for a refusal, its reason."""
        with translation.override(self.language):
            values = {
                "exhibition": self.exhibition.title,
                "period": self.period,
                "reference": self.reference,
                "reason": self.refusal_reason.strip(),
            }
            if self.status == LoanStatus.CONFIRMED:
                subject = gettext("Your loan of the exhibition “%(exhibition)s” is confirmed")
                body = gettext(
                    "Hello,\n\n"
                    "The Europe Direct information centre of Clermont Puy-de-Dôme confirms the "
                    "loan of the exhibition “%(exhibition)s” %(period)s (request "
                    "%(reference)s).\n\n"
                    "Please quote this reference in any message about the loan.\n\n"
                    "This message was sent automatically."
                )
            else:
                subject = gettext("Your request to borrow the exhibition “%(exhibition)s”")
                body = gettext(
                    "Hello,\n\n"
                    "The Europe Direct information centre of Clermont Puy-de-Dôme cannot lend you "
                    "the exhibition “%(exhibition)s” %(period)s (request %(reference)s).\n\n"
                    "Reason: %(reason)s\n\n"
                    "Please quote this reference in any message about the request.\n\n"
                    "This message was sent automatically."
                )
            return subject % values, body % values

    def queue_answer(self):
        """Queues the answer e-mail (sent by send_queued_mail), in the caller's transaction.
        Nothing when the requester's details are gone (purge_personal_data) or hold no valid
        address. Returns the queued e-mail or None."""
        from clermont_intl.outbox.models import QueuedEmail

        address = str(self.email or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            return None
        subject, body = self.answer_email()
        catalogue = self.submission.page.specific
        return QueuedEmail.objects.create(
            to=address,
            from_email=getattr(catalogue, "from_address", "") or settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            body=body,
        )

    @property
    def reference(self):
        """The reference the requester got in the acknowledgement (RI-<year>-<number>)."""
        follow_up = getattr(self.submission, "follow_up", None) if self.submission_id else None
        return follow_up.reference if follow_up is not None else ""

    # --- The requester's details, from the stored submission (empty once it is purged).

    @cached_property
    def details(self):
        return self.submission.get_data() if self.submission_id else {}

    @property
    def organisation(self):
        return self.details.get("organisation", "")

    @property
    def contact_name(self):
        return self.details.get("contact_name", "")

    @property
    def email(self):
        return self.details.get("email", "")

    @property
    def phone(self):
        return self.details.get("phone", "")

    @property
    def place(self):
        return self.details.get("place", "")

    @property
    def audience(self):
        return self.details.get("audience", "")

    @property
    def message(self):
        return self.details.get("message", "")
