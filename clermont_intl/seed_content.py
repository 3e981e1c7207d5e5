"""The section's initial content, from the service's own text (French) and its English translation.

Only facts stated in that text are here; what it does not say (opening hours, funding amounts,
project dates, addresses) is left empty for editors to fill in.
"""

THEMES = [
    ("culture", "Culture", "Culture"),
    ("universite", "Université", "University"),
    ("echanges-scolaires", "Échanges scolaires", "School exchanges"),
    ("jeunesse", "Jeunesse", "Youth"),
    ("developpement-durable", "Développement durable", "Sustainable development"),
    ("innovation", "Innovation", "Innovation"),
    ("mobilites", "Mobilités", "Mobility"),
]

CONTACT = {
    "service_name_fr": "Pôle des Relations internationales",
    "service_name_en": "International Relations department",
}

HOME = {
    "title_fr": "Clermont-Ferrand à l'international",
    "title_en": "Clermont-Ferrand in the world",
    "slug_fr": "accueil",
    "slug_en": "home",
    "intro_fr": (
        "Villes partenaires, projets européens et internationaux, Centre d'Information Europe "
        "Direct : les relations internationales de la Ville de Clermont-Ferrand."
    ),
    "intro_en": (
        "Partner cities, European and international projects, the Europe Direct information "
        "centre: the international relations of the City of Clermont-Ferrand."
    ),
}

MISSION = {
    "title_fr": "Relations internationales",
    "title_en": "International relations",
    "slug_fr": "relations-internationales",
    "slug_en": "international-relations",
    "lead_fr": (
        "Ville ouverte sur le monde, Clermont-Ferrand a tissé des liens avec plus d'une "
        "quarantaine de villes."
    ),
    "lead_en": (
        "A city open to the world, Clermont-Ferrand has forged links with more than forty cities."
    ),
    "intro_fr": (
        "Réseau International des Villes Michelin, villes jumelles, solidarité internationale, "
        "projets européens et Centre d'Information Europe Direct."
    ),
    "intro_en": (
        "The International Network of Michelin Cities, twin cities, international solidarity, "
        "European projects and the Europe Direct information centre."
    ),
    "search_description_fr": (
        "Les relations internationales de Clermont-Ferrand : plus d'une quarantaine de villes "
        "partenaires, sept villes jumelles, projets européens et CIED."
    ),
    "search_description_en": (
        "Clermont-Ferrand's international relations: more than forty partner cities, seven twin "
        "cities, European projects and the Europe Direct centre."
    ),
}

