"""Every page type: where editors may create it, made in the admin, rendered in FR and EN."""

from django.utils import translation

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cied.models import CiedPage, EventIndexPage, EventPage, ExhibitionIndexPage, ExhibitionPage
from clermont_intl.models import (
    AccessibilityStatementPage,
    ContactFormPage,
    ContentPage,
    HomePage,
    LegalNoticePage,
    MissionPage,
    PrivacyNoticePage,
)
from clermont_intl.news.models import NewsIndexPage, NewsPage
from partners.models import MichelinNetworkPage, PartnerCityPage, PartnerIndexPage
from projects.models import (
    CallForProjectsPage,
    CallIndexPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectSupportFormPage,
)


def translated(**fields):
    """Admin form data for translated fields: {"title": ("Titre", "Title")} → title_fr, title_en."""
    data = {}
    for name, (fr, en) in fields.items():
        data[f"{name}_fr"] = fr
        data[f"{name}_en"] = en
    return data


def body(fr_text, en_text):
    return {
        "body_fr": streamfield(
            [
                ("heading", {"text": f"{fr_text} (titre)", "level": "h2"}),
                ("paragraph", rich_text(f"<p>{fr_text}</p>")),
            ]
        ),
        "body_en": streamfield(
            [
                ("heading", {"text": f"{en_text} (heading)", "level": "h2"}),
                ("paragraph", rich_text(f"<p>{en_text}</p>")),
            ]
        ),
    }


