"""Site-wide pages, taxonomy and settings of the Relations internationales section."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Left, Length
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from modeltranslation.utils import build_localized_fieldname

from .admin_forms import SectionPageForm
from .blocks import BodyBlock, KeyFigureBlock
from .caching.clock import serve_with_clock
from .editorial.constants import LANGUAGE_FEATURES
from .editorial.permissions import RolePermissionsMixin
from .forms import ProtectedFormMixin, SupportFormPageAdminForm, notification_email_panel
from .images.models import ImageDescription  # noqa: F401 (a model of this app)
from .previews import LanguagePreviewMixin
from .public_urls import root_url
from .routing import RoutedPageMixin, refuse_route_slugs
from .security.models import RateEvent  # noqa: F401 (the security counters' table, in this app)
from .submissions.models import (  # noqa: F401 (models of this app)
    SubmissionFollowUp,
    SubmissionNotification,
)

HOME_HIGHLIGHTS_MAX = 6
HOME_KEY_FIGURES_MAX = 4
STATEMENT_FEATURES = ["bold", "italic", "link", "ul", *LANGUAGE_FEATURES]


class Theme(index.Indexed, models.Model):
    """A field of cooperation (culture, youth, innovation…), shared by partners, projects and
    events so that citizens can follow one theme across the whole section."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("identifier"),
        unique=True,
        help_text=_("Used in addresses and filters, for example culture or youth."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_setting(icon="site")
class ContactSettings(BaseSiteSetting):
    """How citizens reach the Relations internationales service, the legal notice's host and the
    data protection officer.

    Shown in every page's footer (the service) and in the legal and privacy notices, each detail
    only when it is filled in: nothing is shown that has not been checked. (The Europe Direct
    centre's are its own settings: cied.CiedContactSettings.)
    """

    service_name = models.CharField(
        _("service name"), max_length=200, default="Pôle des Relations internationales"
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("One line per day or period.")
    )
    map_url = models.URLField(
        _("map link"), blank=True, help_text=_("A link to the address on an online map.")
    )

    # The legal notice's host (hébergeur), required by French law (LCEN, article 6).
    host_name = models.CharField(_("host name"), max_length=200, blank=True)
    host_address = models.TextField(_("host address"), blank=True)
    host_phone = models.CharField(_("host telephone"), max_length=40, blank=True)
    host_website = models.URLField(_("host website"), blank=True)

    # The data protection officer (GDPR, articles 37 to 39), named by the privacy notice.
    data_protection_email = models.EmailField(
        _("e-mail of the data protection officer"), blank=True
    )
    data_protection_address = models.TextField(
        _("postal address of the data protection officer"), blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("service_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("opening_hours"),
                FieldPanel("map_url"),
            ],
            heading=_("Relations internationales service (every page's footer)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("host_name"),
                FieldPanel("host_address"),
                FieldRowPanel([FieldPanel("host_phone"), FieldPanel("host_website")]),
            ],
            heading=_("Host of the site (legal notice)"),
        ),
        MultiFieldPanel(
            [FieldPanel("data_protection_email"), FieldPanel("data_protection_address")],
            heading=_("Data protection officer (privacy notice)"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details")

    @property
    def has_service_details(self):
        return any([self.address, self.email, self.phone, self.opening_hours, self.map_url])

    @property
    def has_data_protection_officer(self):
        return bool(self.data_protection_email or self.data_protection_address)


class SectionPageQuerySet(PageQuerySet):
    """The section's pages. ``public()`` in the query itself: a page is private when a view
    restriction sits on it or on an ancestor, whose tree path starts its own. Wagtail's own
    asks the database for the restrictions each time a list is built, one query more per list
    on every page."""

    def private_q(self):
        restricted_ancestor = PageViewRestriction.objects.filter(
            page__path=Left(OuterRef("path"), Length("page__path"))
        )
        return Q(Exists(restricted_ancestor))


def all_pages():
    """Every page, as Wagtail pages, with SectionPageQuerySet's public()."""
    return SectionPageQuerySet(Page)


class SectionPage(LanguagePreviewMixin, RoutedPageMixin, RolePermissionsMixin, Page):
    """Abstract base of every page: an introduction that also serves as the page's teaser."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown at the top of the page and in lists."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    objects = PageManager.from_queryset(SectionPageQuerySet)()

    # Fields whose text is indexed for the per-language site search (see clermont_intl.search).
    search_text_fields = ["intro"]
    # Whether the page's content is the list of its children (an index, an agenda): the home
    # page's "Recently published" leaves such pages out.
    lists_children = False

    base_form_class = SectionPageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # Pages made in code (seed, import); the admin's form checks with its parent page.
        if self.path:
            refuse_route_slugs(self.translated_slugs(), self.get_parent())

    def translated_slugs(self):
        return {
            build_localized_fieldname("slug", code): getattr(
                self, build_localized_fieldname("slug", code), None
            )
            for code, _name in settings.LANGUAGES
        }

    def full_clean(self, *args, **kwargs):
        self.make_ascii_slugs()
        super().full_clean(*args, **kwargs)

    def make_ascii_slugs(self):
        """Addresses in ASCII in both languages, from the title when left empty. Only new
        pages and changed slugs: an existing page keeps the address that links point to."""
        stored = {}
        if not self._state.adding:
            fields = [f"slug_{code}" for code, _name in settings.LANGUAGES]
            stored = type(self).objects.filter(pk=self.pk).values(*fields).first() or {}
        for code, _name in settings.LANGUAGES:
            field = f"slug_{code}"
            slug, title = getattr(self, field, None), getattr(self, f"title_{code}", None)
            if not slug and title and self._state.adding:
                setattr(self, field, slugify(title))
            elif slug and not slug.isascii() and slug != stored.get(field):
                setattr(self, field, slugify(slug))

    @property
    def teaser_text(self):
        return self.intro or self.search_description

    def get_teasers(self):
        """The live, public child pages shown as teasers, in tree order, one query per page type."""
        return all_pages().child_of(self).live().public().specific()


class HomePage(SectionPage):
    """The root of the site: welcomes visitors and leads to the section's pages.

    Besides its own text it shows the mission, the next events of the Europe Direct centre, the
    newest pages, the partner map and the highlights the editors choose (see get_context).
    """

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    # The section in figures, shown in large type near the top (7 twin cities since 1966…).
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=HOME_KEY_FIGURES_MAX,
        verbose_name=_("key figures"),
    )

    content_panels = SectionPage.content_panels + [
        FieldPanel(
            "key_figures",
            help_text=_(
                "Up to four figures shown in large type near the top of the home page, each "
                "with what it counts and, if you wish, the page that tells more."
            ),
        ),
        FieldPanel("body"),
        InlinePanel(
            "highlights",
            label=_("Highlight"),
            heading=_("Highlights"),
            max_num=HOME_HIGHLIGHTS_MAX,
            help_text=_("Pages shown as cards at the top of the home page, in this order."),
        ),
    ]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "clermont_intl.MissionPage",
        "news.NewsIndexPage",
        "clermont_intl.ContentPage",
        "clermont_intl.ContactFormPage",
        "clermont_intl.AccessibilityStatementPage",
        "clermont_intl.PrivacyNoticePage",
        "clermont_intl.LegalNoticePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        # It lists the upcoming events and open calls: one that has ended or closed must go
        # without anyone publishing.
        return serve_with_clock(super().serve, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context


class HomeHighlight(Orderable):
    """A page the editors put forward on the home page, with an optional text of their own."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    target = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    text = models.CharField(
        _("text"),
        max_length=250,
        blank=True,
        help_text=_("Shown under the page's title; the page's introduction when empty."),
    )

    panels = [FieldPanel("target"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")


class MissionPage(SectionPage):
    """The Relations internationales mission: what the service does, and its sections."""

    lead = models.CharField(
        _("headline"),
        max_length=250,
        blank=True,
        help_text=_("The key message, shown in large type under the title."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SectionPage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = SectionPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    search_text_fields = ["lead", "intro", "body"]

    parent_page_types = ["clermont_intl.HomePage"]
    subpage_types = [
        "partners.PartnerIndexPage",
        "partners.MichelinNetworkPage",
        "projects.ProjectIndexPage",
        "cied.CiedPage",
        "clermont_intl.ContentPage",
    ]

    class Meta:
        verbose_name = _("mission page")

    def serve(self, request, *args, **kwargs):
        # The domain apps may list what changes with the clock here (the open calls).
        return serve_with_clock(super().serve, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .home import mission_context

        context = super().get_context(request, *args, **kwargs)
        context.update(mission_context(self, request))
        return context


class ContentPage(SectionPage):
    """A plain page of text (legal notice, accessibility statement, a topic of its own)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SectionPage.content_panels + [FieldPanel("body")]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]

    parent_page_types = [
        "clermont_intl.HomePage",
        "clermont_intl.MissionPage",
        "clermont_intl.ContentPage",
        "cied.CiedPage",
    ]
    subpage_types = ["clermont_intl.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class LegalPage(SectionPage):
    """Abstract base of the pages the law asks of a public site: one of each, under the home
    page, linked from every footer rather than from the menu."""

    parent_page_types = ["clermont_intl.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True


def site_contact_page(request):
    """The site's live contact page or None, from the shared cache (no query once cached)."""
    from .templatetags.seo_tags import legal_pages

    return legal_pages(Site.find_for_request(request)).get("contact")


class ConformanceStatus(models.TextChoices):
    """The RGAA's three conformance states, in the words the footer link must use."""

    NON = "non", _("not conforming")
    PARTIAL = "partial", _("partially conforming")
    FULL = "full", _("fully conforming")


class AccessibilityStatementPage(LegalPage):
    """The accessibility statement required by article 47 of law 2005-102, in the RGAA model.

    Editors record the audit; the conformance status is derived from it, never typed: without
    an audit, or under 50 % of the criteria met, the site is "not conforming".
    """

    # The audit
    audit_date = models.DateField(_("date of the audit"), null=True, blank=True)
    auditor = models.CharField(
        _("auditor"), max_length=200, blank=True, help_text=_("Who made the audit.")
    )
    conformance_rate = models.DecimalField(
        _("conformance rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Share of the applicable RGAA criteria met, from the audit's report."),
    )
    audited_pages = models.TextField(
        _("pages audited"), blank=True, help_text=_("One page per line, with its address.")
    )
    test_environment = models.TextField(
        _("test environment"),
        blank=True,
        help_text=_("Browsers and assistive technologies used for the audit, one per line."),
    )
    evaluation_tools = models.TextField(
        _("evaluation tools"), blank=True, help_text=_("Tools used for the audit, one per line.")
    )
    # What is not accessible
    non_accessible_content = RichTextField(
        _("non-conformities"), blank=True, features=STATEMENT_FEATURES
    )
    derogations = RichTextField(
        _("derogations for disproportionate burden"), blank=True, features=STATEMENT_FEATURES
    )
    exempt_content = RichTextField(
        _("content not subject to the obligation"), blank=True, features=STATEMENT_FEATURES
    )
    # The statement itself
    technologies = models.CharField(_("technologies used"), max_length=200, default="HTML5, CSS")
    established_on = models.DateField(
        _("statement made on"),
        null=True,
        blank=True,
        help_text=_("Empty: the date it was last published."),
    )
    multi_year_plan_url = models.URLField(_("multi-year accessibility plan"), blank=True)
    action_plan_url = models.URLField(_("action plan of the year"), blank=True)

    content_panels = SectionPage.content_panels + [
        HelpPanel(
            content=_(
                "The conformance status is computed from the audit: not conforming without an "
                "audit or below 50 %, partially conforming from 50 % to under 100 %, fully "
                "conforming at 100 %. The footer's link shows it."
            )
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("audit_date"),
                        FieldPanel("auditor"),
                        FieldPanel("conformance_rate"),
                    ]
                ),
                FieldPanel("audited_pages"),
                FieldPanel("test_environment"),
                FieldPanel("evaluation_tools"),
            ],
            heading=_("Audit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("non_accessible_content"),
                FieldPanel("derogations"),
                FieldPanel("exempt_content"),
            ],
            heading=_("Non-accessible content"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("technologies"), FieldPanel("established_on")]),
                FieldRowPanel([FieldPanel("multi_year_plan_url"), FieldPanel("action_plan_url")]),
            ],
            heading=_("Statement"),
        ),
    ]
    search_text_fields = ["intro", "non_accessible_content", "derogations", "exempt_content"]

    class Meta:
        verbose_name = _("accessibility statement")

    def clean(self):
        super().clean()
        if self.conformance_rate is not None and not self.audit_date:
            raise ValidationError(
                {"audit_date": _("A conformance rate comes from an audit: give its date.")}
            )

    @property
    def conformance_rate_text(self):
        """The rate as people write it: "72,5" in French, "100" rather than "100.00"."""
        if self.conformance_rate is None:
            return ""
        digits = f"{self.conformance_rate:f}"
        if "." in digits:
            digits = digits.rstrip("0").rstrip(".")
        return number_format(Decimal(digits))

    @property
    def statement_date(self):
        """The date the statement was made: the one typed, else the day it was last published
        (Paris time); None for a statement never published (a preview)."""
        if self.established_on:
            return self.established_on
        if self.last_published_at:
            return timezone.localdate(self.last_published_at)
        return None

    @property
    def conformance_status(self):
        rate = self.conformance_rate
        if not self.audit_date or rate is None or rate < 50:
            return ConformanceStatus.NON
        if rate < 100:
            return ConformanceStatus.PARTIAL
        return ConformanceStatus.FULL

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["status"] = self.conformance_status
        context["contact_page"] = site_contact_page(request)
        context["statement_date"] = self.statement_date
        # The address the public reaches the site at (Settings › Sites, or the configured base
        # URL), never the name this request came with.
        context["site_address"] = root_url(request)
        # A French name in English text is read with French pronunciation (RGAA 8.7).
        context["ombudsman"] = format_html('<span lang="fr">{}</span>', "Défenseur des droits")
        return context


class PrivacyNoticePage(LegalPage):
    """The personal data notice (GDPR articles 13 and 14): who, why, on which basis, for whom.

    The retention period, the rights and the CNIL are written by the template, so that the
    retention stated is the one ``manage.py purge_personal_data`` enforces.
    """

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SectionPage.content_panels + [
        HelpPanel(
            content=_(
                "Write the controller, the purposes, the legal basis and the recipients here. "
                "The page adds the retention period, the rights and how to exercise them."
            )
        ),
        FieldPanel("body"),
    ]
    search_text_fields = ["intro", "body"]

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["retention_days"] = settings.PERSONAL_DATA_RETENTION_DAYS
        context["contact_page"] = site_contact_page(request)
        return context


class LegalNoticePage(LegalPage):
    """The legal notice (mentions légales): publisher, director of publication, host (from the
    contact details settings), intellectual property, credits."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SectionPage.content_panels + [
        HelpPanel(
            content=_(
                "The host is shown from the settings (Settings › Contact details) when it is "
                "filled in there."
            )
        ),
        FieldPanel("body"),
    ]
    search_text_fields = ["intro", "body"]

    class Meta:
        verbose_name = _("legal notice")


class ProtectedFormPage(
    RoutedPageMixin, RolePermissionsMixin, ProtectedFormMixin, AbstractEmailForm
):
    """Abstract base of the site's form pages (the contact page, the project support form):
    their text, the editors' fields, the notification e-mail whose addresses only some editors
    see and whose domains are checked, and one template for the form and one for its landing
    page.

    A page says what differs: where it goes in the tree, and the words of its form and landing
    page (``submit_label``, ``landing_title``, ``default_thank_you_text``, ``landing_links_home``).
    Its form fields are an ``AbstractFormField`` with ``related_name="form_fields"``.
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
        notification_email_panel(),
    ]
    base_form_class = SupportFormPageAdminForm
    search_text_fields = ["intro", "body"]
    objects = PageManager.from_queryset(SectionPageQuerySet)()

    # One template for every form page (Wagtail names one after each model unless it is told).
    form_page_template = "clermont_intl/protected_form_page.html"
    landing_page_template = "clermont_intl/protected_form_page_landing.html"
    # The words that differ from one form to the other.
    submit_label = _("Send the request")
    landing_title = _("Request sent")
    # Shown on the landing page when the editors wrote no confirmation message.
    default_thank_you_text = _(
        "Thank you: your request has been sent to the International relations department."
    )
    # The landing page leads back to the home page rather than to the form's parent page.
    landing_links_home = False

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return self.form_page_template


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactFormPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactFormPage(ProtectedFormPage):
    """The contact page: a form for any question, including an accessibility problem.

    Protected as the project support form is; every message is stored (admin's Forms menu,
    with its exports) before the service is told by e-mail.
    """

    submit_label = _("Send the message")
    landing_title = _("Message sent")
    default_thank_you_text = _(
        "Thank you: your message has been sent to the International relations department."
    )
    landing_links_home = True

    parent_page_types = ["clermont_intl.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")


class PageSearchEntry(models.Model):
    """The text of one page in one language, kept for the per-language site search.

    Wagtail's database search backend keeps one index entry per page with one text search
    configuration; French and English need their own stemming, so each language gets its row.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.TextField()
    # Other names of the page, one a line, found like its title (a partner city's exonyms).
    names = models.TextField(blank=True, default="")
    # Introduction, headline and search description: what presents the page.
    lead = models.TextField(blank=True, default="")
    # The rest of the page's text.
    text = models.TextField()
    # Snowball stems (each word's as written and without accents) of everything, of the title
    # and names, and of those with the lead, for databases without a French text search
    # (SQLite): matching, and ranking the pages named by the query first, then those it
    # presents.
    stems = models.TextField()
    name_stems = models.TextField(blank=True, default="")
    lead_stems = models.TextField(blank=True, default="")
    # On PostgreSQL: title and names (weight A), lead (B) and text (C) parsed with the
    # language's text search configuration and with its copy without accents, kept here and
    # indexed (GIN, migration 0003) so that a search reads the index instead of parsing every
    # page's text again.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="unique_page_language")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