# The mission page's body; "{partners}", "{projects}", "{cied}", "{techtown}", "{creart}" and
# "{support}" are replaced by links to the pages the loader creates.
MISSION_BODY_FR = [
    (
        "key_facts",
        [
            {"figure": "40+", "label": "villes partenaires dans le monde"},
            {"figure": "7", "label": "villes jumelles, la première depuis 1966"},
            {"figure": "2017", "label": "création du Réseau International des Villes Michelin"},
            {"figure": "2018", "label": "label « Centre d'Information Europe Direct »"},
        ],
    ),
    ("heading", "Le Réseau International des Villes Michelin"),
    (
        "paragraph",
        "<p>Depuis 2017, ces partenariats sont formalisés au sein du Réseau International des Villes "
        "Michelin, qui a pour but de favoriser les échanges internationaux de bonnes pratiques et "
        "les coopérations entre des villes du monde entier. Grâce à ce réseau, le pôle des Relations "
        "Internationales de la Ville de Clermont-Ferrand <b>favorise le développement de projets de "
        "coopérations internationales.</b></p>"
        "<p>Ce réseau comprend des <b>villes ayant un site de production ou de recherche Michelin et "
        "intègre les villes jumelles de Clermont-Ferrand</b>, avec lesquelles elle continue de "
        "développer des projets (culturels, universitaires, échanges scolaires...) :</p>"
        "<ul><li>Salford, au Royaume-Uni depuis 1966</li>"
        "<li>Regensburg, en Allemagne depuis 1969</li>"
        "<li>Gomel, en Biélorussie depuis 1977</li>"
        "<li>Aberdeen, au Royaume-Uni depuis 1983</li>"
        "<li>Oviedo, en Espagne depuis 1988</li>"
        "<li>Norman, aux États-Unis d'Amérique depuis 1994</li>"
        "<li>Braga, au Portugal depuis 1999</li></ul>",
    ),
    ("call_to_action", {"label": "Découvrir les villes partenaires", "page": "{partners}"}),
    ("heading", "Solidarité internationale"),
    (
        "paragraph",
        "<p>Aussi, le pôle des Relations internationales conduit des actions de solidarité "
        "internationale, notamment avec Oyem (Gabon) depuis 2006 et soutient également des actions "
        "d'aide au développement d'associations clermontoises.</p>",
    ),
    ("heading", "Projets européens et internationaux"),
    (
        "paragraph",
        "<p>En partenariat avec les acteurs publics et privés locaux (associations, institutions, "
        "Université, etc.), le pôle des Relations internationales de Clermont-Ferrand participe "
        "également à des projets européens et internationaux dans des domaines tels que le "
        "développement durable, l'innovation (projet {techtown}, programme Urbact), les mobilités, "
        "les échanges culturels (projet {creart}, programme Europe Créative) et entre jeunes.</p>"
        "<p>Il accompagne au montage de projets internationaux en ciblant les partenaires à "
        "l'étranger, en orientant vers des co-financements, et en conseillant dans la mise en "
        "œuvre.</p>",
    ),
    (
        "call_to_action",
        {"label": "Demander un accompagnement pour votre projet", "page": "{support}"},
    ),
    ("heading", "Centre d'Information Europe Direct"),
    (
        "paragraph",
        "<p>Ville européenne, Clermont-Ferrand est labellisée « Centre d'Information Europe Direct » "
        "par la Commission Européenne depuis 2018. Ce CIED est géré par le pôle des Relations "
        "internationales de la Ville, en partenariat avec le Conseil départemental du Puy-de-Dôme. "
        "Il sensibilise et informe les citoyens sur l'Europe et ses enjeux. Informations, "
        "documentations, expositions, animations sur l'Union européenne, le {cied} est là pour "
        "vous !</p>",
    ),
]

MISSION_BODY_EN = [
    (
        "key_facts",
        [
            {"figure": "40+", "label": "partner cities around the world"},
            {"figure": "7", "label": "twin cities, the first since 1966"},
            {"figure": "2017", "label": "the International Network of Michelin Cities is founded"},
            {"figure": "2018", "label": "“Europe Direct information centre” label"},
        ],
    ),
    ("heading", "The International Network of Michelin Cities"),
    (
        "paragraph",
        "<p>Since 2017, these partnerships have been formalised within the International Network "
        "of Michelin Cities, which aims to encourage international exchanges of good practice and "
        "cooperation between cities all over the world. Through this network, the City of "
        "Clermont-Ferrand's International Relations department <b>fosters the development of "
        "international cooperation projects.</b></p>"
        "<p>The network brings together <b>cities with a Michelin production or research site, and "
        "includes Clermont-Ferrand's twin cities</b>, with which the city continues to develop "
        "projects (cultural, academic, school exchanges…):</p>"
        "<ul><li>Salford, United Kingdom, since 1966</li>"
        "<li>Regensburg, Germany, since 1969</li>"
        "<li>Gomel, Belarus, since 1977</li>"
        "<li>Aberdeen, United Kingdom, since 1983</li>"
        "<li>Oviedo, Spain, since 1988</li>"
        "<li>Norman, United States of America, since 1994</li>"
        "<li>Braga, Portugal, since 1999</li></ul>",
    ),
    ("call_to_action", {"label": "Discover the partner cities", "page": "{partners}"}),
    ("heading", "International solidarity"),
    (
        "paragraph",
        "<p>The International Relations department also leads international solidarity actions, "
        "in particular with Oyem (Gabon) since 2006, and supports development aid actions run by "
        "Clermont-Ferrand associations.</p>",
    ),
    ("heading", "European and international projects"),
    (
        "paragraph",
        "<p>Together with local public and private partners (associations, institutions, the "
        "University, etc.), Clermont-Ferrand's International Relations department also takes part "
        "in European and international projects in fields such as sustainable development, "
        "innovation (the {techtown} project, URBACT programme), mobility, cultural exchanges (the "
        "{creart} project, Creative Europe programme) and youth exchanges.</p>"
        "<p>It helps to build international projects by identifying partners abroad, pointing "
        "towards co-funding and advising on implementation.</p>",
    ),
    ("call_to_action", {"label": "Ask for help with your project", "page": "{support}"}),
    ("heading", "Europe Direct information centre"),
    (
        "paragraph",
        "<p>A European city, Clermont-Ferrand has held the “Europe Direct information centre” label "
        "from the European Commission since 2018. The centre is run by the City's International "
        "Relations department in partnership with the Conseil départemental du Puy-de-Dôme (the "
        "Puy-de-Dôme county council). It raises citizens' awareness of Europe and its challenges. "
        "Information, documentation, exhibitions and events about the European Union: "
        "{cied} is here for you!</p>",
    ),
]

