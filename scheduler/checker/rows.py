"""Checks of the rows themselves: fixed events present, rows agreeing with their offer, project groups."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from scheduler.checker.base import (Violation, audience_en, audience_fr, audience_key, date_fr, folded, hhmm, name_en,
                                    name_fr)
from scheduler.checker.calendar import Calendar
from scheduler.checker.facts import Facts
from scheduler.core.domain import FixedEvent, Offer, Session
from scheduler.core.vocabularies import term_text
from scheduler.core.words import count_word


def expected_event_days(calendar: Calendar, event: FixedEvent) -> list[dt.date]:
    """Days a fixed event occurs on: its date, or its weekday on every working day of the programme."""
    return [day for day in sorted(calendar.week_of)
            if calendar.repeats_on(day, event.date, event.weekday, event.first, event.last)]


def event_key(day: dt.date, start: int, end: int, audience: str, title: str | None) -> tuple:
    return (day, start, end, audience_key(audience), None if title is None else folded(title))


def check_fixed_events(facts: Facts) -> list[Violation]:
    """Every fixed event occurrence is in the timetable at its time, and no row is an unknown event."""
    expected = [(e, day) for e in facts.problem.events for day in expected_event_days(facts.calendar, e)]
    rows = list(facts.events)
    for strict in (True, False):  # first by title too, then a renamed row at the right time still counts
        unmatched = []
        for event, day in expected:
            wanted = event_key(day, event.start, event.end, event.audience, event.title if strict else None)
            row = next((r for r in rows if event_key(r.day, r.start, r.end, r.audience,
                                                     r.title if strict else None) == wanted), None)
            if row is None:
                unmatched.append((event, day))
            else:
                rows.remove(row)
        expected = unmatched
    found = [Violation(
        "fixed_events", (),
        f"L'événement « {e.title} » du {date_fr(day)} de {hhmm(e.start)} à {hhmm(e.end)} "
        f"({audience_fr(e.audience)}) manque au planning.",
        f"Event '{e.title}' on {day.isoformat()} from {hhmm(e.start)} to {hhmm(e.end)} "
        f"({audience_en(e.audience)}) is missing from the timetable.") for e, day in expected]
    found += [Violation(
        "fixed_events", (r.session_id,),
        f"{name_fr(r)} : cette ligne sans intervention ne correspond à aucun événement de la feuille "
        f"{facts.problem.names.sheet_named('events', 'fr')} (à cette date, cette heure et pour "
        f"{audience_fr(r.audience)}).",
        f"{name_en(r)}: this row without an offer matches no event of the "
        f"{facts.problem.names.sheet_named('events', 'en')} sheet "
        f"(at that date, time and for {audience_en(r.audience)}).") for r in rows]
    return found


def offer_mismatches(facts: Facts, s: Session, offer: Offer) -> list[tuple[str, str, str, str]]:
    """(French column, English column, row value, expected value) for each column that disagrees with the offer."""
    speaker = facts.speakers.get(offer.speaker)
    expected = [("Titre", "title", s.title, offer.title), ("Thème", "theme", s.theme, offer.theme),
                ("Format", "format", s.format, offer.format), ("Intervenant", "speaker", s.speaker, offer.speaker),
                ("Organisation", "organisation", s.organisation, speaker.organisation if speaker else "")]
    wrong = [(fr, en, got, want) for fr, en, got, want in expected
             if got.strip() and want and folded(got) != folded(want)]
    if audience_key(s.audience) != audience_key(offer.audience):
        wrong.append(("Public", "audience", s.audience, offer.audience))
    return wrong


def calendar_mismatches(facts: Facts, s: Session) -> list[tuple[str, str, str, str]]:
    """The `Semaine` and `Phase` columns against the session's date."""
    week = facts.calendar.week_of.get(s.day)
    if week is None:
        return []  # check_working_day reports it
    phase = facts.calendar.phase_of_week(week)
    wrong = []
    if s.week != week:
        wrong.append(("Semaine", "week", str(s.week), str(week)))
    if s.phase != phase:
        wrong.append(("Phase", "phase", str(s.phase), str(phase)))
    return wrong


