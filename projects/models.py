"""European and international projects, their funding programmes, and the support request form."""

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.fields import StreamField
from wagtail.search import index

from clermont_intl.blocks import BodyBlock
from clermont_intl.caching.clock import ChangesWithTheClock
from clermont_intl.models import ProtectedFormPage, SectionPage, Theme
from clermont_intl.news.models import news_about

from .constants import ProjectStatus
from .forms import ProjectFilterForm

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


class ProjectIndexPage(ChangesWithTheClock, SectionPage):
    """The list of the section's European and international projects, and the open calls for
    projects (which change with the clock)."""

    lists_children = True
    parent_page_types = ["clermont_intl.MissionPage"]
    subpage_types = [
        "projects.ProjectPage",
        "projects.ProjectSupportFormPage",
        "projects.CallIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("projects index")

    def projects(self):
        """The live, public projects below, in title order, with what their cards show."""
        return (
            ProjectPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("programme")
            .prefetch_related("themes")
            .order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = self.projects()
        # The filters offer what the listed projects use.
        listed = projects.order_by().values("pk")
        programmes = Programme.objects.filter(projects__in=listed).distinct()
        themes = Theme.objects.filter(projects__in=listed).distinct()
        form = ProjectFilterForm(request.GET, programmes=programmes, themes=themes)
        context["filter_form"] = form
        context["projects"] = form.filter(projects)
        context["project_count"] = context["projects"].count()
        # How many projects the filters choose from: none, no filters.
        filtered = any(form.cleaned_data.values())
        context["listed_count"] = projects.count() if filtered else context["project_count"]
        # The filters the cards' fragment depends on: valid choices only, never what was typed.
        context["filter_values"] = sorted(form.cleaned_data.items())
        context["support_form_page"] = (
            ProjectSupportFormPage.objects.live().public().child_of(self).first()
        )
        context["open_calls"] = current_calls(self)["open"]
        context["call_index"] = CallIndexPage.objects.live().public().child_of(self).first()
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
        context["news"] = news_about(self)
        return context


class ProjectSupportFormField(AbstractFormField):
    page = ParentalKey(
        "ProjectSupportFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ProjectSupportFormPage(ProtectedFormPage):
    """The request form for local associations that want help to build an international project.

    Every submission is stored (see the admin's Forms menu) and notified to the service by e-mail.
    """

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("project support request form")


# The calls for projects live in their own module; imported here so that Django finds them.
from .calls import (  # noqa: E402, F401
    CallDocument,
    CallForProjectsPage,
    CallIndexPage,
    current_calls,
)
