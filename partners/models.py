"""Partner cities: twin cities, cities of the Michelin network, solidarity cooperation."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Min, Prefetch, prefetch_related_objects
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
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
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname

from clermont_intl.caching.generation import remember
from clermont_intl.caching.privacy import private_paths
from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from clermont_intl.images import alternative, description_candidates
from clermont_intl.models import SectionPage
from clermont_intl.news.models import news_about

from . import opendata
from .constants import MichelinSite, PartnerSort, Relationship
from .forms import PartnerFilterForm
from .worldmap import build_map, great_circle_km

PARTNERS_PER_PAGE = 24
NEIGHBOURS = 3


def marker_label(partner):
    """A map marker's accessible name: "Salford, United Kingdom: Twin city since 1983"."""
    ties = []
    for relationship in partner.relationships.all():
        tie = str(relationship.get_kind_display())
        if relationship.since:
            tie += " " + gettext("since %(year)s") % {"year": relationship.since}
        ties.append(tie)
    return gettext("%(city)s, %(country)s: %(relationships)s") % {
        "city": partner.title,
        "country": partner.country.name,
        "relationships": ", ".join(ties),
    }


def live_partners(index):
    """The live partner pages under index (a partner directory, as any page object) with
    everything a list shows, in a fixed number of queries."""
    return (
        PartnerCityPage.objects.live()
        .public()
        .descendant_of(index)
        .annotate(first_year=Min("relationships__since"))
        .prefetch_related(
            Prefetch("relationships", queryset=PartnerRelationship.objects.order_by("since")),
        )
    )