class TestTreeRules(WagtailPageTestCase):
    def test_home_is_the_only_page_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                MissionPage,
                NewsIndexPage,
                ContentPage,
                ContactFormPage,
                AccessibilityStatementPage,
                PrivacyNoticePage,
                LegalNoticePage,
            },
        )

    def test_legal_pages_and_contact_are_leaves_of_the_home_page(self):
        for model in (
            ContactFormPage,
            AccessibilityStatementPage,
            PrivacyNoticePage,
            LegalNoticePage,
        ):
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertAllowedSubpageTypes(model, set())

    def test_mission_holds_the_sections(self):
        self.assertAllowedParentPageTypes(MissionPage, {HomePage})
        self.assertAllowedSubpageTypes(
            MissionPage,
            {PartnerIndexPage, MichelinNetworkPage, ProjectIndexPage, CiedPage, ContentPage},
        )

    def test_partner_pages_live_in_the_partner_index(self):
        self.assertAllowedParentPageTypes(PartnerIndexPage, {MissionPage})
        self.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerCityPage})
        self.assertAllowedParentPageTypes(PartnerCityPage, {PartnerIndexPage})
        self.assertAllowedSubpageTypes(PartnerCityPage, set())

    def test_projects_and_the_support_form_live_in_the_project_index(self):
        self.assertAllowedParentPageTypes(ProjectIndexPage, {MissionPage})
        self.assertAllowedSubpageTypes(
            ProjectIndexPage, {ProjectPage, ProjectSupportFormPage, CallIndexPage}
        )
        self.assertAllowedParentPageTypes(CallIndexPage, {ProjectIndexPage})
        self.assertAllowedSubpageTypes(CallIndexPage, {CallForProjectsPage})
        self.assertAllowedParentPageTypes(CallForProjectsPage, {CallIndexPage})
        self.assertAllowedSubpageTypes(CallForProjectsPage, set())
        self.assertAllowedSubpageTypes(ProjectPage, set())
        self.assertAllowedSubpageTypes(ProjectSupportFormPage, set())

    def test_events_live_in_the_cied_agenda(self):
        self.assertAllowedParentPageTypes(CiedPage, {MissionPage})
        self.assertAllowedSubpageTypes(CiedPage, {EventIndexPage, ExhibitionIndexPage, ContentPage})
        self.assertAllowedParentPageTypes(EventIndexPage, {CiedPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})

    def test_exhibitions_live_in_the_cied_catalogue(self):
        self.assertAllowedParentPageTypes(ExhibitionIndexPage, {CiedPage})
        self.assertAllowedSubpageTypes(ExhibitionIndexPage, {ExhibitionPage})
        self.assertAllowedParentPageTypes(ExhibitionPage, {ExhibitionIndexPage})
        self.assertAllowedSubpageTypes(ExhibitionPage, set())

    def test_content_pages_go_anywhere_in_the_section_but_under_leaf_pages(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(MissionPage, ContentPage)
        self.assertCanNotCreateAt(PartnerIndexPage, ContentPage)
        self.assertCanNotCreateAt(EventIndexPage, ContentPage)


class TestEveryPageTypeThroughTheAdmin(WagtailPageTestCase):
    """Builds a whole new section through the admin's create view, then renders every page."""

    def setUp(self):
        super().setUp()
        self.login()
        # Start from an empty tree: the seeded section is rolled back after the test.
        HomePage.objects.get().delete()
        self.root = Page.get_first_root_node()

    def create(self, parent, model, title_fr, title_en, **extra):
        data = nested_form_data(
            {
                **translated(
                    title=(title_fr, title_en),
                    slug=(f"{model._meta.model_name}-fr", f"{model._meta.model_name}-en"),
                    intro=(f"Introduction de {title_fr}", f"Introduction to {title_en}"),
                ),
                **extra,
            }
        )
        self.assertCanCreate(parent, model, data)
        page = model.objects.child_of(parent).get(slug_fr=f"{model._meta.model_name}-fr")
        assert page.live
        return page

    def assert_renders(self, page, fr_text, en_text):
        for language, text in (("fr", fr_text), ("en", en_text)):
            with translation.override(language):
                url = page.get_url()
            assert url.startswith(f"/{language}/"), url
            response = self.client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            content = response.content.decode()
            assert f'<html lang="{language}"' in content
            assert text in content, (url, text)

    def test_create_and_render_every_page_type(self):
        home = self.create(
            self.root,
            HomePage,
            "Accueil test",
            "Test home",
            **body("Bienvenue à Clermont", "Welcome to Clermont"),
            key_figures_fr=streamfield(
                [("figure", {"figure": "7", "label": "villes jumelles", "page": ""})]
            ),
            key_figures_en=streamfield(
                [("figure", {"figure": "7", "label": "twin cities", "page": ""})]
            ),
            highlights=inline_formset([]),
        )
        Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
        mission = self.create(
            home,
            MissionPage,
            "Mission test",
            "Test mission",
            **translated(lead=("Ville ouverte", "Open city")),
            **body("Coopérations", "Cooperation"),
        )
        partners = self.create(mission, PartnerIndexPage, "Partenaires", "Partners")
        network = self.create(
            mission,
            MichelinNetworkPage,
            "Réseau test",
            "Test network",
            network_size="40",
            official_website="",
            **body("Le réseau des villes", "The network of cities"),
        )
        city = self.create(
            partners,
            PartnerCityPage,
            "Clermontville",
            "Clermonttown",
            country="DE",
            latitude="49.0134",
            longitude="12.1016",
            michelin_site="production",
            **translated(
                description=(
                    rich_text("<p>Une ville amie</p>"),
                    rich_text("<p>A friendly town</p>"),
                )
            ),
            relationships=inline_formset([{"kind": "twin_city", "since": "1969"}], min=1),
            gallery_images=inline_formset([]),
            history_entries=inline_formset([]),
            links=inline_formset(
                [
                    {
                        "title_fr": "Site de la ville",
                        "title_en": "City website",
                        "url": "https://www.regensburg.de/",
                    }
                ]
            ),
        )
        projects = self.create(mission, ProjectIndexPage, "Projets", "Projects")
        project = self.create(
            projects,
            ProjectPage,
            "Projet Alpha",
            "Alpha project",
            status="ongoing",
            start_date="2024-01-01",
            end_date="2026-12-31",
            eu_funding="150000",
            partner_cities=(city.pk,),  # a tuple: nested_form_data flattens lists
            **body("Un projet européen", "A European project"),
        )
        form_page = self.create(
            projects,
            ProjectSupportFormPage,
            "Demande",
            "Request",
            to_address="service@example.org",
            from_address="site@example.org",
            **translated(
                subject=("Nouvelle demande", "New request"),
                body=(rich_text("<p>Écrivez-nous</p>"), rich_text("<p>Write to us</p>")),
                thank_you_text=(rich_text("<p>Merci</p>"), rich_text("<p>Thanks</p>")),
            ),
            form_fields=inline_formset(
                [
                    {
                        "label_fr": "Votre nom",
                        "label_en": "Your name",
                        "field_type": "singleline",
                        "required": "on",
                        "choices_fr": "",
                        "choices_en": "",
                        "default_value_fr": "",
                        "default_value_en": "",
                        "help_text_fr": "",
                        "help_text_en": "",
                    }
                ]
            ),
        )
        cied = self.create(
            mission,
            CiedPage,
            "Centre Europe",
            "Europe centre",
            label_year="2018",
            **translated(
                partnership=("Avec le Département", "With the county"),
            ),
            **body("Informer sur l'Europe", "Informing about Europe"),
            resources=inline_formset([]),
        )
        events = self.create(cied, EventIndexPage, "Agenda test", "Test events")
        event = self.create(
            events,
            EventPage,
            "Exposition Europe",
            "Europe exhibition",
            kind="exhibition",
            audience="everyone",
            start="2099-05-09 10:00",
            end="2099-05-09 18:00",
            **translated(place=("Hôtel de ville", "Town hall")),
            **body("Une exposition", "An exhibition"),
        )
        catalogue = self.create(
            cied,
            ExhibitionIndexPage,
            "Expositions test",
            "Test exhibitions",
            **body("Conditions de prêt", "Loan conditions"),
            **translated(thank_you_text=(rich_text("<p>Merci</p>"), rich_text("<p>Thanks</p>"))),
            subject="Demande de prêt",
        )
        exhibition = self.create(
            catalogue,
            ExhibitionPage,
            "Exposition prêtée",
            "Lent exhibition",
            panel_count="12",
            audience="schools",
            **translated(
                dimensions=("Kakémonos", "Roll-up banners"),
                languages=("Français", "French"),
            ),
            **body("Douze panneaux", "Twelve panels"),
            gallery_images=inline_formset([]),
        )
        page = self.create(
            mission, ContentPage, "Mentions", "Legal notice", **body("Texte légal", "Legal text")
        )
        news_index = self.create(home, NewsIndexPage, "Actualités test", "Test news")
        news = self.create(
            news_index,
            NewsPage,
            "Nouvelle test",
            "Test news item",
            date="2026-02-01",
            related_pages=inline_formset([{"target": city.pk}, {"target": project.pk}]),
            **body("Une nouvelle", "A news item"),
        )

        self.assert_renders(home, "Bienvenue à Clermont", "Welcome to Clermont")
        self.assert_renders(mission, "Ville ouverte", "Open city")
        self.assert_renders(partners, "Clermontville", "Clermonttown")
        self.assert_renders(network, "Le réseau des villes", "The network of cities")
        self.assert_renders(home, "villes jumelles", "twin cities")
        self.assert_renders(city, "Une ville amie", "A friendly town")
        self.assert_renders(projects, "Projet Alpha", "Alpha project")
        self.assert_renders(project, "Un projet européen", "A European project")
        self.assert_renders(form_page, "Votre nom", "Your name")
        self.assert_renders(cied, "Avec le Département", "With the county")
        self.assert_renders(events, "Exposition Europe", "Europe exhibition")
        self.assert_renders(event, "Hôtel de ville", "Town hall")
        self.assert_renders(catalogue, "Exposition prêtée", "Lent exhibition")
        self.assert_renders(exhibition, "Kakémonos", "Twelve panels")
        self.assert_renders(page, "Texte légal", "Legal text")
        self.assert_renders(news_index, "Nouvelle test", "Test news item")
        self.assert_renders(news, "Une nouvelle", "A news item")
        self.assert_renders(city, "Nouvelle test", "Test news item")
        self.assert_renders(project, "Nouvelle test", "Test news item")
        # The project lists the partner city it involves, linked to its page.
        with translation.override("fr"):
            project_url, city_url = project.get_url(), city.get_url()
        assert city_url in self.client.get(project_url).content.decode()

    def test_invalid_coordinates_are_refused_with_a_message(self):
        home = self.create(
            self.root,
            HomePage,
            "Accueil test",
            "Test home",
            **body("a", "b"),
            key_figures_fr=streamfield([]),
            key_figures_en=streamfield([]),
            highlights=inline_formset([]),
        )
        Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
        mission = self.create(home, MissionPage, "Mission", "Mission", **body("a", "b"))
        partners = self.create(mission, PartnerIndexPage, "Partenaires", "Partners")
        url = f"/admin/pages/add/partners/partnercitypage/{partners.pk}/"
        data = nested_form_data(
            {
                **translated(title=("Nulle part", "Nowhere"), slug=("nulle-part", "nowhere")),
                "country": "FR",
                "latitude": "95",
                "longitude": "200",
                "relationships": inline_formset(
                    [
                        {"kind": "twin_city", "since": "1990"},
                        {"kind": "twin_city", "since": "1991"},
                    ],
                    min=1,
                ),
                "gallery_images": inline_formset([]),
                "history_entries": inline_formset([]),
                "links": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(url, data)
        assert response.status_code == 200
        form = response.context["form"]
        assert "latitude" in form.errors and "longitude" in form.errors
        # The unique (page, relationship) constraint is reported on the duplicate row.
        duplicate = form.formsets["relationships"].forms[1]
        assert duplicate.non_field_errors()
        assert not PartnerCityPage.objects.filter(slug_fr="nulle-part").exists()
