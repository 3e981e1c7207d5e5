"""Partner cities: twin cities, friendship and cooperation agreements, cities of the Michelin
network, solidarity cooperation."""

import math

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import (
    Count,
    F,
    FloatField,
    Min,
    Prefetch,
    Q,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Cos, Power, Radians, Sin
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
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
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname

from clermont_intl.blocks import BodyBlock
from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from clermont_intl.images import alternative, description_candidates
from clermont_intl.images.models import (
    ALT_TEXT_OR_DESCRIPTION_HELP,
    ImageWithAltText,
    alt_text_field,
    image_field,
    require_french_alt_text,
)
from clermont_intl.models import SectionPage
from clermont_intl.news.models import news_about
from clermont_intl.opendata import LICENCE, open_data_context

from . import opendata
from .constants import WIKIDATA_ID_PATTERN, MichelinSite, PartnerSort, Relationship
from .forms import PartnerFilterForm
from .worldmap import build_map, great_circle_km

# The relationships in their order of closeness (Relationship's order).
KIND_ORDER = {kind: position for position, kind in enumerate(Relationship.values)}
PARTNERS_PER_PAGE = 24
NEIGHBOURS = 3
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"


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
    """The live, public partner pages under index (a partner directory, as any page object)
    with everything a card or the map shows: the first year of their relationships and the
    relationships themselves (one more query when the list is read)."""
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

    lists_children = True
    parent_page_types = ["clermont_intl.MissionPage"]
    subpage_types = ["partners.PartnerCityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partner cities index")

    def partners(self):
        return live_partners(self)

    def filter_partners(self, data):
        """Apply the citizen's filters: (form, the matching partners in order, how many they
        are, how many there are without the filters). Invalid values are reported by the form
        and ignored. The partners are read when the list is; the countries the filter offers and
        the counts come from one query."""
        partners = self.partners()
        relationship = data.get("relationship")
        if relationship not in Relationship.values:
            relationship = None
        rows = (
            partners.order_by("country")
            .values_list("country")
            .annotate(
                matching=Count(
                    "pk",
                    filter=Q(relationships__kind=relationship) if relationship else None,
                    distinct=True,
                ),
                listed=Count("pk", distinct=True),
            )
        )
        per_country = {country: matching for country, matching, _listed in rows}
        listed = sum(count for _country, _matching, count in rows)
        form = PartnerFilterForm(data, countries=[code for code in per_country if code])
        form.is_valid()
        cleaned = form.cleaned_data
        if cleaned.get("relationship"):
            partners = partners.filter(relationships__kind=cleaned["relationship"])
        if cleaned.get("country"):
            partners = partners.filter(country=cleaned["country"])
            count = per_country[cleaned["country"]]
        else:
            count = sum(per_country.values())
        sort = cleaned.get("sort") or PartnerSort.NAME
        # The title in the page's language (modeltranslation), then the id, for a stable order.
        if sort == PartnerSort.YEAR:
            partners = partners.order_by(F("first_year").asc(nulls_last=True), "title", "pk")
        elif sort == PartnerSort.RECENT:
            partners = partners.order_by(F("first_year").desc(nulls_last=True), "title", "pk")
        else:
            partners = partners.order_by("title", "pk")
        return form, partners, count, listed

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
        form, partners, count, listed = self.filter_partners(request.GET)
        # The map shows every filtered city, the list one page of them, the timeline every
        # public one: each is read only when its fragment is rendered (the template caches
        # them per filters, {% wagtailcache %}).
        paginator = Paginator(partners, PARTNERS_PER_PAGE)
        paginator.count = count  # Paginator's own would count again
        context.update(
            filter_form=form,
            # The filters the fragments depend on: valid choices only, never what was typed.
            filter_values=sorted(form.cleaned_data.items()),
            partners=paginator.get_page(request.GET.get("page")),
            paginator=paginator,
            # Without any city, no filter form: there is nothing to choose from.
            listed_partners=listed,
            partner_map=SimpleLazyObject(lambda: build_map(partners, request, marker_label)),
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
        form, partners, _count, _listed = self.filter_partners(request.GET)
        if form.errors:
            return opendata.bad_request(form)
        return export(partners, request)

    @path("open-data/", name="schema")
    def open_data_schema(self, request):
        """The description of the exports and feeds, as a page of the site in its language
        (docs/open-data.md holds the same for developers)."""
        base = self.get_url(request)
        # Not the directory's own context: this page lists no partner. Nor is it the directory's
        # page for the templates: its header, language links and breadcrumbs are its own.
        context = {
            "directory": self,
            "trail": [*self.get_ancestors().filter(depth__gt=1), self],
            "open_data_versions": self.open_data_versions(request),
            "request": request,
            "data_urls": {name: base + self.reverse_subpage(name) for name in opendata.FORMATS},
            "csv_columns": opendata.CSV_COLUMNS,
            "since_columns": [c for c in opendata.CSV_COLUMNS if c.endswith("_since")],
            "relationship_kinds": Relationship.values,
            "schema_version": opendata.SCHEMA_VERSION,
            "licence": LICENCE,
        }
        # The other apps' feeds and data described on this page (the CIED's events).
        context.update(open_data_context(self, request))
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
    # Where to learn more: the city's own site, its Wikidata item, the local association.
    official_website = models.URLField(
        _("official website"),
        blank=True,
        help_text=_("The partner city's own website (its town hall), if it has one."),
    )
    wikidata_id = models.CharField(
        _("Wikidata identifier"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                WIKIDATA_ID_PATTERN,
                _("A Wikidata identifier is a Q followed by digits, e.g. Q79869."),
            )
        ],
        help_text=_(
            "The city's item on Wikidata (Q followed by digits, e.g. Q79869 for Salford), "
            "checked on wikidata.org. Leave empty if not sure."
        ),
    )
    twinning_committee = models.ForeignKey(
        "partners.TwinningCommittee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_cities",
        verbose_name=_("twinning committee or association"),
        help_text=_(
            "The local association that runs the exchanges with this city, if there is one "
            "(managed in the Vocabularies menu)."
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
        MultiFieldPanel(
            [
                FieldPanel("twinning_committee"),
                FieldPanel("official_website"),
                FieldPanel("wikidata_id"),
            ],
            heading=_("Committee and references"),
        ),
    ]
    history_panels = [
        HelpPanel(
            content=_(
                "The main dates of the partnership, one entry per event (a twinning, a "
                "visit, an agreement). Visitors see them ordered by year."
            )
        ),
        InlinePanel("history_entries", label=_("History entry")),
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
            ObjectList(history_panels, heading=_("History")),
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
        if self.wikidata_id:
            others = PartnerCityPage.objects.filter(wikidata_id=self.wikidata_id)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"wikidata_id": _("Another partner city already has this Wikidata identifier.")}
                )

    @property
    def wikidata_url(self):
        return WIKIDATA_URL.format(self.wikidata_id) if self.wikidata_id else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        gallery, history = self.gallery(), self.history()
        # The renditions of both lists' images in one query.
        images = [item.image for item in (*gallery, *history) if item.image_id]
        prefetch_related_objects(images, "renditions")
        # A list: the gallery and the og:image (seo_tags.social_image) share one lookup.
        context["gallery_images"] = gallery
        context["history"] = history
        context["twinning_committee"] = self.twinning_committee
        return context

    def gallery(self):
        """The gallery with its images, and the descriptions in every language of the images
        without alternative text in the page's language (PartnerGalleryImage.alternative)."""
        gallery = list(self.gallery_images.select_related("image"))
        own = build_localized_fieldname("alt_text", translation.get_language())
        untyped = [item.image for item in gallery if not getattr(item, own)]
        if untyped:
            prefetch_related_objects(untyped, "translated_descriptions")
        return gallery

    def history(self):
        """The history entries, oldest first, with their images."""
        return list(self.history_entries.order_by("year", "sort_order").select_related("image"))

    # What the page links to among the other pages, read when its fragment is rendered: the
    # template caches these card lists until a change is published.

    def live_projects(self):
        return self.projects.live().public().order_by("title")

    def news(self):
        return news_about(self)

    def neighbours(self, count=NEIGHBOURS):
        """The nearest other partner cities, by great-circle distance: [(partner, km)]."""
        # Ordered by the haversine's h in the database (h grows with the distance): the three
        # nearest pages in one query, without building every sibling page.
        latitude, longitude = math.radians(self.latitude), math.radians(self.longitude)

        def radians(name):
            return Radians(Cast(name, FloatField()))

        def half_sine_squared(name, value):
            return Power(Sin((radians(name) - Value(value)) / Value(2.0)), Value(2))

        h = half_sine_squared("latitude", latitude) + Value(math.cos(latitude)) * Cos(
            radians("latitude")
        ) * half_sine_squared("longitude", longitude)
        nearest = (
            PartnerCityPage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .annotate(h=h)
            .order_by("h", "pk")[:count]
        )
        here = (self.latitude, self.longitude)
        return [(page, great_circle_km(here, (page.latitude, page.longitude))) for page in nearest]

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
    image = image_field(required=True)
    alt_text = alt_text_field(help_text=ALT_TEXT_OR_DESCRIPTION_HELP)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    def clean(self):
        super().clean()
        # French is required: typed here, or the image's description (in the default language).
        require_french_alt_text(
            self,
            "alt_text",
            _(
                "Give an alternative text in French, or a French description of the image in "
                "the library."
            ),
            description_stands_in=True,
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


class PartnerHistoryEntry(ImageWithAltText, Orderable):
    """A dated step in the history of a partnership: a twinning, a visit, an agreement."""

    page = ParentalKey(PartnerCityPage, on_delete=models.CASCADE, related_name="history_entries")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt_text")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")

    def __str__(self):
        return f"{self.year} — {self.title}"


class TwinningCommittee(index.Indexed, models.Model):
    """The local twinning committee or association of one or more partner cities, managed by
    editors as a snippet and chosen on each partner city's page."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences on what the association does."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("address"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("twinning committee")
        verbose_name_plural = _("twinning committees")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def phone_uri(self):
        """tel: address of the phone number (digits and a leading +)."""
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


class MichelinNetworkPage(SectionPage):
    """The International Network of Michelin Cities (Réseau International des Villes Michelin):
    what it is and does, and which of its cities the partner directory presents, their other
    ties marked (twin city, agreements), with an honest count beside the network's own size."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    network_size = models.PositiveSmallIntegerField(
        _("cities in the network (more than)"),
        null=True,
        blank=True,
        help_text=_(
            "How many cities the network counts, as the service states it: 40 for “more "
            "than forty”. Left empty, the page gives no total."
        ),
    )
    official_website = models.URLField(
        _("official website of the network"),
        blank=True,
        help_text=_("Only an address checked on the network's own pages."),
    )

    content_panels = SectionPage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The page lists by itself the partner cities whose relationships "
                        "include the Michelin cities network, with their other ties (twin "
                        "city, friendship or cooperation agreement…)."
                    )
                ),
                FieldRowPanel([FieldPanel("network_size"), FieldPanel("official_website")]),
            ],
            heading=_("The network"),
        ),
    ]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]

    parent_page_types = ["clermont_intl.MissionPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Michelin cities network page")

    def network_cities(self):
        """The live, public partner cities of the network in this part of the site (the
        mission page's), in title order, with their relationships: two queries."""
        section = self.path[: -self.steplen]
        return list(
            PartnerCityPage.objects.live()
            .public()
            .filter(path__startswith=section, relationships__kind=Relationship.MICHELIN_NETWORK)
            .distinct()
            .order_by("title")
            .prefetch_related(
                Prefetch("relationships", queryset=PartnerRelationship.objects.order_by("since"))
            )
        )

    def count_sentence(self, count):
        """How many of the network's cities the site presents, said honestly."""
        if not count:
            return gettext("No city of the network is presented here yet.")
        if self.network_size:
            return ngettext(
                "%(count)s of the network's more than %(size)s cities is presented here.",
                "%(count)s of the network's more than %(size)s cities are presented here.",
                count,
            ) % {"count": count, "size": self.network_size}
        return ngettext(
            "%(count)s city of the network is presented here.",
            "%(count)s cities of the network are presented here.",
            count,
        ) % {"count": count}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cities = []
        for city in self.network_cities():
            relationships = sorted(city.relationships.all(), key=lambda r: KIND_ORDER[r.kind])
            network = [r for r in relationships if r.kind == Relationship.MICHELIN_NETWORK]
            cities.append(
                {
                    "page": city,
                    # Its other ties with Clermont-Ferrand, the closest first: a twin city, an
                    # agreement…
                    "ties": [r for r in relationships if r.kind != Relationship.MICHELIN_NETWORK],
                    "network": network[0] if network else None,
                }
            )
        context["cities"] = cities
        context["count_sentence"] = self.count_sentence(len(cities))
        context["directory"] = (
            PartnerIndexPage.objects.live()
            .public()
            .filter(path__startswith=self.path[: -self.steplen])
            .first()
        )
        return context
