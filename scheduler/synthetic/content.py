"""What a synthetic cohort talks about and who comes: themes, topics, names, places, formats."""
from __future__ import annotations

import datetime as dt

from scheduler.core.domain import (ASSOCIATION, COACHING, COMPANY, CONFERENCE, LOCAL_AUTHORITY, MENTORING, TRAINING_BODY, VISIT, WORKSHOP, Organisation, Theme)


DEFAULT_START = dt.date(2026, 11, 2)
SEED_OFFSET_WINDOWS = 7919  # the windows draw from their own stream, so content changes do not move them



THEMES: tuple[Theme, ...] = (
    Theme("Développement web et logiciel", "Coder des sites, des applications et des logiciels", "1F77B4"),
    Theme("Data et intelligence artificielle", "Collecter, analyser et valoriser les données ; l'IA au travail",
          "FF7F0E"),
    Theme("Cybersécurité", "Protéger les systèmes, les réseaux et les données", "D62728"),
    Theme("Réseaux, systèmes et cloud", "Installer, exploiter et héberger les infrastructures", "2CA02C"),
    Theme("Design UX/UI", "Concevoir des interfaces utiles, accessibles et agréables", "9467BD"),
    Theme("Marketing digital et growth hacking", "Acquisition, réseaux sociaux, référencement, croissance",
          "8C564B"),
    Theme("Gestion de projet et agilité", "Piloter un projet numérique : Scrum, kanban, organisation", "E377C2"),
    Theme("Métiers du numérique et recrutement", "Découvrir les métiers et réussir son recrutement", "17BECF"),
)
RECRUITMENT_THEME = THEMES[-1].name

TOPICS: dict[str, tuple[str, ...]] = {
    THEMES[0].name: ("le métier de développeur", "première page web en HTML et CSS", "programmer en Python",
                     "tester un logiciel", "du code à la mise en ligne", "les logiciels libres"),
    THEMES[1].name: ("les métiers de la data", "le tableur comme un analyste", "l'IA générative au quotidien",
                     "explorer l'open data", "visualiser des données", "les données d'une entreprise"),
    THEMES[2].name: ("les métiers de la cybersécurité", "hygiène numérique et mots de passe",
                     "reconnaître l'hameçonnage", "un centre de sécurité opérationnel", "protéger ses données",
                     "la sécurité d'une petite entreprise"),
    THEMES[3].name: ("administrer des systèmes", "le cloud expliqué simplement", "monter un petit réseau",
                     "un centre de données", "objets connectés et Raspberry Pi", "le support informatique"),
    THEMES[4].name: ("le métier d'UX designer", "prototyper une application", "accessibilité numérique",
                     "tester l'ergonomie d'un site", "un studio de design", "l'interface d'un service public"),
    THEMES[5].name: ("growth hacking", "construire une campagne sur les réseaux sociaux",
                     "référencement naturel", "la communication numérique", "une agence de marketing",
                     "mesurer l'audience d'un site"),
    THEMES[6].name: ("le métier de chef de projet", "Scrum par le jeu", "kanban et outils collaboratifs",
                     "piloter une transformation numérique", "entreprendre dans le numérique",
                     "animer une réunion efficace"),
    THEMES[7].name: ("panorama des métiers du numérique", "se former au numérique", "réseau professionnel",
                     "parcours de reconversion", "une pépinière d'entreprises", "les codes du recrutement"),
}

COACHING_TOPICS = ("Simulations d'entretien d'embauche", "Les codes du recrutement dans le numérique",
                   "CV et profil LinkedIn", "Pitcher son projet professionnel", "Préparer sa recherche d'emploi")

FORMAT_WORDS = {CONFERENCE: "Conférence", WORKSHOP: "Atelier", VISIT: "Visite", COACHING: "Coaching",
                MENTORING: "Suivi de projet"}

