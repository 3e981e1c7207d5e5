"""Builds the Relations internationales section from the service's seed text (seed_text.py).

The core builds the home and mission pages, the themes, the contact details and the legal,
contact and accessibility pages; each domain app builds its own section (partner cities,
projects, the CIED) through the hook "register_seed_content" (SeedSection objects), in their
order, and returns its pages by name for the links of the mission page and the home page.

Rerunnable: what already exists (found by its French slug or identifier) is left as editors
made it, and the report says so.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from wagtail import hooks
from wagtail.models import Page, Site

from ..models import (
    AccessibilityStatementPage,
    ContactFormField,
    ContactFormPage,
    ContactSettings,
    ContentPage,
    HomeHighlight,
    HomePage,
    LegalNoticePage,
    MissionPage,
    PageSearchEntry,
    PrivacyNoticePage,
    Theme,
)
from ..search import rebuild_index
from ..typography import french_spacing
from . import seed_text as content

HOOK = "register_seed_content"
# An empty StreamField, as a revision's content holds it.
EMPTY = (None, "", "[]", [])


@dataclass(frozen=True)
class SeedSection:
    """A domain app's part of the seed: build(loader, mission) makes its pages under the
    mission page and returns {name: page} for the links other pages make to them."""

    name: str
    order: int
    build: Callable


def seed_sections():
    sections = [section for register in hooks.get_hooks(HOOK) for section in register()]
    return sorted(sections, key=lambda section: section.order)


@dataclass
class Report:
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    corrected: list = field(default_factory=list)

    def lines(self):
        if not self.created and not self.corrected:
            yield f"Nothing to do: all {len(self.existing)} items of the seed content exist."
            return
        if self.created:
            yield f"Created {len(self.created)} items:"
            yield from (f"  + {item}" for item in self.created)
        if self.corrected:
            yield f"Corrected {len(self.corrected)} texts of an earlier seed:"
            yield from (f"  ~ {item}" for item in self.corrected)
        if self.existing:
            yield f"Left {len(self.existing)} existing items as they are."


def stream(blocks, links):
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


def publish_body(page, body_fr, body_en, links=None):
    """A page made by the seed gets its body in both languages from the seed text (the French
    with French typography; the links named in the language of each), and is published."""
    links = links or {}
    page.body_fr = stream(french(body_fr), links)
    with translation.override("en"):
        page.body_en = stream(body_en, links)
    page.save_revision().publish()


def _link(page):
    return _link_to(page, page.title)


def link_words(loader, page, target, words):
    """Make words of page's body (per field: {"body_fr": "…", …}) a link to target, on a page
    an earlier seed wrote them in without the link; words an editor changed are left alone.
    The link is around the target's title, which the words hold."""
    if not page.pk or page.has_unpublished_changes:
        return
    changed = False
    for name, phrase in words.items():
        language = name.rsplit("_", 1)[-1]
        with translation.override(language):
            title = target.title
        value = getattr(page, name)
        raw = list(value.raw_data) if hasattr(value, "raw_data") else []
        linked = _replace_text(raw, phrase, phrase.replace(title, _link_to(target, title)))
        if linked != raw:
            setattr(page, name, linked)
            changed = True
    if changed:
        page.save_revision().publish()
        loader.report.corrected.append(
            f"{page._meta.verbose_name}: {page.title} (link to {target.title})"
        )


