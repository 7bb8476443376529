"""Checks of sessions that meet: people or speakers in two places at once, visits, hours in a day."""
from __future__ import annotations

import datetime as dt

from scheduler.checker.base import (Violation, audience_en, audience_fr, audience_key, by_day, date_fr, folded, hhmm,
                                    hours_text, ids, is_cohort, name_en, name_fr, overlapping_pairs, overlaps,
                                    same_people)
from scheduler.checker.facts import Facts
from scheduler.core.domain import COHORT, VISIT, Session


def check_audience_overlap(facts: Facts) -> list[Violation]:
    """Nobody is in two places at once: overlapping sessions or events never share participants."""
    found = []
    for sessions in by_day(facts.sessions).values():
        for a, b in overlapping_pairs(sessions):
            if not same_people(a.audience, b.audience):
                continue
            who_fr = audience_fr(b.audience if is_cohort(a.audience) else a.audience)
            who_en = audience_en(b.audience if is_cohort(a.audience) else a.audience)
            found.append(Violation(
                "audience_overlap", (a.session_id, b.session_id),
                f"{name_fr(a)} et {name_fr(b, False)} se chevauchent : {who_fr} ne peut pas être à deux endroits "
                f"à la fois.",
                f"{name_en(a)} and {name_en(b, False)} overlap: {who_en} cannot be in two places at once."))
    return found


def check_speaker_overlap(facts: Facts) -> list[Violation]:
    """A speaker gives one session at a time."""
    found = []
    for sessions in by_day(s for s in facts.sessions if not s.is_event).values():
        for a, b in overlapping_pairs(sessions):
            speaker = facts.speaker_of(a)
            if not speaker or speaker != facts.speaker_of(b):
                continue
            found.append(Violation(
                "speaker_overlap", (a.session_id, b.session_id),
                f"{name_fr(a)} et {name_fr(b, False)} se chevauchent : {speaker} ne peut pas donner deux séances "
                f"à la fois.",
                f"{name_en(a)} and {name_en(b, False)} overlap: {speaker} cannot give two sessions at once."))
    return found

def check_visit_half_day(facts: Facts) -> list[Violation]:
    """A company visit takes its whole half-day for its audience (travel)."""
    found = []
    seen: set[frozenset[str]] = set()
    for sessions in by_day(facts.sessions).values():
        for visit in sessions:
            if visit.is_event or folded(facts.format_of(visit)) != folded(VISIT):
                continue
            half = facts.calendar.half_day_starting(visit.start)
            if half is None:
                continue  # check_half_day reports it
            for other in sessions:
                pair = frozenset((visit.session_id, other.session_id))
                if other is visit or pair in seen or not same_people(visit.audience, other.audience):
                    continue
                if overlaps(visit, other) or not (other.start < half[1] and half[0] < other.end):
                    continue  # overlaps are check_audience_overlap's; outside the half-day is fine
                seen.add(pair)
                found.append(Violation(
                    "visit_half_day", (visit.session_id, other.session_id),
                    f"{name_fr(visit)} est une visite : elle occupe toute la demi-journée "
                    f"({hhmm(half[0])}–{hhmm(half[1])}) de {audience_fr(visit.audience)}, or "
                    f"{name_fr(other, False)} a lieu dans la même demi-journée.",
                    f"{name_en(visit)} is a company visit: it takes the whole half-day "
                    f"({hhmm(half[0])}–{hhmm(half[1])}) of {audience_en(visit.audience)}, yet "
                    f"{name_en(other, False)} takes place in the same half-day."))
    return found


def group_ids(facts: Facts) -> list[str]:
    """Every project group: the problem's projects and any other group audience in the timetable."""
    groups = {audience_key(p.id): p.id for p in facts.problem.projects}
    for s in facts.sessions:
        if not is_cohort(s.audience):
            groups.setdefault(audience_key(s.audience), s.audience.strip())
    return sorted(groups.values())


def check_daily_hours(facts: Facts) -> list[Violation]:
    """No participant has more than the daily maximum of sessions and events in a day."""
    found = []
    limit = facts.programme.max_minutes_per_day
    groups = group_ids(facts)
    for day, sessions in by_day(facts.sessions).items():
        cohort = [s for s in sessions if is_cohort(s.audience)]
        cohort_minutes = sum(s.minutes for s in cohort)
        if cohort_minutes > limit or not groups:
            if cohort_minutes > limit:
                found.append(daily_hours_violation(day, COHORT, cohort, cohort_minutes, limit))
            continue
        for group in groups:
            own = [s for s in sessions if not is_cohort(s.audience) and audience_key(s.audience) == audience_key(group)]
            total = cohort_minutes + sum(s.minutes for s in own)
            if total > limit:
                found.append(daily_hours_violation(day, group, cohort + own, total, limit))
    return found


def daily_hours_violation(day: dt.date, audience: str, sessions: list[Session], total: int,
                          limit: int) -> Violation:
    listed = ", ".join(ids(sessions))
    return Violation(
        "daily_hours", ids(sessions),
        f"Le {date_fr(day)}, {audience_fr(audience)} a {hours_text(total)} de séances et d'événements "
        f"({listed}), au-delà du maximum de {hours_text(limit)} par jour.",
        f"On {day.isoformat()}, {audience_en(audience)} has {hours_text(total)} of sessions and events "
        f"({listed}), over the maximum of {hours_text(limit)} a day.")
