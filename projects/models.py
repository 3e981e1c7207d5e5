"""European and international projects, their funding programmes, and the support request form."""

import logging
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from clermont_intl.blocks import BodyBlock
from clermont_intl.caching.clock import ChangesWithTheClock
from clermont_intl.caching.generation import remember
from clermont_intl.caching.privacy import private_paths, public
from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from clermont_intl.editorial.permissions import RolePermissionsMixin
from clermont_intl.forms import ProtectedFormMixin
from clermont_intl.models import SectionPage
from clermont_intl.news.models import news_about

from .constants import ProjectStatus
from .forms import NOTIFICATION_ADDRESS_PERMISSION, ProjectFilterForm, SupportFormPageAdminForm

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

    def listed_projects(self):
        """Every live project below, as ProjectRow, in title order: kept with the tree
        (remember), since only a publish changes it; which of them are private is decided per
        request (get_context)."""

        def build():
            projects = (
                ProjectPage.objects.live()
                .descendant_of(self)
                .select_related("programme")
                .prefetch_related("themes")
                .order_by("title")
                .only("pk", "path", "title", "status", "programme")
            )
            return [
                ProjectRow(
                    pk=project.pk,
                    path=project.path,
                    status=project.status,
                    programme=project.programme,
                    themes=tuple(project.themes.all()),
                )
                for project in projects
            ]

        # Titles, and so the order, are per language.
        return remember(f"project-rows:{self.pk}:{translation.get_language()}", build)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        private = private_paths()
        rows = [
            row
            for row in self.listed_projects()
            if not any(row.path.startswith(path) for path in private)
        ]
        # The filters offer what the listed projects use.
        programmes = sorted({row.programme for row in rows if row.programme}, key=str)
        themes = sorted({t for row in rows for t in row.themes}, key=lambda t: t.name)
        form = ProjectFilterForm(request.GET, programmes=programmes, themes=themes)
        project_ids = [row.pk for row in form.filter(rows)]
        context["filter_form"] = form
        # How many projects the filters choose from: none, no filters.
        context["listed_count"] = len(rows)
        # The cards are rendered once per list of ids until the tree changes ({% treecache %}):
        # the projects themselves are loaded only to render them.
        context["project_ids"] = project_ids
        context["projects"] = SimpleLazyObject(
            lambda: in_order(
                ProjectPage.objects.select_related("programme").prefetch_related("themes"),
                project_ids,
            )
        )
        # Looked up only when its callout is not in the cache (treecache "support-callout").
        context["support_form_page"] = SimpleLazyObject(
            lambda: public(ProjectSupportFormPage.objects.live().child_of(self)).first()
        )
        context["open_calls"] = current_calls(self)["open"]
        context["call_index"] = SimpleLazyObject(
            lambda: CallIndexPage.objects.live().public().child_of(self).first()
        )
        return context


@dataclass(frozen=True)
class ProjectRow:
    """What the project index filters on, for one project."""

    pk: int
    path: str
    status: str
    programme: "Programme | None"
    themes: tuple

    @property
    def programme_id(self):
        return self.programme.pk if self.programme else None

    @property
    def theme_slugs(self):
        return {theme.slug for theme in self.themes}


def in_order(pages, ids):
    """The pages of the queryset with these ids, in the order of ids."""
    found = pages.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


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
        # Both looked up only when their fragment is not in the cache (templatetag treecache).
        context["partner_cities"] = SimpleLazyObject(
            lambda: list(self.partner_cities.live().public().order_by("title"))
        )
        context["news"] = SimpleLazyObject(lambda: news_about(self))
        return context


class ProjectSupportFormField(AbstractFormField):
    page = ParentalKey(
        "ProjectSupportFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ProjectSupportFormPage(RolePermissionsMixin, ProtectedFormMixin, AbstractEmailForm):
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
                FieldRowPanel(
                    [
                        FieldPanel("from_address", permission=NOTIFICATION_ADDRESS_PERMISSION),
                        FieldPanel("to_address", permission=NOTIFICATION_ADDRESS_PERMISSION),
                    ]
                ),
                FieldPanel("subject"),
            ],
            heading=_("Notification e-mail"),
        ),
    ]
    base_form_class = SupportFormPageAdminForm
    search_text_fields = ["intro", "body"]

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