PARTNER_INDEX = {
    "title_fr": "Villes partenaires",
    "title_en": "Partner cities",
    "slug_fr": "villes-partenaires",
    "slug_en": "partner-cities",
    "intro_fr": (
        "Les villes jumelles de Clermont-Ferrand, les villes du Réseau International des Villes "
        "Michelin et les villes de la coopération solidaire."
    ),
    "intro_en": (
        "Clermont-Ferrand's twin cities, the cities of the International Network of Michelin "
        "Cities and its solidarity cooperation partners."
    ),
}

# Twin cities: (name, ISO country, twinned since, latitude, longitude, country FR, country EN).
TWIN_CITIES = [
    ("Salford", "GB", 1966, "53.48750", "-2.29010", "au Royaume-Uni", "United Kingdom"),
    ("Regensburg", "DE", 1969, "49.01340", "12.10160", "en Allemagne", "Germany"),
    ("Gomel", "BY", 1977, "52.43450", "30.97540", "en Biélorussie", "Belarus"),
    ("Aberdeen", "GB", 1983, "57.14970", "-2.09430", "au Royaume-Uni", "United Kingdom"),
    ("Oviedo", "ES", 1988, "43.36140", "-5.84930", "en Espagne", "Spain"),
    (
        "Norman",
        "US",
        1994,
        "35.22260",
        "-97.43950",
        "aux États-Unis d'Amérique",
        "United States of America",
    ),
    ("Braga", "PT", 1999, "41.54540", "-8.42650", "au Portugal", "Portugal"),
]
MICHELIN_NETWORK_SINCE = 2017
TWIN_CITY_AREAS = ["culture", "universite", "echanges-scolaires"]

OYEM = {
    "name": "Oyem",
    "country": "GA",
    "solidarity_since": 2006,
    "latitude": "1.59930",
    "longitude": "11.57930",
    "intro_fr": "Coopération solidaire avec Oyem, au Gabon, depuis 2006.",
    "intro_en": "Solidarity cooperation with Oyem, Gabon, since 2006.",
    "description_fr": (
        "<p>Le pôle des Relations internationales conduit des actions de solidarité "
        "internationale, notamment avec Oyem (Gabon) depuis 2006.</p>"
    ),
    "description_en": (
        "<p>The International Relations department leads international solidarity actions, in "
        "particular with Oyem (Gabon) since 2006.</p>"
    ),
}


def twin_city_texts(name, since, country_fr, country_en):
    return {
        "intro_fr": f"Ville jumelle de Clermont-Ferrand, {country_fr}, depuis {since}.",
        "intro_en": f"Clermont-Ferrand's twin city in the {country_en} since {since}."
        if country_en.startswith("United")
        else f"Clermont-Ferrand's twin city in {country_en} since {since}.",
        "description_fr": (
            f"<p>Le jumelage entre {name} et Clermont-Ferrand date de {since}. Comme toutes les villes "
            "jumelles de Clermont-Ferrand, elle fait partie du Réseau International des Villes "
            "Michelin, qui formalise ces partenariats depuis 2017.</p>"
            "<p>Clermont-Ferrand continue de développer avec elle des projets culturels, "
            "universitaires et d'échanges scolaires.</p>"
        ),
        "description_en": (
            f"<p>{name} and Clermont-Ferrand have been twinned since {since}. Like all of "
            "Clermont-Ferrand's twin cities, it belongs to the International Network of Michelin "
            "Cities, which has formalised these partnerships since 2017.</p>"
            "<p>Clermont-Ferrand continues to develop cultural, academic and school exchange "
            "projects with it.</p>"
        ),
    }


