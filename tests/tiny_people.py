"""A tiny cohort with people, built in code: speakers with and without e-mail, a project group, a timetable."""
from __future__ import annotations

import datetime as dt

from scheduler.checker import violations
from scheduler.core.domain import (COHORT, COMPANY, CONFERENCE, MENTORING, WORKSHOP, FixedEvent, Offer,
                                   Organisation, Participant, Problem, Programme, Project, Session, Speaker,
                                   Theme, Timetable, Window)

MONDAY = dt.date(2026, 11, 2)
H = 60


def people_problem(coordinator: bool = True, attendance_events: bool = False) -> Problem:
    programme = Programme("Promo Test", MONDAY, weeks=4, phase1_weeks=2, min_sessions_per_theme=0,
                          location="Maison de l'Emploi, Nancy",
                          coordinator="Sophie Martin" if coordinator else "",
                          coordinator_email="sophie.martin@exemple.fr" if coordinator else "",
                          attendance_events=attendance_events)
    speakers = (Speaker("Léa Dupont", "Numéria", "lea.dupont@exemple.fr", share_contact=True),
                Speaker("Marc Sansmail", "Numéria"),
                Speaker("Paul Mentor", "Acme", "paul.mentor@exemple.fr"))
    offers = (Offer("I1", "Léa Dupont", "Les métiers du web", "A", CONFERENCE, 2 * H, phase=1),
              Offer("I2", "Marc Sansmail", "Atelier CV", "A", WORKSHOP, 3 * H, phase=1),
              Offer("I3", "Paul Mentor", "Suivi P1", "A", MENTORING, 2 * H, phase=2, count=2, project="P1"))
    windows = tuple(Window(s.name, weekday=d, first=MONDAY, last=MONDAY + dt.timedelta(weeks=4))
                    for s in speakers for d in range(5))
    participants = (Participant("Ana Bernard", "ana@exemple.fr"), Participant("Bob Colin", "bob@exemple.fr"),
                    Participant("Chloé Durand"))
    return Problem(programme, themes=(Theme("A"),),
                   organisations=(Organisation("Numéria", COMPANY), Organisation("Acme", COMPANY)),
                   speakers=speakers, offers=offers, windows=windows,
                   events=(FixedEvent("Accueil", 9 * H, 10 * H, date=MONDAY),),
                   projects=(Project("P1", "Site pour une association", "Acme"),
                             Project("P2", "Appli mobile", "Numéria")), participants=participants)


def session(session_id: str, offer: str, day: dt.date, start: int, end: int, title: str, fmt: str = CONFERENCE,
            speaker: str = "", organisation: str = "", audience: str = COHORT, week: int = 1) -> Session:
    return Session(session_id, offer, day, start, end, week, 1 if week <= 2 else 2, title, "A" if offer else "",
                   fmt if offer else "", speaker, organisation, audience)


def people_timetable() -> Timetable:
    sessions = (session("accueil", "", MONDAY, 9 * H, 10 * H, "Accueil"),
                session("I1-1", "I1", MONDAY, 10 * H, 12 * H, "Les métiers du web", CONFERENCE, "Léa Dupont",
                        "Numéria"),
                session("I2-1", "I2", MONDAY + dt.timedelta(days=1), 9 * H, 12 * H, "Atelier CV", WORKSHOP,
                        "Marc Sansmail", "Numéria"),
                session("I3-1", "I3", MONDAY + dt.timedelta(weeks=2), 14 * H, 16 * H, "Suivi P1", MENTORING,
                        "Paul Mentor", "Acme", "P1", week=3),
                session("I3-2", "I3", MONDAY + dt.timedelta(weeks=3), 14 * H, 16 * H, "Suivi P1", MENTORING,
                        "Paul Mentor", "Acme", "P1", week=4))
    return Timetable(sessions, groups=(("Ana Bernard", "P1"), ("Bob Colin", "P1"),
                                        ("Chloé Durand", "P2")))


def checked(problem: Problem, timetable: Timetable) -> Timetable:
    """The timetable, after making sure it obeys every hard rule."""
    assert violations(problem, timetable) == []
    return timetable