FIRST_NAMES = ("Léa", "Hugo", "Camille", "Nadia", "Thomas", "Inès", "Julien", "Manon", "Karim", "Sophie",
               "Lucas", "Chloé", "Antoine", "Sarah", "Mehdi", "Laura", "Nicolas", "Émilie", "Romain", "Amina",
               "Pierre", "Julie", "Maxime", "Aurélie", "Yacine", "Claire", "Damien", "Élodie", "Bruno", "Fatima",
               "Kevin", "Sandrine", "Paul", "Audrey", "Olivier", "Céline", "David", "Hélène", "Marc", "Nathalie")
LAST_NAMES = ("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
              "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "Fontaine", "Girard", "Mangin",
              "Thiriet", "Colin", "Jacquot", "Husson", "Poirson", "Grandjean", "Vautrin", "Lallemand",
              "Chevalier", "Masson", "Marchal", "Haddad", "Benali", "Klein", "Schmitt", "Muller", "Weber",
              "Koenig", "Hoffmann", "Renaud", "Perrin", "Barbier")
PLACES = ("Stanislas", "Meurthe", "Moselle", "Plateau", "Brabois", "Laxou", "Vandœuvre", "Villers",
          "Malzéville", "Jarville", "Saint-Max", "Tomblaine", "Essey", "Maxéville", "Heillecourt", "Ludres",
          "Seichamps", "Pompey", "Frouard", "Lunéville", "Toul", "Pont-à-Mousson", "Charles III", "Carnot",
          "Thermal", "Saurupt", "Haye", "Amerval", "Gentilly", "Croix-de-Bourgogne")
NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    COMPANY: ("Web Studio {}", "Data {}", "Cyber {}", "Nuage {}", "Pixel {}", "Code {}", "Digital {}",
              "Agence Comète {}", "Logiciels {}", "Conseil {}", "Réseaux {}", "Growth Lab {}"),
    LOCAL_AUTHORITY: ("Mairie de {}", "Service numérique de {}", "Communauté de communes de {}"),
    ASSOCIATION: ("Numérique Solidaire {}", "Les Codeuses de {}", "Fab Lab {}", "Club Data {}",
                  "Femmes & Tech {}"),
    TRAINING_BODY: ("École du Code {}", "Campus Numérique {}", "Institut Cyber {}", "Académie Data {}"),
}
ANCHOR_ORGANISATIONS = (
    Organisation("Maison de l'Emploi du Grand Nancy", ASSOCIATION),
    Organisation("Tomorrow Jobs", COMPANY),
    Organisation("Métropole du Grand Nancy", LOCAL_AUTHORITY),
    Organisation("Région Grand Est", LOCAL_AUTHORITY),
)
TYPE_SHARES = ((COMPANY, 0.5), (LOCAL_AUTHORITY, 0.15), (ASSOCIATION, 0.2), (TRAINING_BODY, 0.15))
FORMAT_WEIGHTS: dict[str, dict[str, int]] = {
    COMPANY: {CONFERENCE: 3, WORKSHOP: 3, VISIT: 3},
    LOCAL_AUTHORITY: {CONFERENCE: 3, WORKSHOP: 1, VISIT: 2},
    ASSOCIATION: {CONFERENCE: 2, WORKSHOP: 4},
    TRAINING_BODY: {CONFERENCE: 1, WORKSHOP: 5},
}
DURATIONS: dict[str, tuple[int, ...]] = {
    CONFERENCE: (60, 90, 90, 120, 120),
    WORKSHOP: (120, 150, 180, 180, 210),
    VISIT: (120, 150, 180, 210),
    COACHING: (90, 120, 180),
    MENTORING: (120, 150, 180),
}
PROJECT_IDEAS = (("Refonte du site vitrine", THEMES[0].name), ("Tableau de bord des ventes", THEMES[1].name),
                 ("Campagne d'acquisition sur les réseaux sociaux", THEMES[5].name),
                 ("Audit de sécurité d'un petit réseau", THEMES[2].name),
                 ("Application de prise de rendez-vous", THEMES[4].name),
                 ("Migration d'un outil interne vers le cloud", THEMES[3].name))
