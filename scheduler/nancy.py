"""The realistic example: La Place des Compétences Numériques, Nancy, cohort of November 2026.

Partners, speakers and offers are written out by hand (invented names, plausible for the Nancy
area); the availability windows come from a planted timetable (see `scheduler.synthetic`) with a
fixed seed, so the example is feasible with room to spare and the same on every run.

    python -m scheduler.nancy examples/nancy-novembre-2026.xlsx
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import replace
from pathlib import Path

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (ASSOCIATION, COACHING, COMPANY, CONFERENCE, LOCAL_AUTHORITY, MENTORING, OTHER,
                              TRAINING_BODY, VISIT, WORKSHOP, Closure, Offer, Organisation, Participant, Problem,
                              Programme, Project, Speaker, Timetable, default_phase)
from scheduler.synthetic import (THEMES, availability, email, missing_required, plant, standard_events,
                                 theme_shortfalls, with_rows)

SEED = 2026
EXAMPLE_PATH = Path("examples/nancy-novembre-2026.xlsx")
HOME = "Maison de l'Emploi du Grand Nancy"

DEV, DATA, CYBER, INFRA, UX, MKT, PROJ, JOBS = (t.name for t in THEMES)

PROGRAMME = Programme(
    name="Place des Compétences Numériques — Promo Novembre 2026",
    start_date=dt.date(2026, 11, 2),
    weeks=12,
    phase1_weeks=6,
    max_minutes_per_day=6 * 60,
    min_sessions_per_theme=2,
    max_sessions_per_organisation=3,
    holidays="FR",
    timezone="Europe/Paris",
    location=f"{HOME}, Nancy",
)

CLOSURES = (Closure(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "Vacances de Noël"),)

# Partner -> type, and the speakers each one sends.
PARTNERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Tomorrow Jobs", COMPANY, ("Claire Vasseur", "Julien Marchal")),
    ("Stanislas Web Factory", COMPANY, ("Thomas Girard", "Nadia Benali")),
    ("Rives de Meurthe Informatique", COMPANY, ("Olivier Lambert",)),
    ("Brabois Logiciels", COMPANY, ("Damien Arnould",)),
    ("Data Meurthe Analytics", COMPANY, ("Sophie Renaud", "Karim Haddad")),
    ("Lorraine IA Solutions", COMPANY, ("Élise Fontaine",)),
    ("Cyberdéfense Lorraine", COMPANY, ("Mathieu Perrin", "Inès Cordier")),
    ("Nuage Est Hébergement", COMPANY, ("Franck Muller",)),
    ("ESN Grand Est Services", COMPANY, ("Aurélie Schmitt",)),
    ("Vandœuvre Cloud Services", COMPANY, ("Hugo Klein",)),
    ("Pixel & Plume Studio", COMPANY, ("Camille Roussel", "Lucas Bernard")),
    ("Atelier Graphique Saint-Epvre", COMPANY, ("Manon Jacquot",)),
    ("Growth Lab Nancy", COMPANY, ("Antoine Collin", "Sarah Weber")),
    ("Agence Comète Marketing", COMPANY, ("Laura Mangin",)),
    ("Charles III Conseil", COMPANY, ("Pierre Thiriet",)),
    ("Kanban & Co Conseil", COMPANY, ("Émilie Husson",)),
    ("Métropole du Grand Nancy", LOCAL_AUTHORITY, ("Isabelle Gérard",)),
    ("Ville de Nancy", LOCAL_AUTHORITY, ("Nicolas Lemoine", "Céline Michel")),
    ("Région Grand Est", LOCAL_AUTHORITY, ("Valérie Koenig", "Stéphane Hoffmann")),
    ("Conseil départemental de Meurthe-et-Moselle", LOCAL_AUTHORITY, ("Bruno Colin",)),
    ("Ville de Vandœuvre-lès-Nancy", LOCAL_AUTHORITY, ("Fatima Ziani",)),
    (HOME, ASSOCIATION, ("Hélène Barbier", "Yasmine Aubert")),
    ("Numérique Solidaire Lorraine", ASSOCIATION, ("Paul Didier",)),
    ("Les Codeuses de Stanislas", ASSOCIATION, ("Amandine Lefort",)),
    ("Nancy Data Club", ASSOCIATION, ("Romain Grandjean",)),
    ("Fab Lab du Plateau de Haye", ASSOCIATION, ("Kevin Poirson",)),
    ("Femmes & Tech Grand Est", ASSOCIATION, ("Sandrine Clément",)),
    ("Club des Entrepreneurs du Numérique Lorrain", ASSOCIATION, ("Marc Chevalier",)),
    ("École du Code de Nancy", TRAINING_BODY, ("Julie Masson",)),
    ("Campus Numérique Lorrain", TRAINING_BODY, ("David Royer",)),
    ("Institut Cyber Formation Est", TRAINING_BODY, ("Chloé Vautrin",)),
    ("Académie Data Lorraine", TRAINING_BODY, ("Maxime Petitjean",)),
    ("Fabrique Numérique de Nancy", TRAINING_BODY, ("Audrey Simon",)),
    ("France Travail — agence de Nancy", OTHER, ("Philippe Lallemand",)),
    ("Pépinière d'entreprises Nancy Technopôle", OTHER, ("Nathalie Remy",)),
)

SPEAKER_CAPS = {"Laura Mangin": 1, "Lucas Bernard": 2}

# (speaker, title, theme, format, hours, count, required)
DISCOVERY: tuple[tuple[str, str, str, str, float, int, bool], ...] = (
    ("Thomas Girard", "Développeur web : un métier, plusieurs chemins", DEV, CONFERENCE, 2, 1, False),
    ("Julie Masson", "Créer sa première page web en HTML et CSS", DEV, WORKSHOP, 3, 2, False),
    ("Olivier Lambert", "Une journée dans une équipe de développement", DEV, VISIT, 3, 1, False),
    ("Amandine Lefort", "Découvrir la programmation avec Python", DEV, WORKSHOP, 3, 1, False),
    ("Nicolas Lemoine", "Les logiciels libres au service d'une ville", DEV, CONFERENCE, 1.5, 1, False),
    ("Damien Arnould", "Tester un logiciel : le métier de testeur", DEV, CONFERENCE, 1.5, 1, False),
    ("Sophie Renaud", "Analyste, data scientist, data engineer : qui fait quoi ?", DATA, CONFERENCE, 2, 1, False),
    ("Maxime Petitjean", "Le tableur comme un data analyst", DATA, WORKSHOP, 3, 2, False),
    ("Élise Fontaine", "L'intelligence artificielle générative : usages et limites", DATA, CONFERENCE, 1.5, 1,
     False),
    ("Isabelle Gérard", "Les données de la Métropole au service des habitants", DATA, VISIT, 2, 1, False),
    ("Romain Grandjean", "Explorer l'open data du Grand Nancy", DATA, WORKSHOP, 2, 1, False),
    ("Mathieu Perrin", "Les métiers de la cybersécurité", CYBER, CONFERENCE, 2, 1, True),
    ("Chloé Vautrin", "Hygiène numérique : mots de passe et hameçonnage", CYBER, WORKSHOP, 2, 2, False),
    ("Inès Cordier", "Au cœur d'un centre opérationnel de sécurité", CYBER, VISIT, 3, 1, False),
    ("Valérie Koenig", "Protéger les données d'une collectivité", CYBER, CONFERENCE, 1.5, 1, False),
    ("Aurélie Schmitt", "Administrateur systèmes et réseaux au quotidien", INFRA, CONFERENCE, 2, 1, False),
    ("Franck Muller", "Un centre de données régional", INFRA, VISIT, 3, 1, False),
    ("David Royer", "Monter un petit réseau et comprendre Internet", INFRA, WORKSHOP, 3, 1, False),
    ("Hugo Klein", "Le cloud expliqué simplement", INFRA, CONFERENCE, 1, 1, False),
    ("Kevin Poirson", "Objets connectés et Raspberry Pi", INFRA, WORKSHOP, 3.5, 1, False),
    ("Camille Roussel", "UX designer : concevoir pour les utilisateurs", UX, CONFERENCE, 2, 1, False),
    ("Lucas Bernard", "Prototyper une application, du papier à l'écran", UX, WORKSHOP, 3, 2, False),
    ("Paul Didier", "Accessibilité numérique : concevoir pour tous", UX, WORKSHOP, 2, 1, False),
    ("Manon Jacquot", "Dans les coulisses d'un studio de design", UX, VISIT, 2.5, 1, False),
    ("Fatima Ziani", "Tester l'ergonomie des démarches en ligne", UX, WORKSHOP, 2, 1, False),
    ("Antoine Collin", "Growth hacking : grandir vite avec peu de moyens", MKT, CONFERENCE, 2, 1, False),
    ("Sarah Weber", "Une agence de marketing digital de l'intérieur", MKT, VISIT, 2, 1, False),
    ("Laura Mangin", "Construire une campagne sur les réseaux sociaux", MKT, WORKSHOP, 3, 1, False),
    ("Laura Mangin", "Référencement naturel : les bases", MKT, WORKSHOP, 2, 1, False),
    ("Céline Michel", "La communication numérique d'une ville", MKT, CONFERENCE, 1.5, 1, False),
    ("Pierre Thiriet", "Chef de projet numérique : rôle et compétences", PROJ, CONFERENCE, 2, 1, False),
    ("Émilie Husson", "Découvrir Scrum en jouant", PROJ, WORKSHOP, 3, 2, False),
    ("Audrey Simon", "Kanban et outils collaboratifs", PROJ, WORKSHOP, 2, 1, False),
    ("Bruno Colin", "Piloter la transformation numérique d'un département", PROJ, CONFERENCE, 1.5, 1, False),
    ("Marc Chevalier", "Entreprendre dans le numérique", PROJ, CONFERENCE, 1.5, 1, False),
    ("Claire Vasseur", "Panorama des métiers du numérique en Lorraine", JOBS, CONFERENCE, 2, 1, True),
    ("Stéphane Hoffmann", "Se former au numérique : aides et dispositifs", JOBS, CONFERENCE, 1.5, 1, True),
    ("Sandrine Clément", "Femmes et numérique : parcours de reconversion", JOBS, CONFERENCE, 1.5, 1, False),
    ("Hélène Barbier", "Construire son réseau professionnel", JOBS, WORKSHOP, 2, 1, False),
    ("Nathalie Remy", "La pépinière d'entreprises de Nancy Technopôle", JOBS, VISIT, 2, 1, False),
)

# (speaker, title, hours, count, required, phase): coaching for the whole cohort.
COACHINGS: tuple[tuple[str, str, float, int, bool, int | None], ...] = (
    ("Julien Marchal", "Simulations d'entretien d'embauche", 3, 2, True, None),
    ("Claire Vasseur", "Les codes du recrutement dans le numérique", 2, 1, True, None),
    ("Yasmine Aubert", "CV et profil LinkedIn", 3, 2, False, None),
    ("Hélène Barbier", "Pitcher son projet professionnel", 2, 1, False, None),
    ("Philippe Lallemand", "Préparer sa recherche d'emploi après le programme", 2, 1, False, 2),
)

# (ID, title, organisation, mentor, theme, hours, weekly sessions)
PROJECTS: tuple[tuple[str, str, str, str, str, float, int], ...] = (
    ("P1", "Refonte du site de réservation d'un théâtre de quartier", "Stanislas Web Factory", "Nadia Benali",
     DEV, 2, 6),
    ("P2", "Tableau de bord des ventes d'une épicerie coopérative", "Data Meurthe Analytics", "Karim Haddad",
     DATA, 3, 5),
    ("P3", "Campagne d'acquisition pour une application de covoiturage local", "Growth Lab Nancy", "Antoine Collin",
     MKT, 2.5, 6),
)

PARTICIPANTS: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("Yanis Ferreira", ("P1", "P2", "P3")),
    ("Clémence Mathieu", ("P3", "P1", "P2")),
    ("Rachid Bouzid", ("P2", "P1", "P3")),
    ("Océane Leclerc", ("P3", "P2", "P1")),
    ("Grégory Hubert", ("P1", "P3", "P2")),
    ("Samia Chérif", ("P2", "P3", "P1")),
    ("Benoît Adam", ("P1", "P2", "P3")),
    ("Laetitia Noël", ("P3", "P1", "P2")),
    ("Jonathan Pierson", ("P2", "P1", "P3")),
    ("Mélanie Gauthier", ("P1", "P3", "P2")),
    ("Abdelkader Mansouri", ("P2", "P3", "P1")),
    ("Vanessa Lopes", ("P3", "P2", "P1")),
)


def minutes(hours: float) -> int:
    return round(hours * 60)


def organisations() -> tuple[Organisation, ...]:
    return tuple(Organisation(name, kind) for name, kind, _ in PARTNERS)


def speakers() -> tuple[Speaker, ...]:
    return tuple(Speaker(person, name, email(person), SPEAKER_CAPS.get(person))
                 for name, _, people in PARTNERS for person in people)


def offers() -> tuple[Offer, ...]:
    """Discovery offers, coaching, then one weekly mentoring offer per project, numbered I01…"""
    home = {person: name for name, _, people in PARTNERS for person in people}
    made: list[Offer] = []

    def add(speaker: str, title: str, theme: str, format_name: str, hours: float, **details) -> None:
        made.append(Offer(f"I{len(made) + 1:02d}", speaker, title, theme, format_name, minutes(hours), **details))

    for speaker, title, theme, format_name, hours, count, required in DISCOVERY:
        location = f"{home[speaker]}, Nancy" if format_name == VISIT else ""
        add(speaker, f"{format_name} — {title}", theme, format_name, hours, phase=default_phase(format_name),
            count=count, required=required, location=location)
    for speaker, title, hours, count, required, phase in COACHINGS:
        add(speaker, f"{COACHING} — {title}", JOBS, COACHING, hours, phase=phase, count=count, required=required)
    for project_id, _, _, mentor, theme, hours, count in PROJECTS:
        add(mentor, f"{MENTORING} — {project_id}", theme, MENTORING, hours, phase=default_phase(MENTORING),
            count=count, required=True, project=project_id)
    return tuple(made)


def projects() -> tuple[Project, ...]:
    return tuple(Project(pid, title, organisation, 3, 5) for pid, title, organisation, *_ in PROJECTS)


def participants() -> tuple[Participant, ...]:
    return tuple(Participant(name, email(name), wishes) for name, wishes in PARTICIPANTS)


def base_problem() -> Problem:
    """The Nancy cohort without availability windows."""
    calendar = ProgrammeCalendar(PROGRAMME, CLOSURES)
    return Problem(PROGRAMME, THEMES, organisations(), speakers(), offers(), closures=CLOSURES,
                   events=tuple(standard_events(calendar)), projects=projects(), participants=participants())


def nancy_with_plan() -> tuple[Problem, Timetable]:
    """The Nancy example and the planted timetable its windows were built around."""
    problem = base_problem()
    rng = random.Random(SEED)
    timetable = plant(problem, rng)
    missing, shortfalls = missing_required(problem, timetable), theme_shortfalls(problem, timetable)
    if missing or shortfalls:
        raise RuntimeError(f"the Nancy plan misses required offers {missing} or theme minimums {shortfalls}")
    problem = replace(problem, windows=availability(problem, timetable, rng, noise=(1, 3), preferred_share=0.2))
    return with_rows(problem), timetable


def nancy_problem() -> Problem:
    """The realistic Nancy example (SPEC §1 in full: 8 themes, 35 partners, 3 projects, 12 participants)."""
    return nancy_with_plan()[0]


def main(argv: list[str]) -> None:
    from scheduler.workbook.writing import write_problem

    target = Path(argv[0]) if argv else EXAMPLE_PATH
    problem, timetable = nancy_with_plan()
    write_problem(problem, target)
    planted = sum(1 for s in timetable.sessions if s.offer_id)
    print(f"{target}: {len(problem.offers)} offers, {sum(o.count for o in problem.offers)} sessions offered, "
          f"{planted} planted, {len(problem.windows)} availability rows")


if __name__ == "__main__":
    main(sys.argv[1:])
