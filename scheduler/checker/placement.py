"""Checks of where one session lies: its speaker's windows, a working day, a half-day, the grid, its phase."""
from __future__ import annotations

from scheduler.checker.base import Violation, hhmm, hours_text, name_en, name_fr
from scheduler.checker.calendar import Calendar
from scheduler.checker.facts import Facts
from scheduler.core.domain import Session, Window


def window_covers(calendar: Calendar, window: Window, s: Session) -> bool:
    """Whether the speaker's window holds the session entirely."""
    if not calendar.repeats_on(s.day, window.date, window.weekday, window.first, window.last):
        return False
    start = calendar.programme.morning[0] if window.start is None else window.start
    end = calendar.programme.afternoon[1] if window.end is None else window.end
    return start <= s.start and s.end <= end


def check_availability(facts: Facts) -> list[Violation]:
    """A session lies entirely inside one availability window of its speaker."""
    found = []
    for s in facts.placed:
        speaker = facts.speaker_of(s)
        windows = [w for w in facts.problem.windows if w.speaker == speaker]
        if any(window_covers(facts.calendar, w, s) for w in windows):
            continue
        found.append(Violation(
            "availability", (s.session_id,),
            f"{name_fr(s)} : {speaker} n'est pas disponible à ce moment (aucune de ses disponibilités "
            f"ne couvre ce créneau).",
            f"{name_en(s)}: {speaker} is not available then (none of their availability windows covers it)."))
    return found


def check_working_day(facts: Facts) -> list[Violation]:
    """A session or event falls on a working day of the programme, within the programme weeks."""
    found = []
    for s in facts.sessions:
        if s.day in facts.calendar.week_of:
            continue
        why_fr, why_en = facts.calendar.why_not_working(s.day)
        found.append(Violation(
            "working_day", (s.session_id,),
            f"{name_fr(s)} : ce jour n'est pas un jour de travail du programme, car {why_fr}.",
            f"{name_en(s)}: that day is not a working day of the programme, because {why_en}."))
    return found


def check_half_day(facts: Facts) -> list[Violation]:
    """A session lies inside the morning or inside the afternoon, never across lunch."""
    found = []
    p = facts.programme
    for s in facts.sessions:
        if s.is_event:
            continue
        if s.end <= s.start:
            found.append(Violation(
                "half_day", (s.session_id,),
                f"{name_fr(s)} : la séance finit avant d'avoir commencé.",
                f"{name_en(s)}: the session ends before it starts."))
        elif facts.calendar.half_day_of(s.start, s.end) is None:
            found.append(Violation(
                "half_day", (s.session_id,),
                f"{name_fr(s)} : la séance doit tenir dans la matinée ({hhmm(p.morning[0])}–{hhmm(p.morning[1])}) "
                f"ou dans l'après-midi ({hhmm(p.afternoon[0])}–{hhmm(p.afternoon[1])}), sans déborder sur la pause "
                f"de midi.",
                f"{name_en(s)}: the session must fit inside the morning ({hhmm(p.morning[0])}–{hhmm(p.morning[1])}) "
                f"or the afternoon ({hhmm(p.afternoon[0])}–{hhmm(p.afternoon[1])}), not across lunch."))
    return found


def check_time_grid(facts: Facts) -> list[Violation]:
    """A session starts on the time grid of its half-day and lasts exactly its offer's duration."""
    found = []
    slot = facts.programme.slot_minutes
    for s in facts.sessions:
        if s.is_event:
            continue
        half = facts.calendar.half_day_starting(s.start)
        if slot > 0 and half is not None and (s.start - half[0]) % slot:
            found.append(Violation(
                "time_grid", (s.session_id,),
                f"{name_fr(s)} : le début {hhmm(s.start)} n'est pas sur la grille de {slot} minutes comptée depuis "
                f"{hhmm(half[0])}.",
                f"{name_en(s)}: the start {hhmm(s.start)} is not on the {slot}-minute grid counted from "
                f"{hhmm(half[0])}."))
        offer = facts.offer_of(s)
        if offer is not None and s.minutes != offer.duration_minutes:
            found.append(Violation(
                "time_grid", (s.session_id,),
                f"{name_fr(s)} : la séance dure {hours_text(s.minutes)} alors que l'intervention {offer.id} dure "
                f"{hours_text(offer.duration_minutes)}.",
                f"{name_en(s)}: the session lasts {hours_text(s.minutes)} but offer {offer.id} lasts "
                f"{hours_text(offer.duration_minutes)}."))
    return found


def check_phase(facts: Facts) -> list[Violation]:
    """Phase-1 offers are placed in phase-1 weeks and phase-2 offers in phase-2 weeks."""
    found = []
    for s in facts.placed:
        offer = facts.offers[s.offer_id]
        phase = facts.calendar.phase_of_day(s.day)
        if offer.phase is None or phase is None or phase == offer.phase:
            continue
        week = facts.calendar.week_of[s.day]
        found.append(Violation(
            "phase", (s.session_id,),
            f"{name_fr(s)} : l'intervention {offer.id} appartient à la phase {offer.phase}, mais la semaine {week} "
            f"est en phase {phase}.",
            f"{name_en(s)}: offer {offer.id} belongs to phase {offer.phase}, but week {week} is in phase {phase}."))
    return found