class PartnerIndexPage(RoutablePageMixin, SectionPage):
    """The directory of partner cities, filterable by relationship and country, with its map,
    its timeline and its open data (CSV, JSON, GeoJSON under the page's address)."""

    parent_page_types = ["clermont_intl.MissionPage"]
    subpage_types = ["partners.PartnerCityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partner cities index")

    def partners(self):
        return live_partners(self)

    def filter_partners(self, data):
        """Apply the citizen's filters: (form, ids of the matching partners in order, ids of
        every public partner). Invalid values are reported by the form and ignored.

        Works on listed_partners(), kept with the tree: the request's private sections (from
        the database) and the filters choose among them, with no query of their own.
        """
        private = private_paths()
        rows = [
            row
            for row in self.listed_partners()
            if not any(row.path.startswith(path) for path in private)
        ]
        visible_ids = [row.pk for row in rows]
        countries = sorted({row.country for row in rows if row.country})
        form = PartnerFilterForm(data, countries=countries)
        form.is_valid()
        cleaned = form.cleaned_data
        if cleaned.get("relationship"):
            rows = [row for row in rows if cleaned["relationship"] in row.kinds]
        if cleaned.get("country"):
            rows = [row for row in rows if row.country == cleaned["country"]]
        # The rows are in title order; a stable sort keeps it among cities of the same year.
        sort = cleaned.get("sort") or PartnerSort.NAME
        if sort == PartnerSort.YEAR:
            rows = sorted(rows, key=lambda row: (row.first_year is None, row.first_year or 0))
        elif sort == PartnerSort.RECENT:
            rows = sorted(rows, key=lambda row: (row.first_year is None, -(row.first_year or 0)))
        return form, [row.pk for row in rows], visible_ids

    def listed_partners(self):
        """Every live partner city below, as PartnerRow, in title order (the database's
        collation), per language: kept until the tree changes (clermont_intl.caching)."""

        def build():
            partners = (
                PartnerCityPage.objects.live()
                .descendant_of(self)
                .annotate(first_year=Min("relationships__since"))
                .prefetch_related("relationships")
                .order_by("title")
            )
            return [
                PartnerRow(
                    pk=partner.pk,
                    path=partner.path,
                    country=str(partner.country or ""),
                    kinds=frozenset(r.kind for r in partner.relationships.all()),
                    first_year=partner.first_year,
                )
                for partner in partners
            ]

        return remember(f"partner-rows:{self.pk}:{translation.get_language()}", build)

    def partners_in_order(self, ids):
        """The partner pages with these ids, in that order, with what a list shows."""
        found = self.partners().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def timeline(self):
        """[(year, [relationship, ...])], oldest first: when each partnership began."""
        relationships = (
            PartnerRelationship.objects.filter(
                since__isnull=False, page__in=self.partners().order_by().values("pk")
            )
            .select_related("page")
            .order_by("since", "page__title")
        )
        years = {}
        for relationship in relationships:
            years.setdefault(relationship.since, []).append(relationship)
        return list(years.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, ids, visible_ids = self.filter_partners(request.GET)
        # The map shows every filtered city, the list one page of them, the timeline every
        # public one. Each is rendered once per list of cities until the tree changes
        # (templatetag treecache, keyed by the ids): the pages themselves are loaded only then.
        paginator = Paginator(ids, PARTNERS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        page_ids = list(page.object_list)
        page.object_list = SimpleLazyObject(lambda: self.partners_in_order(page_ids))
        context.update(
            filter_form=form,
            partners=page,
            paginator=paginator,
            partner_ids=ids,
            page_ids=page_ids,
            visible_ids=visible_ids,
            partner_map=SimpleLazyObject(
                lambda: build_map(self.partners_in_order(ids), request, marker_label)
            ),
            timeline=SimpleLazyObject(self.timeline),
            data_links=self.data_links(request),
            open_data_doc_path=self.reverse_subpage("schema"),
        )
        return context

    # --- Open data: the same filters as the page, in machine-readable formats.

    def data_links(self, request):
        """The export addresses, keeping the citizen's current filters."""
        query = request.GET.copy()
        query.pop("page", None)
        suffix = f"?{query.urlencode()}" if query else ""
        base = self.get_url(request)
        return [
            {"format": name, "url": base + self.reverse_subpage(name) + suffix}
            for name in opendata.FORMATS
        ]

    def serve_data(self, request, export):
        form, ids, _visible = self.filter_partners(request.GET)
        if form.errors:
            return opendata.bad_request(form)
        return export(self.partners_in_order(ids), request)

    @path("open-data/", name="schema")
    def open_data_schema(self, request):
        """The description of the exports and feeds, as a page of the site in its language
        (docs/open-data.md holds the same for developers)."""
        from cied.models import EventIndexPage

        base = self.get_url(request)
        events = EventIndexPage.objects.live().public().first()
        # Not the directory's own context: this page lists no partner. Nor is it the directory's
        # page for the templates: its header, language links and breadcrumbs are its own, and
        # the directory's cached fragments ({% treecache %}, keyed by page) stay the directory's.
        context = {
            "directory": self,
            "trail": [*self.get_ancestors().filter(depth__gt=1), self],
            "open_data_versions": self.open_data_versions(request),
            "request": request,
            "data_urls": {name: base + self.reverse_subpage(name) for name in opendata.FORMATS},
            "feed_urls": events.feed_links(request) if events else None,
            "csv_columns": opendata.CSV_COLUMNS,
            "schema_version": opendata.SCHEMA_VERSION,
            "licence": opendata.LICENCE,
        }
        return TemplateResponse(request, "partners/open_data.html", context)

    def open_data_versions(self, request):
        """The open data page in each language, as the language switcher lists them."""
        versions = []
        for code, name in settings.LANGUAGES:
            with translation.override(code):
                url = self.get_url(request) + self.reverse_subpage("schema")
                native_name = translation.get_language_info(code)["name_local"]
            versions.append(
                {
                    "code": code,
                    "name": str(name),
                    "native_name": native_name,
                    "url": url,
                    "absolute_url": request.build_absolute_uri(url),
                    "current": code == translation.get_language(),
                }
            )
        return versions

    @path("open-data/csv/", name="csv")
    def partners_csv(self, request):
        return self.serve_data(request, opendata.csv_response)

    @path("open-data/json/", name="json")
    def partners_json(self, request):
        return self.serve_data(request, opendata.json_response)

    @path("open-data/geojson/", name="geojson")
    def partners_geojson(self, request):
        return self.serve_data(request, opendata.geojson_response)


@dataclass(frozen=True)
class PartnerRow:
    """What the directory filters and sorts on, for one partner city."""

    pk: int
    path: str
    country: str
    kinds: frozenset
    first_year: int | None


class PartnerCityPage(SectionPage):
    """One partner city: what links it to Clermont-Ferrand, since when, what is done together."""

    country = CountryField(_("country"))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("In decimal degrees, between -90 (south) and 90 (north)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("In decimal degrees, between -180 (west) and 180 (east)."),
    )
    michelin_site = models.CharField(
        _("Michelin site"),
        max_length=30,
        choices=MichelinSite.choices,
        blank=True,
        help_text=_("Leave empty when the city has no Michelin site or it is not known."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h3", *LANGUAGE_FEATURES],
    )
    cooperation_areas = ParentalManyToManyField(
        "clermont_intl.Theme",
        blank=True,
        related_name="partner_cities",
        verbose_name=_("cooperation areas"),
    )
    # Translated: each language has its own usage (Ratisbonne in French, Ratisbon in English).
    alternative_names = models.TextField(
        _("alternative names"),
        blank=True,
        help_text=_(
            "One name per line: the names the city is known by in this language besides its "
            "title (Ratisbonne for Regensburg in French). Only names in common use; search "
            "finds the city by these names in every language."
        ),
    )

    content_panels = SectionPage.content_panels + [
        FieldPanel("alternative_names"),
        HelpPanel(
            content=_(
                "Write the French first; the English can follow. A quotation in another "
                "language is marked with the language buttons (EN, DE, ES…) of the toolbar."
            )
        ),
        FieldPanel("description"),
        FieldPanel("cooperation_areas", widget=forms.CheckboxSelectMultiple),
    ]
    relationship_panels = [
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("relationships", min_num=1, label=_("Relationship")),
                FieldPanel("michelin_site"),
            ],
            heading=_("Relationships with Clermont-Ferrand"),
        ),
    ]
    media_panels = [
        HelpPanel(
            content=_(
                "Each image needs a text alternative in French that says what it shows, "
                "for visitors who cannot see it: the one typed here or, left empty, the image's "
                "description from the library."
            )
        ),
        InlinePanel("gallery_images", label=_("Gallery image")),
        InlinePanel("links", label=_("External link")),
    ]
    # Tabs in the order an editor fills a new city in.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(relationship_panels, heading=_("Location and relationships")),
            ObjectList(media_panels, heading=_("Gallery and links")),
            ObjectList(SectionPage.promote_panels, heading=_("Promote")),
            ObjectList(SectionPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = SectionPage.search_fields + [
        index.SearchField("alternative_names"),
        index.SearchField("description"),
    ]
    search_text_fields = ["intro", "description"]

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")

    def clean(self):
        super().clean()
        if self.latitude is not None and self.longitude is not None:
            if self.latitude == 0 and self.longitude == 0:
                raise ValidationError(
                    {"latitude": _("0, 0 lies in the ocean: give the city's real coordinates.")}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The gallery and the og:image (seo_tags.social_image) share one lookup, made only when
        # one of them is not in the cache.
        context["gallery_images"] = SimpleLazyObject(self.gallery)
        # Looked up only when the page's fragment is not in the cache (templatetag treecache).
        context["projects"] = self.projects.live().public().order_by("title")
        context["neighbours"] = SimpleLazyObject(self.neighbours)
        context["news"] = SimpleLazyObject(lambda: news_about(self))
        return context

    def gallery(self):
        """The gallery with its images and renditions, and the descriptions in every language
        of the images without alternative text in the page's language
        (PartnerGalleryImage.alternative), in three queries."""
        gallery = list(
            self.gallery_images.select_related("image").prefetch_related("image__renditions")
        )
        own = build_localized_fieldname("alt_text", translation.get_language())
        untyped = [item.image for item in gallery if not getattr(item, own)]
        if untyped:
            prefetch_related_objects(untyped, "translated_descriptions")
        return gallery

    def neighbours(self, count=NEIGHBOURS):
        """The nearest other partner cities, by great-circle distance: [(partner, km)]."""
        here = (self.latitude, self.longitude)
        # Coordinates only: building every sibling page to keep three cost more than the page.
        positions = (
            PartnerCityPage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .values_list("pk", "latitude", "longitude")
        )
        nearest = sorted(
            (great_circle_km(here, (latitude, longitude)), pk)
            for pk, latitude, longitude in positions
        )[:count]
        pages = PartnerCityPage.objects.in_bulk([pk for _km, pk in nearest])
        return [(pages[pk], km) for km, pk in nearest]

    def names_in(self, language):
        """The alternative names written for that language (no fallback to French: a name
        has its own usage in each language)."""
        value = getattr(self, build_localized_fieldname("alternative_names", language), "")
        return [name.strip() for name in (value or "").splitlines() if name.strip()]

    @property
    def shown_alternative_names(self):
        """The alternative names of the active language, as the page shows them."""
        return self.names_in(translation.get_language())

    def get_search_names(self):
        """Names that find the city like its title: the active language's first, then the
        other languages' (a reader in English may know Regensburg as Ratisbonne)."""
        active = translation.get_language()
        languages = [active] + [code for code, _name in settings.LANGUAGES if code != active]
        names = []
        for language in languages:
            names.extend(name for name in self.names_in(language) if name not in names)
        return names

    def get_search_extra_text(self):
        """Country and relationships, in the active language, so that citizens find a city by
        "Allemagne" or "ville jumelle"."""
        labels = [r.get_kind_display() for r in self.relationships.all()]
        return " ".join([str(self.country.name), *map(str, labels)])


class PartnerRelationship(Orderable):
    """One tie between the city and Clermont-Ferrand, with the year it began."""

    page = ParentalKey(PartnerCityPage, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(_("relationship"), max_length=30, choices=Relationship.choices)
    since = models.PositiveSmallIntegerField(
        _("since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the relationship began, if known."),
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("since")])]

    class Meta(Orderable.Meta):
        verbose_name = _("relationship")
        constraints = [
            models.UniqueConstraint(fields=["page", "kind"], name="unique_relationship_per_partner")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.since or '?'})"


class PartnerGalleryImage(Orderable):
    """An image of the city's gallery. Its alternative text is the one typed here or, left
    empty, the image's description from the library (clermont_intl.images), in the page's
    language; choosing the image fills the empty fields with it, still editable."""

    page = ParentalKey(PartnerCityPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe what the image shows, for people who cannot see it. Left empty, the "
            "image's description from the library is used."
        ),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    def clean(self):
        super().clean()
        # French is required: typed here, or the image's description (in the default language).
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        name = build_localized_fieldname("alt_text", default)
        image = self.image if self.image_id else None
        if not (getattr(self, name) or "").strip() and not (image and image.description.strip()):
            raise ValidationError(
                {
                    name: _(
                        "Give an alternative text in French, or a French description of the "
                        "image in the library."
                    )
                }
            )

    def alternative(self, passage_language=None):
        """The alternative text on the page: typed for the page's language, the image's
        description in it, then the same in the default language (marked with its lang)."""
        return alternative(self._alternatives(), passage_language)

    def _alternatives(self):
        language = translation.get_language()
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        yield getattr(self, build_localized_fieldname("alt_text", language)), language
        # Read only when the typed text is empty: most gallery images have theirs.
        described = {code: text for text, code in description_candidates(self.image)}
        yield described.get(language, ""), language
        if default != language:
            yield getattr(self, build_localized_fieldname("alt_text", default)), default
            yield described.get(default, ""), default


class PartnerLink(Orderable):
    page = ParentalKey(PartnerCityPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("link text"), max_length=200)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]