PROGRAMMES = [
    {"key": "urbact", "name_fr": "Urbact", "name_en": "URBACT", "acronym": "URBACT"},
    {
        "key": "creative-europe",
        "name_fr": "Europe Créative",
        "name_en": "Creative Europe",
        "acronym": "",
    },
]

PROJECT_INDEX = {
    "title_fr": "Projets européens et internationaux",
    "title_en": "European and international projects",
    "slug_fr": "projets-europeens-et-internationaux",
    "slug_en": "european-and-international-projects",
    "intro_fr": (
        "Avec les acteurs publics et privés locaux, la Ville participe à des projets européens et "
        "internationaux : développement durable, innovation, mobilités, échanges culturels et "
        "entre jeunes."
    ),
    "intro_en": (
        "With local public and private partners, the City takes part in European and "
        "international projects: sustainable development, innovation, mobility, cultural and "
        "youth exchanges."
    ),
}

PROJECTS = [
    {
        "key": "techtown",
        "title_fr": "TechTown",
        "title_en": "TechTown",
        "slug_fr": "techtown",
        "slug_en": "techtown",
        "programme": "urbact",
        "themes": ["innovation"],
        "intro_fr": "Projet du programme Urbact dans le domaine de l'innovation.",
        "intro_en": "A project of the URBACT programme in the field of innovation.",
    },
    {
        "key": "creart",
        "title_fr": "CreArt",
        "title_en": "CreArt",
        "slug_fr": "creart",
        "slug_en": "creart",
        "programme": "creative-europe",
        "themes": ["culture"],
        "intro_fr": "Projet du programme Europe Créative dans le domaine des échanges culturels.",
        "intro_en": "A project of the Creative Europe programme in the field of cultural exchanges.",
    },
]

SUPPORT_FORM = {
    "title_fr": "Demande d'accompagnement de projet international",
    "title_en": "Request for support with an international project",
    "slug_fr": "demande-accompagnement",
    "slug_en": "project-support-request",
    "intro_fr": (
        "Le pôle des Relations internationales accompagne au montage de projets internationaux "
        "en ciblant les partenaires à l'étranger, en orientant vers des co-financements, et en "
        "conseillant dans la mise en œuvre."
    ),
    "intro_en": (
        "The International Relations department helps to build international projects by "
        "identifying partners abroad, pointing towards co-funding and advising on "
        "implementation."
    ),
    "thank_you_text_fr": (
        "<p>Merci, votre demande a bien été enregistrée. Le pôle des Relations internationales "
        "reviendra vers vous.</p>"
    ),
    "thank_you_text_en": (
        "<p>Thank you, your request has been recorded. The International Relations department "
        "will get back to you.</p>"
    ),
    "subject_fr": "Nouvelle demande d'accompagnement de projet international",
    "subject_en": "New request for support with an international project",
}

# (clean_name, field_type, required, label FR, label EN, choices FR, choices EN)
SUPPORT_FORM_FIELDS = [
    (
        "association",
        "singleline",
        True,
        "Nom de l'association ou de la structure",
        "Name of the association or organisation",
        "",
        "",
    ),
    ("contact_name", "singleline", True, "Personne à contacter", "Contact person", "", ""),
    ("email", "email", True, "Adresse électronique", "E-mail address", "", ""),
    ("phone", "singleline", False, "Téléphone", "Telephone", "", ""),
    ("project", "multiline", True, "Votre projet", "Your project", "", ""),
    (
        "countries",
        "singleline",
        False,
        "Pays ou villes partenaires envisagés",
        "Countries or partner cities you have in mind",
        "",
        "",
    ),
    (
        "support",
        "checkboxes",
        False,
        "Accompagnement souhaité",
        "Support you would like",
        "Recherche de partenaires à l'étranger\nOrientation vers des co-financements\n"
        "Conseil pour la mise en œuvre",
        "Finding partners abroad\nPointers to co-funding\nAdvice on implementation",
    ),
]

