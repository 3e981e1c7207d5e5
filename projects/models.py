"""European and international projects, their funding programmes, and the support request form."""

import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from clermont_intl.blocks import BodyBlock
from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from clermont_intl.models import SectionPage
from clermont_intl.private_sections import public
from clermont_intl.security import client_ip

from .constants import ProjectStatus
from .forms import ProjectFilterForm, SpamProtectedFormBuilder
from .submissions import FollowedUpForm, SubmissionFollowUp  # noqa: F401 (a model of this app)

logger = logging.getLogger(__name__)


class Programme(index.Indexed, models.Model):
    """A funding programme (URBACT, Creative Europe…), managed by editors as a snippet."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("short name"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("official website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectIndexPage(SectionPage):
    """The list of the section's European and international projects."""

    parent_page_types = ["clermont_intl.MissionPage"]
    subpage_types = ["projects.ProjectPage", "projects.ProjectSupportFormPage"]
    max_count = 1

    class Meta:
        verbose_name = _("projects index")

    def projects(self):
        return (
            ProjectPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("programme", "programme__logo")
            .prefetch_related("themes")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The filters offer what published projects use: read from the same list, which the
        # filters then narrow in Python (a section has tens of projects, not thousands).
        projects = list(self.projects())
        programmes = sorted({p.programme for p in projects if p.programme}, key=str)
        themes = sorted({t for p in projects for t in p.themes.all()}, key=lambda t: t.name)
        form = ProjectFilterForm(request.GET, programmes=programmes, themes=themes)
        context["filter_form"] = form
        context["projects"] = form.filter(projects)
        context["support_form_page"] = public(
            ProjectSupportFormPage.objects.live().child_of(self)
        ).first()
        return context


class ProjectPage(SectionPage):
    """One European or international project the city takes part in (TechTown, CreArt…)."""

    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("programme"),
    )
    themes = ParentalManyToManyField(
        "clermont_intl.Theme", blank=True, related_name="projects", verbose_name=_("themes")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, blank=True)
    eu_funding = models.DecimalField(
        _("EU funding (euros)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Amount granted by the European Union, if known."),
    )
    partner_cities = ParentalManyToManyField(
        "partners.PartnerCityPage",
        blank=True,
        related_name="projects",
        verbose_name=_("partner cities involved"),
    )
    website = models.URLField(_("project website"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SectionPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("eu_funding")]),
                FieldPanel("website"),
            ],
            heading=_("Key facts"),
        ),
        FieldPanel("partner_cities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot come before the start.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partner_cities"] = self.partner_cities.live().public().order_by("title")
        return context


class ProjectSupportFormField(AbstractFormField):
    page = ParentalKey(
        "ProjectSupportFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ProjectSupportFormPage(FollowedUpForm, AbstractEmailForm):
    """The request form for local associations that want help to build an international project.

    Every submission is stored (see the admin's Forms menu) and notified to the service by e-mail.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("explanations"), blank=True, features=["bold", "italic", "link", "ul", *LANGUAGE_FEATURES]
    )
    thank_you_text = RichTextField(
        _("confirmation message"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification e-mail"),
        ),
    ]
    search_text_fields = ["intro", "body"]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    max_count = 1

    form_builder = SpamProtectedFormBuilder

    class Meta:
        verbose_name = _("project support request form")

    @property
    def teaser_text(self):
        return self.intro or self.search_description

    def get_submissions_list_view_class(self):
        from .views import SafeSubmissionsListView

        return SafeSubmissionsListView

    # --- Rate limit: a few accepted requests per address and hour, counted in the shared cache.

    def _rate_key(self, request):
        return f"projects:support-form:{self.pk}:{client_ip(request)}"

    def rate_limited(self, request):
        return cache.get(self._rate_key(request), 0) >= settings.FORM_RATE_LIMIT

    def count_accepted(self, request):
        key = self._rate_key(request)
        if not cache.add(key, 1, timeout=settings.FORM_RATE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=settings.FORM_RATE_WINDOW_SECONDS)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and self.rate_limited(request):
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            context["rate_limited"] = True
            return TemplateResponse(request, self.get_template(request), context, status=429)
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if request.method == "POST" and context.get("form_submission"):
            self.count_accepted(request)
        return response

    # --- Nothing lost: the request is stored first; the e-mail follows, and is retried if it fails.

    def process_form_submission(self, form):
        with transaction.atomic():
            submission = self.get_submission_class().objects.create(
                form_data=form.cleaned_data, page=self
            )
            notification = (
                SubmissionNotification.objects.create(submission=submission)
                if self.to_address
                else None
            )
            follow_up = self.record_follow_up(submission, form)
        if notification:
            notification.send()
        if follow_up.acknowledgement_to:
            follow_up.send_acknowledgement()
        return submission

    def render_notification(self, submission):
        """The e-mail body, from the stored submission (the form is gone when a retry runs)."""
        data = submission.get_data()
        lines = []
        for name, label in self.get_data_fields():
            if name == "submit_time":
                continue
            value = data.get(name, "")
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            lines.append(f"{label}: {value}")
        return "\n".join(lines)


class SubmissionNotification(models.Model):
    """The e-mail that tells the service about one form submission, until it has been sent.

    Created in the same transaction as the submission; the mail server being down only delays it:
    ``manage.py retry_form_notifications`` (run by the scheduler) sends what is still pending.
    """

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, related_name="notification"
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("submission notification")
        verbose_name_plural = _("submission notifications")

    def __str__(self):
        return f"Notification of submission {self.submission_id}"

    @classmethod
    def pending(cls):
        return cls.objects.filter(
            notified_at__isnull=True, attempts__lt=settings.FORM_NOTIFICATION_MAX_ATTEMPTS
        ).select_related("submission__page")

    def send(self):
        """Try once; on failure, log it and keep the notification pending. Returns success."""
        page = self.submission.page.specific
        addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
        self.attempts += 1
        try:
            send_mail(
                page.subject,
                page.render_notification(self.submission),
                addresses,
                page.from_address,
            )
        except Exception as error:  # any mail failure (SMTP, DNS, refused) must not lose anything
            logger.exception(
                "Form notification for submission %s failed (attempt %s); it will be retried.",
                self.submission_id,
                self.attempts,
            )
            self.last_error = f"{type(error).__name__}: {error}"[:1000]
            self.save(update_fields=["attempts", "last_error"])
            return False
        self.notified_at = timezone.now()
        self.last_error = ""
        self.save(update_fields=["attempts", "last_error", "notified_at"])
        return True
