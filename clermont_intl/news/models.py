"""News of the Relations internationales service: an index under the home page, one page per
news item, tagged with the partner cities and projects it is about and with themes."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from ..blocks import BodyBlock
from ..images.models import ImageWithAltText, alt_text_field
from ..models import SectionPage, SectionPageQuerySet, Theme, all_pages
from . import feeds
from .forms import NewsFilterForm

NEWS_PER_PAGE = 10
# How many news a partner city or project page lists, newest first.
NEWS_ABOUT_A_PAGE = 5
# The pages a news item can be tagged with, as "app.Model" strings: the core names the domain
# apps' page types without importing them.
TAGGABLE_PAGE_TYPES = ["partners.PartnerCityPage", "projects.ProjectPage"]


class NewsIndexPage(RoutablePageMixin, SectionPage):
    """The service's news, newest first, filterable by theme, with RSS and Atom feeds of the
    same list under the page's address (rss/, atom/)."""

    lists_children = True
    parent_page_types = ["clermont_intl.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return NewsPage.objects.live().public().child_of(self).newest_first()

    def filter_form(self, data):
        return NewsFilterForm(data, themes=Theme.objects.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = self.filter_form(request.GET)
        form.is_valid()
        news = form.filter(self.news()).select_related("image")
        news = news.prefetch_related("image__renditions")
        news_list = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        theme = form.cleaned_data.get("theme")
        context.update(
            news_list=news_list,
            filter_form=form,
            # News to choose from, whatever the theme: without any, no filter form.
            has_news=bool(news_list.paginator.count) or (bool(theme) and self.news().exists()),
            feed_links=self.feed_links(request),
        )
        return context

    def feed_links(self, request):
        """The feeds' addresses, keeping the current theme filter."""
        query = request.GET.copy()
        query.pop("page", None)
        suffix = f"?{query.urlencode()}" if query else ""
        base = self.get_url(request)
        return {name: base + self.reverse_subpage(name) + suffix for name in ("rss", "atom")}

    def news_for_feed(self, request):
        """(filtered news, None) or (None, a 400 response listing the bad filters)."""
        form = self.filter_form(request.GET)
        if not form.is_valid():
            lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
            message = gettext("Invalid parameters:") + "\n" + "\n".join(lines) + "\n"
            return None, HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return form.filter(self.news()).prefetch_related("themes"), None

    @path("rss/", name="rss")
    def rss_feed(self, request):
        news, error = self.news_for_feed(request)
        return error or feeds.NewsRssFeed(self, news)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        news, error = self.news_for_feed(request)
        return error or feeds.NewsAtomFeed(self, news)(request)


class NewsQuerySet(SectionPageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")


class NewsPage(ImageWithAltText, SectionPage):
    """One news item: a date, a lead (the introduction), a body, an image, and what it is about
    (partner cities, projects, themes), which those pages list in return."""

    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Shown on the news and used to order them, newest first."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image_alt_text = alt_text_field(_("alternative text of the image"))
    themes = ParentalManyToManyField(
        "clermont_intl.Theme", blank=True, related_name="news", verbose_name=_("themes")
    )

    missing_alt_text_message = _("Describe the image in French for visitors who cannot see it.")

    objects = PageManager.from_queryset(NewsQuerySet)()

    content_panels = [
        *SectionPage.content_panels[:-1],
        # The introduction of every page is the news' lead (chapô); wagtail-modeltranslation
        # makes a panel per language and keeps the heading of the group only.
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The chapô: one or two sentences that sum the news up, shown in large "
                        "type under the title, in the lists and in the feeds."
                    )
                ),
                FieldPanel("intro"),
            ],
            heading=_("Lead"),
        ),
        FieldPanel("date"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The image needs a text alternative in French that says what it shows, "
                        "for visitors who cannot see it."
                    )
                ),
                FieldPanel("image"),
                FieldPanel("image_alt_text"),
            ],
            heading=_("Image"),
        ),
    ]
    tag_panels = [
        HelpPanel(
            content=_(
                "The news is listed on the page of each partner city and project chosen here, "
                "and under each theme in the news filter."
            )
        ),
        InlinePanel("related_pages", label=_("Partner city or project")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(tag_panels, heading=_("What it is about")),
            ObjectList(SectionPage.promote_panels, heading=_("Promote")),
            ObjectList(SectionPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = SectionPage.search_fields + [index.SearchField("body")]
    search_text_fields = ["intro", "body"]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [models.Index(fields=["date"])]

    @property
    def lead(self):
        """The chapô is the page's introduction (SectionPage.intro), as for every page."""
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.related_live_pages()
        return context

    def related_live_pages(self):
        """The live, public partner cities and projects the news is about, in the editor's
        order, each with its own fields (one query for the links, one per page type)."""
        ids = [item.target_id for item in self.related_pages.all()]
        pages = all_pages().filter(pk__in=ids).live().public().specific()
        found = {page.pk: page for page in pages}
        return [found[pk] for pk in ids if pk in found]


class NewsRelatedPage(Orderable):
    """A partner city or project a news item is about: the news is listed on its page."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner city or project"),
    )

    panels = [PageChooserPanel("target", page_type=TAGGABLE_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("partner city or project")
        verbose_name_plural = _("partner cities and projects")

    def clean(self):
        super().clean()
        if self.target_id and self.target.specific_class._meta.label not in TAGGABLE_PAGE_TYPES:
            raise ValidationError({"target": _("Choose a partner city or a project.")})


def latest_news(root, count):
    """The count newest live, public news of the site under root: one query."""
    return list(NewsPage.objects.live().public().descendant_of(root).newest_first()[:count])


def news_about(page, count=NEWS_ABOUT_A_PAGE):
    """The newest live, public news tagged with page (a partner city or a project), newest
    first: one query, whatever the number of news."""
    tagged = NewsRelatedPage.objects.filter(target_id=page.pk).values("page_id")
    return list(NewsPage.objects.live().public().filter(pk__in=tagged).newest_first()[:count])