CIED = {
    "title_fr": "CIED Clermont Puy-de-Dôme",
    "title_en": "Europe Direct Clermont Puy-de-Dôme",
    "slug_fr": "cied-clermont-puy-de-dome",
    "slug_en": "europe-direct-clermont-puy-de-dome",
    "label_year": 2018,
    "intro_fr": (
        "Le Centre d'Information Europe Direct sensibilise et informe les citoyens sur l'Europe "
        "et ses enjeux."
    ),
    "intro_en": (
        "The Europe Direct information centre raises citizens' awareness of Europe and its "
        "challenges."
    ),
    "partnership_fr": (
        "Géré par le pôle des Relations internationales de la Ville, en partenariat avec le "
        "Conseil départemental du Puy-de-Dôme."
    ),
    "partnership_en": (
        "Run by the City's International Relations department in partnership with the Conseil "
        "départemental du Puy-de-Dôme (the Puy-de-Dôme county council)."
    ),
    "body_fr": [
        (
            "paragraph",
            "<p>Ville européenne, Clermont-Ferrand est labellisée « Centre d'Information Europe "
            "Direct » par la Commission Européenne depuis 2018. Ce CIED est géré par le pôle des "
            "Relations internationales de la Ville, en partenariat avec le Conseil départemental "
            "du Puy-de-Dôme.</p>"
            "<p>Il sensibilise et informe les citoyens sur l'Europe et ses enjeux. Informations, "
            "documentations, expositions, animations sur l'Union européenne, le CIED Clermont "
            "Puy-de-Dôme est là pour vous !</p>",
        ),
    ],
    "body_en": [
        (
            "paragraph",
            "<p>A European city, Clermont-Ferrand has held the “Europe Direct information centre” "
            "label from the European Commission since 2018. The centre is run by the City's "
            "International Relations department in partnership with the Conseil départemental du "
            "Puy-de-Dôme (the Puy-de-Dôme county council).</p>"
            "<p>It raises citizens' awareness of Europe and its challenges. Information, "
            "documentation, exhibitions and events about the European Union: Europe Direct "
            "Clermont Puy-de-Dôme is here for you!</p>",
        ),
    ],
}

EVENT_INDEX = {
    "title_fr": "Agenda",
    "title_en": "Events",
    "slug_fr": "agenda",
    "slug_en": "events",
    "intro_fr": "Expositions, conférences et ateliers du CIED Clermont Puy-de-Dôme.",
    "intro_en": "Exhibitions, talks and workshops of Europe Direct Clermont Puy-de-Dôme.",
}

# The accessibility statement required of a French public website (RGAA 4.1, article 47 of law
# 2005-102): conformity state, content that is not accessible, feedback, recourse. "Partially
# conforming" until an audit has been made; the service updates it after the audit.
ACCESSIBILITY = {
    "title_fr": "Accessibilité : partiellement conforme",
    "title_en": "Accessibility: partially conforming",
    "slug_fr": "accessibilite",
    "slug_en": "accessibility",
    "intro_fr": (
        "La Ville de Clermont-Ferrand s'engage à rendre ses sites internet accessibles, "
        "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005."
    ),
    "intro_en": (
        "The City of Clermont-Ferrand is committed to making its websites accessible, in "
        "accordance with article 47 of French law 2005-102 of 11 February 2005."
    ),
    "search_description_fr": (
        "Déclaration d'accessibilité de la section Relations internationales : état de "
        "conformité au RGAA 4.1, contenus non accessibles, contact et voies de recours."
    ),
    "search_description_en": (
        "Accessibility statement of the International relations section: conformity with the "
        "French accessibility standard RGAA 4.1, non-accessible content, contact and recourse."
    ),
}