def _link_to(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def french(value):
    """The seed's French text (a string, or the (type, value) pairs of a body) with French
    spacing before : ; ! ? and inside « » (clermont_intl.typography)."""
    if isinstance(value, str):
        return french_spacing(value)
    if isinstance(value, dict):
        return {key: french(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(french(item) for item in value)
    return value


def french_fields(fields):
    """fields with their French texts spaced the French way (addresses left as they are)."""
    return {
        key: french(value)
        if key.endswith("_fr") and not key.startswith("slug") and "url" not in key
        else value
        for key, value in fields.items()
    }


# The French texts of the seed, for the typography corrections of an earlier seed's pages.
FRENCH_SEED_TEXTS = (
    "HOME", "MISSION", "MISSION_BODY_FR", "PARTNER_INDEX", "OYEM", "PROJECT_INDEX", "PROJECTS",
    "SUPPORT_FORM", "CIED", "EVENT_INDEX", "ACCESSIBILITY", "CONTACT_PAGE", "PRIVACY",
    "PRIVACY_BODY_FR", "LEGAL", "LEGAL_BODY_FR",
)  # fmt: skip
# French text fields the seed fills on its pages.
FRENCH_TEXT_FIELDS = (
    "intro_fr", "lead_fr", "search_description_fr", "body_fr", "description_fr",
    "partnership_fr", "thank_you_text_fr",
)  # fmt: skip


def _french_texts(value, is_french=False):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _french_texts(item, is_french or str(key).endswith("_fr"))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _french_texts(item, is_french)
    elif isinstance(value, str) and is_french:
        yield value


def typography_fixes():
    """[(old, new)]: each place an earlier seed wrote French punctuation with an ordinary space
    (or none), with enough of its sentence around it to be that seed's text and no editor's."""
    fixes = []
    for name in FRENCH_SEED_TEXTS:
        for text in _french_texts(getattr(content, name), name.endswith("_FR")):
            fixed = french_spacing(text)
            matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    continue
                # The words around the change, within the text (not across a "{link}"
                # placeholder, which the page holds as a link).
                left = text[max(0, i1 - 24) : i1].rsplit("}", 1)[-1].rsplit(">", 1)[-1]
                right = text[i2 : i2 + 12].split("{", 1)[0].split("<", 1)[0]
                fixes.append((left + text[i1:i2] + right, left + fixed[j1:j2] + right))
    return fixes


class SeedLoader:
    def __init__(self):
        self.report = Report()

    def run(self):
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            self._prepare_tree()
            self.themes = self._themes()
            home, home_created = self._home()
            mission, mission_created = self._page(home, MissionPage, content.MISSION)
            links = {}
            for section in seed_sections():
                links.update(section.build(self, mission))
            if mission_created:
                publish_body(mission, content.MISSION_BODY_FR, content.MISSION_BODY_EN, links)
            self._contact_settings(home)
            self._accessibility_statement(home)
            self._contact_page(home)
            self._legal_pages(home)
            if home_created:
                self._home_highlights(home, links)
            self._home_key_figures(home, links)
            self._corrections()
            self._typography_corrections(home)
            self._search_descriptions(home)
            # Search snippets of earlier versions joined paragraphs without a space; entries
            # indexed before titles and names were stemmed apart (migration 0008) rank badly.
            if self.report.corrected or PageSearchEntry.objects.filter(name_stems="").exists():
                rebuild_index()
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

    def form_fields(self, model, spec):
        """A form page's fields from the seed text's (name, type, required, label FR/EN,
        choices FR/EN), in that order (sort_order: without it PostgreSQL may list them in any
        order)."""
        return [
            model(
                sort_order=position,
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
            for position, (name, kind, required, label_fr, label_en, choices_fr, choices_en) in (
                enumerate(spec)
            )
        ]

    def order_form_fields(self, page, spec):
        """Fields an earlier seed left without an order get the seed text's (rerun)."""
        positions = {name: position for position, (name, *_rest) in enumerate(spec)}
        for form_field in page.form_fields.filter(sort_order__isnull=True):
            if form_field.clean_name in positions:
                form_field.sort_order = positions[form_field.clean_name]
                form_field.save(update_fields=["sort_order"])
                self.report.corrected.append(f"{page.title}: order of {form_field.label}")

    def page(self, parent, model, fields, **extra):
        """(page, created): the child of parent with fields' French slug, made and published
        if it does not exist yet."""
        return self._page(parent, model, fields, **extra)

    def _page(self, parent, model, fields, **extra):
        existing = model.objects.child_of(parent).filter(slug_fr=fields["slug_fr"]).first()
        if existing:
            self.report.existing.append(f"{model._meta.verbose_name}: {existing.title}")
            return existing, False
        # Sections of the home and mission pages make the site's menu, unless told otherwise.
        in_menu = extra.pop("show_in_menus", isinstance(parent, (HomePage, MissionPage)))
        fields = french_fields(fields)
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
            return home, False
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
        return home, True

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

    def _contact_settings(self, home):
        site = Site.objects.get(root_page=home)
        if ContactSettings.objects.filter(site=site).exists():
            self.report.existing.append("contact details")
            return
        ContactSettings.objects.create(site=site, **content.CONTACT)
        self.report.created.append("contact details")

    def _accessibility_statement(self, home):
        """Linked from every page's footer rather than from the menu.

        An earlier seed made it a plain content page that claimed a status without an audit:
        that page is unpublished and moved aside (kept, with its history, for the editors)."""
        former = (
            ContentPage.objects.child_of(home)
            .filter(slug_fr=content.ACCESSIBILITY["slug_fr"])
            .first()
        )
        if former:
            if former.live:
                former.unpublish()
            former.refresh_from_db()
            for key, value in content.FORMER_ACCESSIBILITY_SLUGS.items():
                setattr(former, key, value)
            former.slug = content.FORMER_ACCESSIBILITY_SLUGS["slug_fr"]
            former.save()
            self.report.corrected.append(
                f"{ContentPage._meta.verbose_name}: {former.title} (unpublished, replaced)"
            )
        self._page(home, AccessibilityStatementPage, content.ACCESSIBILITY, show_in_menus=False)

    def _contact_page(self, home):
        form_fields = self.form_fields(ContactFormField, content.CONTACT_FORM_FIELDS)
        page, _ = self._page(
            home,
            ContactFormPage,
            content.CONTACT_PAGE,
            show_in_menus=False,
            to_address=settings.SERVICE_EMAIL,
            from_address=settings.DEFAULT_FROM_EMAIL,
            form_fields=form_fields,
        )
        self.order_form_fields(page, content.CONTACT_FORM_FIELDS)
        return page

    def _legal_pages(self, home):
        for model, fields, body_fr, body_en in (
            (PrivacyNoticePage, content.PRIVACY, content.PRIVACY_BODY_FR, content.PRIVACY_BODY_EN),
            (LegalNoticePage, content.LEGAL, content.LEGAL_BODY_FR, content.LEGAL_BODY_EN),
        ):
            page, created = self._page(home, model, fields, show_in_menus=False)
            if created:
                publish_body(page, body_fr, body_en)

    def _home_key_figures(self, home, pages):
        """The key figures of the seed text, on a new home page or on one seeded before they
        existed (no version of it has them: an editor who emptied them keeps them empty)."""
        home.refresh_from_db()
        if home.key_figures_fr or home.has_unpublished_changes:
            self.report.existing.append("home page: key figures")
            return
        versions = home.revisions.only("content")
        if any(version.content.get("key_figures_fr") not in EMPTY for version in versions):
            self.report.existing.append("home page: key figures")
            return

        def figures(spec):
            return [
                {
                    "type": "figure",
                    "value": {"figure": figure, "label": label, "page": pages[key].pk},
                }
                for figure, label, key in spec
            ]

        home.key_figures_fr = french(figures(content.HOME_KEY_FIGURES_FR))
        home.key_figures_en = figures(content.HOME_KEY_FIGURES_EN)
        home.save_revision().publish()
        self.report.created.append("home page: key figures")

    def _home_highlights(self, home, pages):
        home.highlights = [HomeHighlight(target=pages[key]) for key in content.HOME_HIGHLIGHTS]
        home.save_revision().publish()

    # Corrections of an earlier seed ---------------------------------------------------------

    def _corrections(self):
        """Replace the exact wrong texts an earlier seed wrote, and publish the pages again."""
        for label, slug_fr, field_name, old, new in content.CORRECTIONS:
            model = apps.get_model(label)
            if issubclass(model, Page):
                instances = list(model.objects.filter(slug_fr=slug_fr))
            else:  # a form field: found through its page
                instances = list(model.objects.filter(page__slug_fr=slug_fr))
            for instance in instances:
                value = getattr(instance, field_name)
                # A StreamField's value is rewritten from its raw data (a list of blocks).
                raw = list(value.raw_data) if hasattr(value, "raw_data") else value
                replaced = _replace_text(raw, old, new)
                if replaced == raw:
                    continue
                setattr(instance, field_name, replaced)
                self._save_corrected(instance)
                self.report.corrected.append(f"{model._meta.verbose_name}: {instance}")

    def _typography_corrections(self, home):
        """French spacing in the texts an earlier seed wrote without it: only the seed's own
        sentences, on published pages without a draft (an editor's draft is not published
        behind their back)."""
        fixes = typography_fixes()
        pages = Page.objects.descendant_of(home, inclusive=True).live().specific()
        for page in pages.filter(has_unpublished_changes=False):
            changed = False
            for name in FRENCH_TEXT_FIELDS:
                if not hasattr(page, name):
                    continue
                value = getattr(page, name)
                raw = list(value.raw_data) if hasattr(value, "raw_data") else value
                if not raw:
                    continue
                replaced = raw
                for old, new in fixes:
                    replaced = _replace_text(replaced, old, new)
                if replaced != raw:
                    setattr(page, name, replaced)
                    changed = True
            if changed:
                self._save_corrected(page)
                self.report.corrected.append(
                    f"{page._meta.verbose_name}: {page.title} (typography)"
                )

    def _search_descriptions(self, home):
        """The forms' search descriptions (the words people find them by) on the pages an
        earlier seed made without them: only where both languages are still empty, on published
        pages without a draft (an editor's description or draft is theirs)."""
        for label, fields in content.SEARCH_DESCRIPTIONS:
            model = apps.get_model(label)
            pages = model.objects.descendant_of(home).filter(
                slug_fr=fields["slug_fr"], live=True, has_unpublished_changes=False
            )
            for page in pages:
                if page.search_description_fr or page.search_description_en:
                    continue
                page.search_description_fr = french(fields["search_description_fr"])
                page.search_description_en = fields["search_description_en"]
                self._save_corrected(page)
                self.report.corrected.append(
                    f"{model._meta.verbose_name}: {page.title} (search description)"
                )

    def _save_corrected(self, instance):
        if isinstance(instance, Page):
            instance.save_revision().publish()
            return
        instance.save()
        # The form's page is published again, so that its live revision has the new text.
        instance.page.specific.save_revision().publish()


def _replace_text(value, old, new):
    """value (text, or a StreamField's raw data) with old replaced by new in every text."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {key: _replace_text(item, old, new) for key, item in value.items()}
    if (
        isinstance(value, list | tuple)
        or hasattr(value, "__iter__")
        and not isinstance(value, bytes)
    ):
        return [_replace_text(item, old, new) for item in value]
    return value
