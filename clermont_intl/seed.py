"""Builds the Relations internationales section from clermont_intl.seed_content.

Rerunnable: what already exists (found by its French slug or identifier) is left as editors
made it, and the report says so.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from wagtail.models import Page, Site

from cied.models import CiedPage, EventIndexPage
from partners.constants import Relationship
from partners.models import PartnerCityPage, PartnerIndexPage, PartnerRelationship
from projects.models import (
    Programme,
    ProjectIndexPage,
    ProjectPage,
    ProjectSupportFormField,
    ProjectSupportFormPage,
)

from . import seed_content as content
from .models import ContactSettings, ContentPage, HomePage, MissionPage, Theme


@dataclass
class Report:
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)

    def lines(self):
        if not self.created:
            yield f"Nothing to do: all {len(self.existing)} items of the seed content exist."
            return
        yield f"Created {len(self.created)} items:"
        yield from (f"  + {item}" for item in self.created)
        if self.existing:
            yield f"Left {len(self.existing)} existing items as they are."


def _stream(blocks, links):
    """StreamField data from (type, value) pairs; "{key}" placeholders become page links."""
    data = []
    for block_type, value in blocks:
        if block_type == "heading":
            value = {"text": value, "level": "h2"}
        elif block_type == "paragraph":
            value = value.format(**{k: _link(p) for k, p in links.items()})
        elif block_type == "call_to_action":
            value = {
                "label": value["label"],
                "page": links[value["page"].strip("{}")].pk,
                "url": "",
            }
        data.append({"type": block_type, "value": value})
    return data


def _link(page):
    return f'<a linktype="page" id="{page.pk}">{page.title}</a>'


class SeedLoader:
    def __init__(self):
        self.report = Report()

    def run(self):
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            self._prepare_tree()
            self.themes = self._themes()
            self.programmes = self._programmes()
            home = self._home()
            mission, mission_created = self._page(home, MissionPage, content.MISSION)
            partners = self._partners(mission)
            projects_index, project_pages, support = self._projects(mission, partners)
            cied = self._cied(mission)
            if mission_created:
                links = {"partners": partners, "cied": cied, "support": support, **project_pages}
                mission.body_fr = _stream(content.MISSION_BODY_FR, links)
                with translation.override("en"):
                    mission.body_en = _stream(content.MISSION_BODY_EN, links)
                mission.save_revision().publish()
            self._contact_settings(home)
            self._accessibility_statement(home)
        return self.report

    # The tree -----------------------------------------------------------------------------

    def _prepare_tree(self):
        """Fill the translated columns of pages made by migrations (root, Wagtail's welcome)."""
        root = Page.get_first_root_node()
        if root.url_path_fr is None or root.title_fr is None:
            call_command("update_translation_fields", verbosity=0)
            call_command("set_translation_url_paths")
        # The tree's root is shown in the admin's explorer: named in each language rather than
        # Wagtail's "Root".
        if Page.objects.filter(pk=root.pk, title_fr="Root").exists():
            Page.objects.filter(pk=root.pk).update(
                title="Racine du site", title_fr="Racine du site", title_en="Site root",
                draft_title="Racine du site",
            )  # fmt: skip
            self.report.created.append("root page title: Racine du site")

    def _page(self, parent, model, fields, **extra):
        existing = model.objects.child_of(parent).filter(slug_fr=fields["slug_fr"]).first()
        if existing:
            self.report.existing.append(f"{model._meta.verbose_name}: {existing.title}")
            return existing, False
        # Sections of the home and mission pages make the site's menu, unless told otherwise.
        in_menu = extra.pop("show_in_menus", isinstance(parent, (HomePage, MissionPage)))
        page = model(
            title=fields["title_fr"],
            slug=fields["slug_fr"],
            show_in_menus=in_menu,
            **fields,
            **extra,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.created.append(f"{model._meta.verbose_name}: {page.title}")
        return page, True

    def _home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).first()
        if home:
            self.report.existing.append(f"{HomePage._meta.verbose_name}: {home.title}")
            return home
        # Wagtail's "Welcome" placeholder holds the slug and the site: replace it.
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page.specific if site else None
        if placeholder and type(placeholder) is Page and not placeholder.get_children().exists():
            # Frees the slug "home" for the new home page; the placeholder goes once replaced.
            Page.objects.filter(pk=placeholder.pk).update(
                slug="wagtail-welcome", slug_fr="wagtail-welcome", slug_en="wagtail-welcome"
            )
        else:
            placeholder = None
        home, _ = self._page(root, HomePage, content.HOME)
        if site:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        if placeholder:
            placeholder.delete()
        return home

    # Vocabularies -------------------------------------------------------------------------

    def _themes(self):
        themes = {}
        for slug, name_fr, name_en in content.THEMES:
            theme, created = Theme.objects.get_or_create(
                slug=slug, defaults={"name_fr": name_fr, "name_en": name_en, "name": name_fr}
            )
            (self.report.created if created else self.report.existing).append(f"theme: {name_fr}")
            themes[slug] = theme
        return themes

    def _programmes(self):
        programmes = {}
        for item in content.PROGRAMMES:
            programme = Programme.objects.filter(name_fr=item["name_fr"]).first()
            if programme:
                self.report.existing.append(f"programme: {programme.name}")
            else:
                programme = Programme.objects.create(
                    name=item["name_fr"],
                    name_fr=item["name_fr"],
                    name_en=item["name_en"],
                    acronym=item["acronym"],
                )
                self.report.created.append(f"programme: {programme.name}")
            programmes[item["key"]] = programme
        return programmes

    # Sections -----------------------------------------------------------------------------

    def _partners(self, mission):
        index, _ = self._page(mission, PartnerIndexPage, content.PARTNER_INDEX)
        twin_areas = [self.themes[slug] for slug in content.TWIN_CITY_AREAS]
        for name, country, since, lat, lon, country_fr, country_en in content.TWIN_CITIES:
            self._partner(
                index,
                name,
                country,
                lat,
                lon,
                relationships=[
                    (Relationship.TWIN_CITY, since),
                    (Relationship.MICHELIN_NETWORK, content.MICHELIN_NETWORK_SINCE),
                ],
                areas=twin_areas,
                texts=content.twin_city_texts(name, since, country_fr, country_en),
            )
        oyem = content.OYEM
        self._partner(
            index,
            oyem["name"],
            oyem["country"],
            oyem["latitude"],
            oyem["longitude"],
            relationships=[(Relationship.SOLIDARITY, oyem["solidarity_since"])],
            areas=[],
            texts={k: v for k, v in oyem.items() if k.endswith(("_fr", "_en"))},
        )
        return index

    def _partner(self, index, name, country, lat, lon, relationships, areas, texts):
        slug = name.lower()
        fields = {"title_fr": name, "title_en": name, "slug_fr": slug, "slug_en": slug, **texts}
        page = PartnerCityPage(
            country=country,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            relationships=[PartnerRelationship(kind=k, since=y) for k, y in relationships],
        )
        existing = PartnerCityPage.objects.child_of(index).filter(slug_fr=slug).first()
        if existing:
            self.report.existing.append(f"{PartnerCityPage._meta.verbose_name}: {name}")
            return existing
        for key, value in fields.items():
            setattr(page, key, value)
        page.title, page.slug = name, slug
        page.cooperation_areas = areas
        index.add_child(instance=page)
        page.save_revision().publish()
        self.report.created.append(f"{PartnerCityPage._meta.verbose_name}: {name}")
        return page

    def _projects(self, mission, partners_index):
        index, _ = self._page(mission, ProjectIndexPage, content.PROJECT_INDEX)
        pages = {}
        for item in content.PROJECTS:
            fields = {k: v for k, v in item.items() if k.endswith(("_fr", "_en"))}
            page, created = self._page(
                index, ProjectPage, fields, programme=self.programmes[item["programme"]]
            )
            if created:
                page.themes = [self.themes[slug] for slug in item["themes"]]
                page.save_revision().publish()
            pages[item["key"]] = page
        form_fields = [
            ProjectSupportFormField(
                clean_name=name,
                field_type=kind,
                required=required,
                label=label_fr,
                label_fr=label_fr,
                label_en=label_en,
                choices=choices_fr,
                choices_fr=choices_fr,
                choices_en=choices_en,
            )
            for name, kind, required, label_fr, label_en, choices_fr, choices_en in (
                content.SUPPORT_FORM_FIELDS
            )
        ]
        support, _ = self._page(
            index,
            ProjectSupportFormPage,
            content.SUPPORT_FORM,
            to_address=settings.SERVICE_EMAIL,
            from_address=settings.DEFAULT_FROM_EMAIL,
            form_fields=form_fields,
        )
        return index, pages, support

    def _cied(self, mission):
        fields = {k: v for k, v in content.CIED.items() if not k.startswith("body")}
        cied, created = self._page(mission, CiedPage, fields)
        if created:
            cied.body_fr = _stream(content.CIED["body_fr"], {})
            cied.body_en = _stream(content.CIED["body_en"], {})
            cied.save_revision().publish()
        self._page(cied, EventIndexPage, content.EVENT_INDEX)
        return cied

    def _contact_settings(self, home):
        site = Site.objects.get(root_page=home)
        if ContactSettings.objects.filter(site=site).exists():
            self.report.existing.append("contact details")
            return
        ContactSettings.objects.create(site=site, **content.CONTACT)
        self.report.created.append("contact details")

    def _accessibility_statement(self, home):
        """Linked from every page's footer rather than from the menu."""
        page, created = self._page(home, ContentPage, content.ACCESSIBILITY, show_in_menus=False)
        if created:
            page.body_fr = _stream(content.ACCESSIBILITY_BODY_FR, {})
            page.body_en = _stream(content.ACCESSIBILITY_BODY_EN, {})
            page.save_revision().publish()