ACCESSIBILITY_BODY_FR = [
    (
        "paragraph",
        "<p>Cette déclaration d'accessibilité s'applique à la section « Relations "
        "internationales » du site de la Ville de Clermont-Ferrand.</p>",
    ),
    ("heading", "État de conformité"),
    (
        "paragraph",
        "<p>La section Relations internationales est <b>partiellement conforme</b> avec le "
        "référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des "
        "non-conformités et des dérogations énumérées ci-dessous. Aucun audit de conformité n'a "
        "encore été réalisé : cet état sera mis à jour après l'audit.</p>",
    ),
    ("heading", "Contenus non accessibles"),
    (
        "paragraph",
        "<p>Les pages sont vérifiées automatiquement à chaque modification du site (contrôles "
        "axe-core et validation HTML), ce qui ne remplace pas un audit. Peuvent ne pas être "
        "accessibles :</p><ul><li>certains documents téléchargeables (PDF) publiés avant la "
        "mise en ligne de la section ;</li><li>les images dont le texte alternatif n'a pas "
        "encore été rédigé par l'équipe éditoriale.</li></ul>",
    ),
    ("heading", "Établissement de cette déclaration"),
    (
        "paragraph",
        "<p>Technologies utilisées : HTML5, CSS. Le site fonctionne sans JavaScript.</p>",
    ),
    ("heading", "Retour d'information et contact"),
    (
        "paragraph",
        "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter "
        "le pôle des Relations internationales (voir les coordonnées en bas de page) pour être "
        "orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.</p>",
    ),
    ("heading", "Voies de recours"),
    (
        "paragraph",
        "<p>Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un "
        "contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous "
        "êtes en droit de saisir le Défenseur des droits :</p><ul>"
        '<li>en écrivant un message au Défenseur des droits par le formulaire en ligne : '
        '<a href="https://formulaire.defenseurdesdroits.fr/">formulaire.defenseurdesdroits.fr'
        "</a> ;</li>"
        "<li>en contactant le délégué du Défenseur des droits dans votre région : "
        '<a href="https://www.defenseurdesdroits.fr/saisir/delegues">'
        "defenseurdesdroits.fr/saisir/delegues</a> ;</li>"
        "<li>en écrivant par courrier postal (gratuit, ne pas mettre de timbre) : Défenseur des "
        "droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>",
    ),
]

ACCESSIBILITY_BODY_EN = [
    (
        "paragraph",
        "<p>This accessibility statement applies to the “International relations” section of "
        "the City of Clermont-Ferrand's website.</p>",
    ),
    ("heading", "Conformity status"),
    (
        "paragraph",
        "<p>The International relations section is <b>partially conforming</b> with the French "
        "accessibility standard RGAA version 4.1 (based on WCAG 2.1 level AA), because of the "
        "non-conformities listed below. No conformity audit has been carried out yet: this "
        "status will be updated after the audit.</p>",
    ),
    ("heading", "Non-accessible content"),
    (
        "paragraph",
        "<p>The pages are checked automatically whenever the site changes (axe-core checks and "
        "HTML validation), which does not replace an audit. The following may not be "
        "accessible:</p><ul><li>some downloadable documents (PDF) published before the section "
        "went online;</li><li>images whose alternative text the editorial team has not written "
        "yet.</li></ul>",
    ),
    ("heading", "Preparation of this statement"),
    (
        "paragraph",
        "<p>Technologies used: HTML5, CSS. The site works without JavaScript.</p>",
    ),
    ("heading", "Feedback and contact"),
    (
        "paragraph",
        "<p>If you cannot access some content or a service, contact the International "
        "Relations department (contact details at the bottom of every page) to be directed to "
        "an accessible alternative or to obtain the content in another form.</p>",
    ),
    ("heading", "Recourse"),
    (
        "paragraph",
        "<p>If you have reported an accessibility defect that prevents you from accessing "
        "content or a service and have not received a satisfactory answer, you may refer the "
        "matter to the Défenseur des droits (the French rights ombudsman):</p><ul>"
        '<li>with the online form: <a href="https://formulaire.defenseurdesdroits.fr/" '
        'hreflang="fr">formulaire.defenseurdesdroits.fr</a>;</li>'
        "<li>through the ombudsman's delegate in your region: "
        '<a href="https://www.defenseurdesdroits.fr/saisir/delegues" hreflang="fr">'
        "defenseurdesdroits.fr/saisir/delegues</a>;</li>"
        "<li>by post (free of charge, no stamp needed): Défenseur des droits, Libre réponse "
        "71120, 75342 Paris CEDEX 07, France.</li></ul>",
    ),
]
