"""Site-wide pages, taxonomy and settings of the Relations internationales section."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from .blocks import BodyBlock
from .private_sections import SectionPageQuerySet, public, view_restrictions
from .tree_cache import remember


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
    """How citizens reach the Relations internationales service (shown in every page's footer)."""

    service_name = models.CharField(
        _("service name"), max_length=200, default="Pôle des Relations internationales"
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    panels = [
        FieldPanel("service_name"),
        FieldPanel("address"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
    ]

    class Meta:
        verbose_name = _("contact details")

    @classmethod
    def for_site(cls, site):
        # Every page's footer shows them: from the shared cache until they are saved again.
        return remember(
            f"contact-settings:{getattr(site, 'pk', None)}",
            lambda: super(ContactSettings, cls).for_site(site),
        )


class SectionPage(Page):
    """Abstract base of every page: an introduction that also serves as the page's teaser."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown at the top of the page and in lists."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    # Fields whose text is indexed for the per-language site search (see clermont_intl.search).
    search_text_fields = ["intro"]

    objects = PageManager.from_queryset(SectionPageQuerySet)()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        return view_restrictions(super().get_view_restrictions)

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
        return public(self.get_children().live()).specific()


class HomePage(SectionPage):
    """The root of the site: welcomes visitors and leads to the section's pages."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = SectionPage.content_panels + [FieldPanel("body")]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["clermont_intl.MissionPage", "clermont_intl.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


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
        "projects.ProjectIndexPage",
        "cied.CiedPage",
        "clermont_intl.ContentPage",
    ]

    class Meta:
        verbose_name = _("mission page")


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


class PageSearchEntry(models.Model):
    """The text of one page in one language, kept for the per-language site search.

    Wagtail's database search backend keeps one index entry per page with one text search
    configuration; French and English need their own stemming, so each language gets its row.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.TextField()
    text = models.TextField()
    # Snowball stems of title and text, for databases without a French text search (SQLite).
    stems = models.TextField()
    # On PostgreSQL: title (weight A) and text (weight B) parsed with the language's text search
    # configuration, kept here and indexed (GIN, migration 0003) so that a search reads the
    # index instead of parsing every page's text again.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="unique_page_language")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