def check_session_matches_offer(facts: Facts) -> list[Violation]:
    """Each row names a known offer and agrees with it (audience, title, ...) and with its date (week, phase)."""
    found = []
    for session_id, n in sorted(Counter(s.session_id for s in facts.sessions).items()):
        if n > 1:
            found.append(Violation(
                "session_matches_offer", (session_id,),
                f"{n} lignes portent le même identifiant de séance {session_id} ; chaque séance doit avoir le sien.",
                f"{n} rows share the session ID {session_id}; each session needs its own."))
    for s in facts.sessions:
        offer = facts.offer_of(s)
        if not s.is_event and offer is None:
            found.append(Violation(
                "session_matches_offer", (s.session_id,),
                f"{name_fr(s)} : l'intervention {s.offer_id} n'existe pas dans la feuille "
                f"{facts.problem.names.sheet_named('offers', 'fr')}.",
                f"{name_en(s)}: offer {s.offer_id} does not exist in the "
                f"{facts.problem.names.sheet_named('offers', 'en')} sheet."))
            continue
        wrong = calendar_mismatches(facts, s) + (offer_mismatches(facts, s, offer) if offer else [])
        for col_fr, col_en, got, want in wrong:
            english = (term_text("formats", got, "en"), term_text("formats", want, "en")) if col_en == "format" \
                else (got, want)  # a format in the words of the English exports
            found.append(Violation(
                "session_matches_offer", (s.session_id,),
                f"{name_fr(s)} : la colonne « {col_fr} » indique « {got} » alors qu'il faut « {want} ».",
                f"{name_en(s)}: column '{col_en}' says '{english[0]}' where '{english[1]}' is expected."))
    return found


def check_group_size(facts: Facts) -> list[Violation]:
    """Every listed participant is in exactly one project group, each group within its size limits."""
    participants = {p.name.strip() for p in facts.problem.participants}
    if not participants:
        return []
    projects = {p.id.strip(): p for p in facts.problem.projects}
    found = []
    assigned: dict[str, set[str]] = defaultdict(set)
    for name, project in facts.groups:
        assigned[name.strip()].add(project.strip())
    for name in sorted(participants):
        chosen = sorted(assigned.get(name, ()))
        if len(chosen) == 1:
            continue
        if not chosen:
            found.append(group_violation(f"{name} n'est dans aucun groupe de projet.",
                                         f"{name} is in no project group."))
        else:
            found.append(group_violation(f"{name} est dans plusieurs groupes de projet ({', '.join(chosen)}).",
                                         f"{name} is in several project groups ({', '.join(chosen)})."))
    sheets = {(sheet, lang): facts.problem.names.sheet_named(sheet, lang)
              for sheet in ("participants", "projects") for lang in ("fr", "en")}
    for name in sorted(set(assigned) - participants):
        found.append(group_violation(
            f"{name} figure dans les groupes mais pas dans la feuille {sheets['participants', 'fr']}.",
            f"{name} is in the groups but not in the {sheets['participants', 'en']} sheet."))
    for project in sorted({p for chosen in assigned.values() for p in chosen} - set(projects)):
        found.append(group_violation(
            f"Le projet {project} des groupes n'existe pas dans la feuille {sheets['projects', 'fr']}.",
            f"Project {project} of the groups does not exist in the {sheets['projects', 'en']} sheet."))
    for project in projects.values():
        size = sum(1 for name, chosen in assigned.items() if name in participants and project.id.strip() in chosen)
        found += size_violations(project.id, size, project.min_size, project.max_size)
    return found


def group_violation(fr: str, en: str) -> Violation:
    return Violation("group_size", (), fr, en)


def size_violations(project: str, size: int, low: int | None, high: int | None) -> list[Violation]:
    if low is not None and size < low:
        return [group_violation(
            f"Le groupe du projet {project} compte {count_word('groups.people', size, 'fr')} ; il en faut au moins "
            f"{low}.",
            f"Project {project}'s group has {count_word('groups.people', size, 'en')}; it needs at least {low}.")]
    if high is not None and size > high:
        return [group_violation(
            f"Le groupe du projet {project} compte {count_word('groups.people', size, 'fr')} ; il en faut au plus "
            f"{high}.",
            f"Project {project}'s group has {count_word('groups.people', size, 'en')}; it allows at most {high}.")]
    return []
