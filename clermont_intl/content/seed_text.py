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

# The mission page's body; "{partners}", "{network}", "{projects}", "{cied}", "{techtown}",
# "{creart}" and "{support}" are replaced by links to the pages the loader creates.
MISSION_BODY_FR = [
    (
        "key_facts",
        [
            {"figure": "40+", "label": "villes partenaires dans le monde"},
            {"figure": "7", "label": "villes jumelles, la première depuis 1966"},
            {
                "figure": "2017",
                "label": "partenariats formalisés au sein du Réseau International des Villes Michelin",
            },
            {"figure": "2018", "label": "label « Centre d'Information Europe Direct »"},
        ],
    ),
    ("heading", "Le Réseau International des Villes Michelin"),
    (
        "paragraph",
        "<p>Depuis 2017, ces partenariats sont formalisés au sein du {network}, qui a pour but de "
        "favoriser les échanges internationaux de bonnes pratiques et "
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
            {"figure": "7", "label": "twin cities, the first twinned in 1966"},
            {
                "figure": "2017",
                "label": "partnerships formalised within the International Network of Michelin Cities",
            },
            {"figure": "2018", "label": "“Europe Direct information centre” label"},
        ],
    ),
    ("heading", "The International Network of Michelin Cities"),
    (
        "paragraph",
        "<p>Since 2017, these partnerships have been formalised within the {network}, which aims "
        "to encourage international exchanges of good practice and "
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
        'Relations department in partnership with the <span lang="fr">Conseil départemental du '
        "Puy-de-Dôme</span> (the Puy-de-Dôme county council). It raises citizens' awareness of Europe and its challenges. "
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
# The twin cities' established exonyms, per language (PartnerCityPage.alternative_names): search
# finds Regensburg by "Ratisbonne". Only names in common use; the other cities have none.
ALTERNATIVE_NAMES = {
    "Regensburg": {"fr": ["Ratisbonne"], "en": ["Ratisbon"]},
    "Gomel": {"fr": ["Homiel"], "en": ["Homel", "Homyel"]},
}
MICHELIN_NETWORK_SINCE = 2017

# The seed's "présentation du réseau": what the network is and does, in the seed text's words.
# Its cities are listed by the page from the partner directory (partners.MichelinNetworkPage).
MICHELIN_NETWORK_PAGE = {
    "title_fr": "Réseau International des Villes Michelin",
    "title_en": "International Network of Michelin Cities",
    "slug_fr": "reseau-international-des-villes-michelin",
    "slug_en": "international-network-of-michelin-cities",
    "intro_fr": (
        "Depuis 2017, les partenariats internationaux de Clermont-Ferrand sont formalisés au "
        "sein du Réseau International des Villes Michelin."
    ),
    "intro_en": (
        "Since 2017, Clermont-Ferrand's international partnerships have been formalised within "
        "the International Network of Michelin Cities."
    ),
}
# "plus d'une quarantaine de villes": the network's size as the seed text states it.
MICHELIN_NETWORK_SIZE = 40
MICHELIN_NETWORK_BODY_FR = [
    ("heading", "Ce que fait le réseau"),
    (
        "paragraph",
        "<p>Le Réseau International des Villes Michelin a pour but de favoriser les échanges "
        "internationaux de bonnes pratiques et les coopérations entre des villes du monde entier. "
        "Grâce à ce réseau, le pôle des Relations internationales de la Ville de Clermont-Ferrand "
        "<b>favorise le développement de projets de coopérations internationales.</b></p>",
    ),
    ("heading", "Les villes du réseau"),
    (
        "paragraph",
        "<p>Ce réseau comprend des <b>villes ayant un site de production ou de recherche Michelin "
        "et intègre les villes jumelles de Clermont-Ferrand</b>, avec lesquelles elle continue de "
        "développer des projets (culturels, universitaires, échanges scolaires…). Ville ouverte "
        "sur le monde, Clermont-Ferrand a ainsi tissé des liens avec plus d'une quarantaine de "
        "villes.</p>",
    ),
]
MICHELIN_NETWORK_BODY_EN = [
    ("heading", "What the network does"),
    (
        "paragraph",
        "<p>The International Network of Michelin Cities aims to encourage international "
        "exchanges of good practice and cooperation between cities all over the world. Through "
        "this network, the City of Clermont-Ferrand's International Relations department "
        "<b>fosters the development of international cooperation projects.</b></p>",
    ),
    ("heading", "The cities of the network"),
    (
        "paragraph",
        "<p>The network brings together <b>cities with a Michelin production or research site, "
        "and includes Clermont-Ferrand's twin cities</b>, with which the city continues to develop "
        "projects (cultural, academic, school exchanges…). A city open to the world, "
        "Clermont-Ferrand has thus forged links with more than forty cities.</p>",
    ),
]
# The mission page's words for the network, linked to its page ("{network}" on a new site; on a
# site seeded before the page existed, the same words are made a link).
MISSION_NETWORK_WORDS = {
    "body_fr": "au sein du Réseau International des Villes Michelin, qui a pour but",
    "body_en": "within the International Network of Michelin Cities, which aims",
}
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


# The partners' history entries (year, title FR/EN, text FR/EN): the twinning of each twin city,
# the Michelin network that formalises it since 2017, and the solidarity cooperation with Oyem.
def twinning_history(name, since):
    return {
        "year": since,
        "title_fr": f"Jumelage avec {name}",
        "title_en": f"Twinning with {name}",
        "text_fr": f"Le jumelage entre {name} et Clermont-Ferrand date de {since}.",
        "text_en": f"{name} and Clermont-Ferrand have been twinned since {since}.",
    }


MICHELIN_NETWORK_HISTORY = {
    "year": MICHELIN_NETWORK_SINCE,
    "title_fr": "Partenariat formalisé au sein du Réseau International des Villes Michelin",
    "title_en": "Partnership formalised within the International Network of Michelin Cities",
    "text_fr": (
        "Depuis 2017, les partenariats de Clermont-Ferrand sont formalisés au sein du Réseau "
        "International des Villes Michelin, qui a pour but de favoriser les échanges "
        "internationaux de bonnes pratiques et les coopérations entre des villes du monde entier."
    ),
    "text_en": (
        "Since 2017, Clermont-Ferrand's partnerships have been formalised within the "
        "International Network of Michelin Cities, which aims to foster international exchanges "
        "of good practice and cooperation between cities around the world."
    ),
}

OYEM_HISTORY = {
    "year": 2006,
    "title_fr": "Coopération solidaire avec Oyem",
    "title_en": "Solidarity cooperation with Oyem",
    "text_fr": (
        "Le pôle des Relations internationales conduit des actions de solidarité "
        "internationale avec Oyem (Gabon) depuis 2006."
    ),
    "text_en": (
        "The International Relations department has led international solidarity actions with "
        "Oyem (Gabon) since 2006."
    ),
}


def twin_city_texts(name, since, country_fr, country_en):
    names = {
        f"alternative_names_{language}": "\n".join(values)
        for language, values in ALTERNATIVE_NAMES.get(name, {}).items()
    }
    return {
        **names,
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


# The programmes' official sites, as checked on their own pages: urbact.eu is the URBACT
# programme's; the European Commission presents Creative Europe on culture.ec.europa.eu.
PROGRAMMES = [
    {
        "key": "urbact",
        "name_fr": "Urbact",
        "name_en": "URBACT",
        "acronym": "URBACT",
        "url": "https://urbact.eu/",
    },
    {
        "key": "creative-europe",
        "name_fr": "Europe Créative",
        "name_en": "Creative Europe",
        "acronym": "",
        "url": "https://culture.ec.europa.eu/creative-europe/about-the-creative-europe-programme",
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
    # What the form is for, in the words people search with (the site search reads it, search
    # engines show it).
    "search_description_fr": (
        "Votre association ou votre structure a un projet international ? Demandez l'aide de "
        "la Ville pour trouver des partenaires à l'étranger, une subvention ou un financement."
    ),
    "search_description_en": (
        "Does your association or organisation have an international project? Ask the City for "
        "help to find partners abroad, a grant or funding."
    ),
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
        "Finding partners abroad\nGuidance on co-funding\nAdvice on implementation",
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
        "Run by the City's International Relations department in partnership with the "
        "Puy-de-Dôme departmental council."
    ),
    "body_fr": [
        (
            "paragraph",
            "<p>Informations, documentations, expositions, animations sur l'Union européenne, le "
            "CIED Clermont Puy-de-Dôme est là pour vous !</p>",
        ),
    ],
    "body_en": [
        (
            "paragraph",
            "<p>Information, documentation, exhibitions and events about the European Union: "
            "Europe Direct Clermont Puy-de-Dôme is here for you!</p>",
        ),
    ],
}

# The seed text's "site officiel" of the centre (its site names itself "Centre EUROPE DIRECT
# Clermont Puy-de-Dôme"), and the European Union's page on the network of Europe Direct centres,
# in each language, as checked on those sites.
CIED_LINKS = {
    "website": "https://europedirectclermont63.eu/",
    "network_url_fr": (
        "https://european-union.europa.eu/contact-eu/meet-us/find-closest-europe-direct-centre_fr"
    ),
    "network_url_en": (
        "https://european-union.europa.eu/contact-eu/meet-us/find-closest-europe-direct-centre_en"
    ),
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
# 2005-102). Its conformance status is derived from the audit an editor records (none yet: "not
# conforming"); its sections are those of the RGAA model (template
# clermont_intl/accessibility_statement_page.html).
ACCESSIBILITY = {
    "title_fr": "Déclaration d'accessibilité",
    "title_en": "Accessibility statement",
    "slug_fr": "accessibilite",
    "slug_en": "accessibility",
    "intro_fr": (
        "État de conformité de la section Relations internationales au référentiel général "
        "d'amélioration de l'accessibilité (RGAA), contenus non accessibles, contact et voies de "
        "recours."
    ),
    "intro_en": (
        "How far the International relations section conforms to the French accessibility "
        "standard (RGAA), what is not accessible, whom to contact and how to seek redress."
    ),
    "technologies": "HTML5, CSS",
}

# Where the accessibility statement of an older seed was, so that rerunning the seed replaces it.
FORMER_ACCESSIBILITY_SLUGS = {
    "slug_fr": "accessibilite-ancienne-declaration",
    "slug_en": "accessibility-former-statement",
}

CONTACT_PAGE = {
    "title_fr": "Contact",
    "title_en": "Contact",
    "slug_fr": "contact",
    "slug_en": "contact",
    "intro_fr": (
        "Une question sur les relations internationales de la Ville, sur le Centre d'Information "
        "Europe Direct, ou un problème d'accessibilité sur ce site ? Écrivez au pôle des "
        "Relations internationales."
    ),
    "intro_en": (
        "A question about the City's international relations or the Europe Direct information "
        "centre, or an accessibility problem on this site? Write to the International Relations "
        "department."
    ),
    "thank_you_text_fr": (
        "<p>Merci, votre message a bien été enregistré. Le pôle des Relations internationales "
        "reviendra vers vous.</p>"
    ),
    "thank_you_text_en": (
        "<p>Thank you, your message has been recorded. The International Relations department "
        "will get back to you.</p>"
    ),
    "subject_fr": "Nouveau message du formulaire de contact",
    "subject_en": "New message from the contact form",
    "search_description_fr": (
        "Écrire au pôle des Relations internationales de la Ville de Clermont-Ferrand : une "
        "question, une demande, un problème d'accessibilité."
    ),
    "search_description_en": (
        "Write to the International Relations department of the City of Clermont-Ferrand: a "
        "question, a request, an accessibility problem."
    ),
}

# (clean_name, field_type, required, label FR, label EN, choices FR, choices EN)
CONTACT_FORM_FIELDS = [
    ("name", "singleline", True, "Votre nom", "Your name", "", ""),
    ("email", "email", True, "Adresse électronique", "E-mail address", "", ""),
    (
        "subject",
        "dropdown",
        True,
        "Objet",
        "Subject",
        "Relations internationales\nCentre d'Information Europe Direct\n"
        "Problème d'accessibilité\nAutre",
        "International relations\nEurope Direct information centre\nAccessibility problem\nOther",
    ),
    ("message", "multiline", True, "Votre message", "Your message", "", ""),
]

PRIVACY = {
    "title_fr": "Données personnelles",
    "title_en": "Personal data",
    "slug_fr": "donnees-personnelles",
    "slug_en": "personal-data",
    "intro_fr": (
        "Comment la Ville de Clermont-Ferrand traite les données personnelles que vous lui "
        "transmettez par les formulaires de cette section, et comment exercer vos droits."
    ),
    "intro_en": (
        "How the City of Clermont-Ferrand processes the personal data you send it through the "
        "forms of this section, and how to exercise your rights."
    ),
}

PRIVACY_BODY_FR = [
    ("heading", "Responsable du traitement"),
    ("paragraph", "<p>La Ville de Clermont-Ferrand, représentée par son maire.</p>"),
    ("heading", "Données recueillies et finalités"),
    (
        "paragraph",
        "<p>Les formulaires de cette section recueillent ce que vous y saisissez :</p><ul>"
        "<li>la demande d'accompagnement de projet international : le nom de votre structure, "
        "la personne à contacter, son adresse électronique, son téléphone si vous le donnez, "
        "votre projet ;</li>"
        "<li>le formulaire de contact : votre nom, votre adresse électronique, l'objet et votre "
        "message.</li></ul>"
        "<p>Ces données servent uniquement à traiter votre demande et à vous répondre.</p>",
    ),
    ("heading", "Base légale"),
    (
        "paragraph",
        "<p>Le traitement est nécessaire à l'exécution d'une mission d'intérêt public dont la "
        "Ville est investie (article 6, paragraphe 1, point e, du règlement général sur la "
        "protection des données).</p>",
    ),
    ("heading", "Destinataires"),
    (
        "paragraph",
        "<p>Le pôle des Relations internationales de la Ville de Clermont-Ferrand. Vos données ne "
        "sont ni vendues ni cédées à des tiers.</p>",
    ),
]

PRIVACY_BODY_EN = [
    ("heading", "Controller"),
    (
        "paragraph",
        "<p>The City of Clermont-Ferrand, represented by its mayor.</p>",
    ),
    ("heading", "Data collected and purposes"),
    (
        "paragraph",
        "<p>The forms of this section collect what you type in them:</p><ul>"
        "<li>the request for support with an international project: the name of your "
        "organisation, the contact person, their e-mail address, their telephone number if you "
        "give it, your project;</li>"
        "<li>the contact form: your name, your e-mail address, the subject and your message."
        "</li></ul>"
        "<p>These data are used only to handle your request and to answer you.</p>",
    ),
    ("heading", "Legal basis"),
    (
        "paragraph",
        "<p>The processing is necessary for the performance of a task carried out in the public "
        "interest vested in the City (article 6(1)(e) of the General Data Protection "
        "Regulation).</p>",
    ),
    ("heading", "Recipients"),
    (
        "paragraph",
        "<p>The International Relations department of the City of Clermont-Ferrand. Your data "
        "are neither sold nor passed on to third parties.</p>",
    ),
]

LEGAL = {
    "title_fr": "Mentions légales",
    "title_en": "Legal notice",
    "slug_fr": "mentions-legales",
    "slug_en": "legal-notice",
    # Says nothing of the host: that section is shown only once the settings name it.
    "intro_fr": (
        "Qui publie la section Relations internationales du site de la Ville de "
        "Clermont-Ferrand, et à quelles conditions réutiliser ses contenus."
    ),
    "intro_en": (
        "Who publishes the International relations section of the City of Clermont-Ferrand's "
        "website, and on what terms its content may be reused."
    ),
}
# The legal notice's introduction of an earlier seed, which announced a host section that the
# page shows only once the host is set.
FORMER_LEGAL_INTRO = {
    "intro_fr": "Éditeur, directeur de la publication, hébergeur, propriété intellectuelle et crédits.",
    "intro_en": "Publisher, director of publication, host, intellectual property and credits.",
}

# The city hall's street is a public fact; its full postal address (number, CEDEX) was not
# checked and is left to the editors. The host is a setting.
LEGAL_BODY_FR = [
    ("heading", "Éditeur"),
    (
        "paragraph",
        "<p>Ville de Clermont-Ferrand, Hôtel de Ville, rue Philippe-Marcombes, "
        "Clermont-Ferrand.</p>",
    ),
    ("heading", "Directeur de la publication"),
    ("paragraph", "<p>Le maire de Clermont-Ferrand.</p>"),
    ("heading", "Propriété intellectuelle"),
    (
        "paragraph",
        "<p>Sauf mention contraire, les textes et images de cette section appartiennent à la "
        "Ville de Clermont-Ferrand ; pour les réutiliser, adressez-vous au pôle des Relations "
        "internationales. Les données ouvertes des villes partenaires et des événements sont "
        "publiées sous la Licence Ouverte 2.0 (Etalab).</p>",
    ),
    ("heading", "Crédits"),
    (
        "paragraph",
        "<p>Contours des pays de la carte des villes partenaires : Natural Earth (domaine "
        "public). Site construit avec le logiciel libre Wagtail.</p>",
    ),
]

LEGAL_BODY_EN = [
    ("heading", "Publisher"),
    (
        "paragraph",
        '<p><span lang="fr">Ville de Clermont-Ferrand, Hôtel de Ville, rue '
        "Philippe-Marcombes</span>, Clermont-Ferrand, France.</p>",
    ),
    ("heading", "Director of publication"),
    ("paragraph", "<p>The mayor of Clermont-Ferrand.</p>"),
    ("heading", "Intellectual property"),
    (
        "paragraph",
        "<p>Unless stated otherwise, the texts and images of this section belong to the City of "
        "Clermont-Ferrand; to reuse them, contact the International Relations department. The "
        "open data on partner cities and events are published under the "
        '<span lang="fr">Licence Ouverte 2.0</span> (Etalab Open Licence).</p>',
    ),
    ("heading", "Credits"),
    (
        "paragraph",
        "<p>Country outlines of the partner city map: Natural Earth (public domain). Site built "
        "with the free software Wagtail.</p>",
    ),
]

# The home page's key figures, from the seed text (figure, what it counts, key of the page that
# tells more); editors change them in the admin.
HOME_KEY_FIGURES_FR = [
    ("7", "villes jumelles, la première depuis 1966", "partners"),
    ("40+", "villes avec lesquelles Clermont-Ferrand a tissé des liens", "network"),
    ("2006", "coopération solidaire avec Oyem, au Gabon", "oyem"),
    ("2018", "label « Centre d'Information Europe Direct » pour le CIED", "cied"),
]
HOME_KEY_FIGURES_EN = [
    ("7", "twin cities, the first twinned in 1966", "partners"),
    ("40+", "cities Clermont-Ferrand has forged links with", "network"),
    ("2006", "solidarity cooperation with Oyem, Gabon", "oyem"),
    ("2018", "“Europe Direct information centre” label for the centre", "cied"),
]

# Pages put forward on a new home page (editors change them in the admin), by page key.
HOME_HIGHLIGHTS = ["partners", "support", "cied"]

# Corrections of text seeded by earlier versions, applied when the seed runs again on an existing
# site: (model label, French slug, field, old text, new text). Only the exact old text is
# replaced, so an editor's own wording is left alone.
# Pages whose search description an earlier seed left empty: filled when the seed runs again.
SEARCH_DESCRIPTIONS = [
    ("projects.ProjectSupportFormPage", SUPPORT_FORM),
    ("clermont_intl.ContactFormPage", CONTACT_PAGE),
]

CORRECTIONS = [
    (
        "clermont_intl.MissionPage",
        MISSION["slug_fr"],
        "body_fr",
        "création du Réseau International des Villes Michelin",
        "partenariats formalisés au sein du Réseau International des Villes Michelin",
    ),
    (
        "clermont_intl.MissionPage",
        MISSION["slug_fr"],
        "body_en",
        "the International Network of Michelin Cities is founded",
        "partnerships formalised within the International Network of Michelin Cities",
    ),
    (
        "clermont_intl.MissionPage",
        MISSION["slug_fr"],
        "body_en",
        "twin cities, the first since 1966",
        "twin cities, the first twinned in 1966",
    ),
    (
        "clermont_intl.MissionPage",
        MISSION["slug_fr"],
        "body_en",
        "Relations department in partnership with the Conseil départemental du Puy-de-Dôme (the",
        'Relations department in partnership with the <span lang="fr">Conseil départemental du '
        "Puy-de-Dôme</span> (the",
    ),
    (
        "cied.CiedPage",
        CIED["slug_fr"],
        "body_fr",
        "<p>Ville européenne, Clermont-Ferrand est labellisée « Centre d'Information Europe "
        "Direct » par la Commission Européenne depuis 2018. Ce CIED est géré par le pôle des "
        "Relations internationales de la Ville, en partenariat avec le Conseil départemental "
        "du Puy-de-Dôme.</p><p>Il sensibilise et informe les citoyens sur l'Europe et ses enjeux. "
        "Informations, documentations",
        "<p>Informations, documentations",
    ),
    (
        "cied.CiedPage",
        CIED["slug_fr"],
        "body_en",
        "<p>A European city, Clermont-Ferrand has held the “Europe Direct information centre” "
        "label from the European Commission since 2018. The centre is run by the City's "
        "International Relations department in partnership with the Conseil départemental du "
        "Puy-de-Dôme (the Puy-de-Dôme county council).</p><p>It raises citizens' awareness of "
        "Europe and its challenges. Information, documentation",
        "<p>Information, documentation",
    ),
    (
        "cied.CiedPage",
        CIED["slug_fr"],
        "partnership_en",
        "in partnership with the Conseil départemental du Puy-de-Dôme (the Puy-de-Dôme county "
        "council).",
        "in partnership with the Puy-de-Dôme departmental council.",
    ),
    *(
        ("clermont_intl.LegalNoticePage", LEGAL["slug_fr"], name, old, LEGAL[name])
        for name, old in FORMER_LEGAL_INTRO.items()
    ),
    (
        "projects.ProjectSupportFormField",
        SUPPORT_FORM["slug_fr"],
        "choices_en",
        "Pointers to co-funding",
        "Guidance on co-funding",
    ),
]
